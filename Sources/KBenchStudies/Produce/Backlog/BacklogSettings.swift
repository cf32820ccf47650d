import KafkaLive

/// `kbench produce --end-to-end --backlog SIZE` (``EndToEndSettings/backlog``): OpenMessaging
/// Benchmark's backlog test. The consumers start paused while the producer builds `bytes` of
/// backlog (delivered value bytes) at the chosen rate, then they are resumed while producing
/// goes on, and the drain is measured (``BacklogResult``).
package struct BacklogSettings: Sendable, Hashable {
    /// Value bytes delivered before the consumers are resumed.
    package var bytes: Int

    /// The backlog counts as drained once the consumers are at most this many records behind
    /// the delivered ones (OpenMessaging Benchmark's `buildAndDrainBacklog` stops at 1000).
    package static let drainedLagRecords = 1000
    /// The largest backlog accepted (1 TiB): more is no benchmark a machine runs.
    package static let largestBytes = 1 << 40

    /// Settings for a backlog of `bytes`.
    package init(bytes: Int) {
        self.bytes = bytes
    }

    /// What the embedded mock cluster keeps of a topic of `partitions` partitions (bytes of
    /// record batches, ``MockCluster/retainedBytesPerPartition`` each).
    package static func embeddedRetainedBytes(partitions: Int) -> Int {
        partitions * MockCluster.retainedBytesPerPartition
    }

    /// Bytes a record adds to its value in an uncompressed batch, about: its length, attributes,
    /// timestamp and offset deltas, key and value lengths and header count (varints), and a
    /// share of the 61-byte batch header.
    static let recordOverheadBytes = 12

    /// The value bytes of `meanValueSize`-byte records that the embedded cluster keeps of
    /// `partitions` partitions (uncompressed; compression lets it keep more): a larger backlog
    /// loses its oldest records before the consumers read them.
    package static func embeddedRetainedValueBytes(partitions: Int, meanValueSize: Double) -> Int {
        let share = meanValueSize / (meanValueSize + Double(recordOverheadBytes))
        return Int(Double(embeddedRetainedBytes(partitions: partitions)) * share)
    }

    /// Why a backlog of `bytes` cannot be built by a run of `limit` with `meanValueSize`-byte
    /// values at `recordsPerSecond` (nil: unpaced, no bound from a duration), nil when it can.
    package static func unreachableReason(bytes: Int, limit: ProduceLimit, meanValueSize: Double, recordsPerSecond: Int?) -> String? {
        switch limit {
        case .messages(let count):
            let most = Double(count) * meanValueSize
            guard Double(bytes) > most else { return nil }
            return "--backlog \(bytes) bytes is more than --messages \(count) × \(Int(meanValueSize.rounded()))-byte values can build (\(Int(most)) bytes)"
        case .duration(let duration):
            guard let recordsPerSecond else { return nil }
            let seconds = Double(milliseconds(duration)) / 1000
            let most = seconds * Double(recordsPerSecond) * meanValueSize
            guard Double(bytes) > most else { return nil }
            return "--backlog \(bytes) bytes is more than --duration \(seconds) s × --throughput \(recordsPerSecond) records/s × "
                + "\(Int(meanValueSize.rounded()))-byte values can build (\(Int(most)) bytes)"
        }
    }
}
