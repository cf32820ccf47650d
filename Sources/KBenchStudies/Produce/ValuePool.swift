import KBenchWorkloads

/// The message values of a producer run, held contiguously and handed out in turn (the pool
/// cycles), so producing copies bytes librdkafka needs and allocates nothing per message.
package struct ValuePool: Sendable, Hashable {
    /// Where the values come from, for reports (`100-byte random A–Z payload`, `corpus json (seed 1)`).
    package let description: String
    private let bytes: [UInt8]
    private let offsets: [Int]

    /// One payload of `size` random uppercase letters, reused for every message
    /// (kafka-producer-perf-test's `--record-size`).
    package init(fixedSize size: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        bytes = (0..<Swift.max(0, size)).map { _ in UInt8(0x41 + random.next(below: 26)) }
        offsets = [0, bytes.count]
        description = "\(bytes.count)-byte random A–Z payload"
    }

    /// The given records, in turn.
    package init(records: [[UInt8]], description: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.reduce(0) { $0 + $1.count })
        var offsets = [0]
        offsets.reserveCapacity(records.count + 1)
        for record in records {
            bytes.append(contentsOf: record)
            offsets.append(bytes.count)
        }
        if records.isEmpty { offsets.append(0) }
        self.bytes = bytes
        self.offsets = offsets
        self.description = description
    }

    /// The first records of a built-in corpus, up to `budget` bytes (at least one record).
    package static func corpus(_ corpus: PayloadCorpus, seed: UInt64, budget: Int = 4 << 20, maxRecords: Int = 8192) -> ValuePool {
        var generator = corpus.generator(seed: seed)
        var records: [[UInt8]] = []
        var total = 0
        while records.isEmpty || (total < budget && records.count < maxRecords) {
            let record = generator.nextRecord()
            total += record.count
            records.append(record)
        }
        return ValuePool(records: records, description: "corpus \(corpus) (seed \(seed), \(records.count) records cycled)")
    }

    /// The first records of a user's payload source, up to `budget` bytes.
    package static func payload(_ source: inout some PayloadSource, budget: Int = 64 << 20, maxRecords: Int = 1 << 20) throws(PayloadReadError) -> ValuePool {
        let sample = try PayloadSample.collect(from: &source, targetBytes: budget, maxRecords: maxRecords)
        return ValuePool(records: sample.records, description: "\(sample.source) (\(sample.records.count) records cycled)")
    }

    /// The number of distinct values.
    package var count: Int { offsets.count - 1 }

    /// The mean value size in bytes.
    package var meanSize: Double { count == 0 ? 0 : Double(bytes.count) / Double(count) }

    /// How many of the distinct values are shorter than `length` bytes.
    package func count(shorterThan length: Int) -> Int {
        (0..<count).reduce(0) { $0 + (offsets[$1 + 1] - offsets[$1] < length ? 1 : 0) }
    }

    /// The values as arrays (allocates: for exporting and tests).
    package var records: [[UInt8]] {
        (0..<count).map { Array(bytes[offsets[$0]..<offsets[$0 + 1]]) }
    }

    /// Lends the pool as one buffer and its offsets, for a producing loop.
    func withStorage<Result>(_ body: (UnsafeRawBufferPointer, UnsafeBufferPointer<Int>) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes { raw in try offsets.withUnsafeBufferPointer { try body(raw, $0) } }
    }

    /// A copy of the values at addresses that stay valid for as long as the copy lives.
    func pinned() -> PinnedValues { PinnedValues(self) }
}

/// A ``ValuePool``'s values copied once into memory this object owns, so that librdkafka can
/// reference them instead of copying each message's value (no `RD_KAFKA_MSG_F_COPY`): the
/// bytes stay valid, unchanged, until the object is released — keep it alive until the
/// producer that references them is destroyed.
final class PinnedValues: @unchecked Sendable {
    // Written once in init, only read afterwards.
    private let bytes: UnsafeMutableRawBufferPointer
    private let offsets: UnsafeMutableBufferPointer<Int>

    /// A pinned copy of `pool`.
    init(_ pool: ValuePool) {
        let (bytes, offsets) = pool.withStorage { source, sourceOffsets in
            let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(1, source.count), alignment: 16)
            if let base = source.baseAddress, let target = bytes.baseAddress { target.copyMemory(from: base, byteCount: source.count) }
            let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: sourceOffsets.count)
            _ = offsets.initialize(from: sourceOffsets)
            return (bytes, offsets)
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    deinit {
        bytes.deallocate()
        offsets.deallocate()
    }

    /// The number of values.
    var count: Int { offsets.count - 1 }

    /// Value `index` (`0..<count`), valid while this object lives.
    @inline(__always)
    func value(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[offsets[index]..<offsets[index &+ 1]])
    }
}
