import KafkaLive

/// What one end-to-end consumer read: the run's records by producer and sequence number (and
/// how many came more than once), records of others, end-to-end latencies and the offsets it
/// found skipped. Filled by its consumer's thread only, read once that thread has finished;
/// its memory is freed with ``deallocate()``.
struct ConsumedLedger {
    /// Latencies beyond an hour (µs) are not kept in the histogram (its range).
    static let highestTrackableLatency: UInt64 = 3_600_000_000

    private let identityPrefixMask: UInt64
    private let runPrefix: UInt64
    private let producerCount: Int
    private let sequenceCap: UInt64
    /// Per producer index: the sequence numbers read.
    let sequences: UnsafeMutableBufferPointer<SequenceBitmap>
    /// Per producer index: the sequence numbers read more than once.
    let repeats: UnsafeMutableBufferPointer<SequenceBitmap>
    /// Per partition: the next offset expected (-1: none read or assigned yet).
    private let nextOffsets: UnsafeMutableBufferPointer<Int64>
    /// Per partition: offsets skipped (the cluster no longer held them when fetched).
    let skippedOffsets: UnsafeMutableBufferPointer<Int64>
    /// End-to-end latencies of the records read while ``recordingDrain`` was off (every record
    /// of a run without `--backlog`).
    private(set) var latencies = LatencyRecorder(highestTrackableValue: highestTrackableLatency)
    /// With `--backlog`: those of the records read while the backlog drained.
    private(set) var drainLatencies = LatencyRecorder(highestTrackableValue: highestTrackableLatency)
    /// The sum of both recorders' latencies (µs).
    private(set) var latencySumMicroseconds: UInt64 = 0
    /// With `--backlog`: the sum of ``drainLatencies`` (µs).
    private(set) var drainLatencySumMicroseconds: UInt64 = 0
    /// Set by the reading thread while the backlog drains: latencies then go to ``drainLatencies``.
    var recordingDrain = false
    /// Records of this run read again (a second copy or more).
    private(set) var duplicated = 0
    /// Records without this run's stamp (other writers', or too short for a stamp).
    private(set) var foreign = 0
    /// This run's records read, each counted once.
    private(set) var unique = 0
    /// Their value bytes.
    private(set) var uniqueBytes = 0
    /// Offsets skipped in all partitions.
    private(set) var skipped = 0
    /// Consumer errors by librdkafka error code.
    private(set) var errors: [Int32: Int] = [:]

    /// A ledger for run `runTag`'s `producerCount` producers (sequence numbers below
    /// `sequenceCap`; larger ones count as foreign) reading `partitionCount` partitions from
    /// `startOffsets` (partition → first offset).
    init(runTag: UInt16, producerCount: Int, sequenceCap: UInt64, partitionCount: Int, startOffsets: [Int32: Int64]) {
        let producerAndSequenceBits = UInt64(EndToEndStamp.Identity.producerBits + EndToEndStamp.Identity.sequenceBits)
        identityPrefixMask = ~((1 << producerAndSequenceBits) - 1)
        runPrefix = EndToEndStamp.Identity.prefix(runTag: runTag, producer: 0)
        self.producerCount = producerCount
        self.sequenceCap = Swift.min(sequenceCap, EndToEndStamp.Identity.sequenceLimit)
        sequences = .allocate(capacity: producerCount)
        repeats = .allocate(capacity: producerCount)
        // One bitmap each (their memory must not be shared).
        for index in 0..<producerCount {
            sequences.initializeElement(at: index, to: SequenceBitmap())
            repeats.initializeElement(at: index, to: SequenceBitmap(capacity: 64))
        }
        nextOffsets = .allocate(capacity: partitionCount)
        nextOffsets.initialize(repeating: -1)
        for (partition, offset) in startOffsets where Int(partition) < partitionCount { nextOffsets[Int(partition)] = offset }
        skippedOffsets = .allocate(capacity: partitionCount)
        skippedOffsets.initialize(repeating: 0)
    }

    /// Frees the memory (the ledger must not be used afterwards).
    func deallocate() {
        for bitmap in sequences { bitmap.deallocate() }
        for bitmap in repeats { bitmap.deallocate() }
        sequences.deallocate()
        repeats.deallocate()
        nextOffsets.deallocate()
        skippedOffsets.deallocate()
        latencies.deallocate()
        drainLatencies.deallocate()
    }

    /// Accounts for one consumed record read at `now` (``MessageStamp/monotonicMicroseconds()``).
    @inline(__always)
    mutating func record(value: UnsafeRawBufferPointer?, partition: Int32, offset: Int64, now: UInt64) {
        if UInt(truncatingIfNeeded: Int(partition)) < UInt(nextOffsets.count) {
            let expected = nextOffsets[Int(partition)]
            if expected >= 0 && offset > expected {
                skippedOffsets[Int(partition)] &+= offset &- expected
                skipped &+= Int(truncatingIfNeeded: offset &- expected)
            }
            if offset >= expected { nextOffsets[Int(partition)] = offset &+ 1 }
        }
        guard let value, let stamp = EndToEndStamp.read(value), stamp.identity & identityPrefixMask == runPrefix else {
            foreign &+= 1
            return
        }
        let identity = EndToEndStamp.Identity(bits: stamp.identity)
        guard identity.producer < producerCount, identity.sequence < sequenceCap else {
            foreign &+= 1
            return
        }
        guard sequences[identity.producer].insert(identity.sequence) else {
            duplicated &+= 1
            _ = repeats[identity.producer].insert(identity.sequence)
            return
        }
        unique &+= 1
        uniqueBytes &+= value.count
        let latency = now >= stamp.sendTime ? now &- stamp.sendTime : 0
        if recordingDrain {
            drainLatencies.record(latency)
            drainLatencySumMicroseconds &+= latency
        } else {
            latencies.record(latency)
        }
        latencySumMicroseconds &+= latency
    }

    /// Counts a consumer error.
    mutating func recordError(_ code: LibrdkafkaErrorCode) {
        errors[code.rawValue, default: 0] += 1
    }
}
