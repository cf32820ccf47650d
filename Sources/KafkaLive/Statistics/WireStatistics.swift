import Synchronization

/// What one topic's record batches put on the wire, from librdkafka's statistics: totals over
/// every emission a ``WireStatistics`` received.
package struct WireTotals: Sendable, Hashable, Codable {
    /// Record batches sent in ProduceRequests (a batch sent again after a retriable error
    /// counts again).
    package var batches: Int
    /// Their sizes summed: the bytes of record batches on the wire (61-byte headers and the
    /// codec's framing included; request and partition framing not).
    package var batchBytes: Int
    /// Records in those batches.
    package var batchRecords: Int
    /// Records transmitted (librdkafka's cumulative `txmsgs` for the topic, newest emission).
    package var transmittedRecords: Int
    /// Key and value bytes of the transmitted records (cumulative partition `txbytes`).
    package var transmittedRecordBytes: Int
    /// Bytes of every request sent to the cluster's brokers (cumulative broker `txbytes`:
    /// ProduceRequests with their framing, plus metadata and other requests).
    package var requestBytes: Int
    /// Statistics emissions summed.
    package var emissions: Int
    /// Whether an emission made after every message was delivered or failed is included (then
    /// no batch can be missing from the window sums; see
    /// ``WireStatistics/awaitFinalEmission(from:timeoutMilliseconds:)``).
    package var isFinal: Bool

    /// Totals of nothing.
    package init() {
        batches = 0
        batchBytes = 0
        batchRecords = 0
        transmittedRecords = 0
        transmittedRecordBytes = 0
        requestBytes = 0
        emissions = 0
        isFinal = false
    }

    /// Whether the window sums account for exactly the records librdkafka counts as
    /// transmitted (each record in one counted batch).
    package var isConsistent: Bool { batchRecords == transmittedRecords }
    /// Records per batch, on average (0 without batches).
    package var recordsPerBatch: Double { batches > 0 ? Double(batchRecords) / Double(batches) : 0 }
    /// Batch bytes per record, on average (0 without records).
    package var bytesPerRecord: Double { batchRecords > 0 ? Double(batchBytes) / Double(batchRecords) : 0 }
}

/// Sums librdkafka's statistics for one topic over a producer's life: hand it to
/// ``KafkaProducer/init(configuration:partitioner:onStatistics:wireStatistics:receiver:onDelivery:onError:)``,
/// which then sets `statistics.interval.ms` (unless configured) and feeds it every emission.
///
/// librdkafka reports a topic's batch sizes and counts as window statistics reset at every
/// emission, so the totals are the sums of the windows; batches built after the last emission
/// are in none of them. ``awaitFinalEmission(from:timeoutMilliseconds:)`` waits, once every
/// message has its delivery report, for one more emission, which then covers every batch.
package final class WireStatistics: Sendable {
    /// The interval asked for when the configuration sets none: 250 ms (the final wait is at
    /// most one interval).
    package static let defaultIntervalMilliseconds = 250

    /// The topic whose batches are summed.
    package let topic: String
    /// The `statistics.interval.ms` the producer gets when its configuration sets none.
    package let intervalMilliseconds: Int
    private let state = Mutex(State())

    private struct State {
        var totals = WireTotals()
        var unreadable = 0
    }

    /// A collector for `topic`'s batches.
    package init(topic: String, intervalMilliseconds: Int = defaultIntervalMilliseconds) {
        self.topic = topic
        self.intervalMilliseconds = Swift.max(1, intervalMilliseconds)
    }

    /// Adds one emission (librdkafka's JSON; called on the polling thread).
    package func record(_ json: String) {
        guard let emission = StatisticsEmission(json: json) else {
            state.withLock { $0.unreadable += 1 }
            return
        }
        add(emission)
    }

    /// Adds one parsed emission: its windows to the sums, its counters as the newest totals.
    package func add(_ emission: StatisticsEmission) {
        let topic = emission.topics[self.topic]
        state.withLock { state in
            state.totals.emissions += 1
            state.totals.requestBytes = Int(emission.requestBytes)
            guard let topic else { return }
            state.totals.batches += Int(topic.batches)
            state.totals.batchBytes += Int(topic.batchBytes)
            state.totals.batchRecords += Int(topic.batchRecords)
            state.totals.transmittedRecords = Int(topic.transmittedRecords)
            state.totals.transmittedRecordBytes = Int(topic.transmittedRecordBytes)
        }
    }

    /// The totals so far.
    package var totals: WireTotals { state.withLock { $0.totals } }
    /// Emissions that were not librdkafka's statistics JSON (ignored).
    package var unreadableEmissions: Int { state.withLock { $0.unreadable } }

    /// Waits for the emission that completes the totals and returns them: when `producer` has
    /// nothing outstanding (`rd_kafka_outq_len` = 0: every message's delivery report served and
    /// librdkafka's reply queue empty, so no emission made earlier is still queued), the next
    /// emission is made after the last batch was built and covers it. Polls `producer` for up
    /// to `timeoutMilliseconds`; the totals say ``WireTotals/isFinal`` only when that emission
    /// came (not when messages are still outstanding, nor when statistics are turned off).
    package func awaitFinalEmission(from producer: KafkaProducer, timeoutMilliseconds: Int) -> WireTotals {
        // Messages outstanding, or statistics turned off (`statistics.interval.ms=0`): no wait.
        guard producer.pendingCount == 0, producer.configurationValue("statistics.interval.ms") != "0" else { return totals }
        let seen = totals.emissions
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Swift.max(0, timeoutMilliseconds)))
        while totals.emissions == seen, clock.now < deadline {
            producer.poll(timeoutMilliseconds: 10)
        }
        return state.withLock { state in
            if state.totals.emissions > seen { state.totals.isFinal = true }
            return state.totals
        }
    }
}
