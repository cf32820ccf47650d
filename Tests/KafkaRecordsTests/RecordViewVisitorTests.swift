import CCRC32C
import KafkaCompression
import Testing
@testable import KafkaRecords

/// The visitor walks (``RecordIterator/forEachView(_:)-(inout Visitor)`` and
/// ``RecordBatchDecompressor/forEachView(of:_:)``) read what the iterator reads, stop when
/// told, and fail with the iterator's errors.
@Suite("Record view visitors")
struct RecordViewVisitorTests {
    /// Copies out every record it is shown, up to `limit`.
    struct Collector: RecordViewVisitor {
        var records: [BatchRecord] = []
        var limit = Int.max
        let timestampType: TimestampType

        @inline(__always)
        mutating func visit(_ view: RecordView, in bytes: UnsafeRawBufferPointer) -> Bool {
            records.append(BatchRecord(view, in: bytes, timestampType: timestampType))
            return records.count < limit
        }
    }

    /// The iterator over the one batch in `batch` (uncompressed or not).
    static func iterator(_ batch: [UInt8]) throws -> RecordIterator {
        var reader = LogSegmentReader(batch)
        let frame = try #require(try reader.next())
        return try frame.records()
    }

    /// The records of `batch` through a kept decompressor's iterator, or its error.
    static func viaIterator(_ batch: [UInt8], _ decompressor: inout RecordBatchDecompressor) -> Result<[BatchRecord], RecordBatchError> {
        DirectDecodeAgreementTests.read(batch, with: &decompressor)
    }

    /// The records of `batch` through `forEachView(of:_:)`, with the count it returned.
    static func viaVisitor(_ batch: [UInt8], _ decompressor: inout RecordBatchDecompressor, limit: Int = .max) -> Result<([BatchRecord], Int), RecordBatchError> {
        do throws(RecordBatchError) {
            var reader = LogSegmentReader(batch)
            guard let frame = try reader.next() else { return .success(([], 0)) }
            var collector = Collector(limit: limit, timestampType: frame.header.attributes.timestampType)
            let count = try decompressor.forEachView(of: frame, &collector)
            return .success((collector.records, count))
        } catch {
            return .failure(error)
        }
    }

    @Test("forEachView(of:) reads every batch of every codec as the iterator does, corrupted ones included")
    func agreesWithIterator() throws {
        var iterated = RecordBatchDecompressor()
        var visited = RecordBatchDecompressor()
        var failures = 0
        let uncompressed = try RecordBatchEncoder.encode(
            [ProducerMessage(topic: "t", key: [1], value: [2, 3], timestamp: 5)], settings: RecordBatchSettings())
        for (index, batch) in (try DirectDecodeAgreementTests.segment() + [uncompressed]).enumerated() {
            let expected = try Self.viaIterator(batch, &iterated).get()
            let (records, count) = try Self.viaVisitor(batch, &visited).get()
            #expect(records == expected, "batch \(index)")
            #expect(count == expected.count, "batch \(index)")
            for position in stride(from: RecordBatchHeader.size, to: batch.count, by: max(5, batch.count / 60)) {
                var corrupt = batch
                corrupt[position] ^= 0x3C
                BatchFixtures.fixCRC(&corrupt)
                switch (Self.viaIterator(corrupt, &iterated), Self.viaVisitor(corrupt, &visited)) {
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "batch \(index), byte \(position)")
                    failures += 1
                case (.success(let a), .success(let b)):
                    #expect(a == b.0 && a.count == b.1, "batch \(index), byte \(position)")
                default:
                    Issue.record("batch \(index), byte \(position): one walk failed, the other did not")
                }
            }
        }
        #expect(failures > 100)
    }

    @Test("a visitor returning false stops the walk; the count says how many it saw")
    func stopsEarly() throws {
        let batch = try DirectDecodeAgreementTests.segment()[4]
        var decompressor = RecordBatchDecompressor()
        let (records, count) = try Self.viaVisitor(batch, &decompressor, limit: 2).get()
        #expect(records.count == 2 && count == 2)
        var iterator = try Self.iterator(batch)
        var collector = Collector(limit: 3, timestampType: .createTime)
        try iterator.forEachView(&collector)
        #expect(collector.records.count == 3 && iterator.count == 3)
        #expect(try iterator.nextView() != nil, "the iterator goes on where the visitor stopped")
    }

    @Test("a walk that throws leaves the iterator where it failed: its records counted, finished")
    func failureIsKept() throws {
        let messages = (0..<3).map { ProducerMessage(topic: "t", key: [UInt8($0)], value: [1, 2, 3], timestamp: 5) }
        var batch = try RecordBatchEncoder.encode(messages, settings: RecordBatchSettings())
        batch[60] = 4  // recordsCount (big-endian at 57): one more record than the block holds
        BatchFixtures.fixCRC(&batch)
        var iterator = try Self.iterator(batch)
        var collector = Collector(timestampType: .createTime)
        #expect(throws: RecordBatchError.self) { try iterator.forEachView(&collector) }
        #expect(collector.records.count == 3 && iterator.count == 3)
        #expect(try iterator.nextView() == nil, "finished after the error, not walked again")
    }

    @Test("a closure that captures state walks as before")
    func closureWalk() throws {
        let batch = try DirectDecodeAgreementTests.segment()[12]
        var iterator = try Self.iterator(batch)
        var values = 0
        try iterator.forEachView { view, _ in
            values += view.valueSize
            return true
        }
        #expect(values > 0 && iterator.count == Int(iterator.header.recordsCount))
    }

    @Test("the CRC-32C hardware flag set at load equals the run-time probe")
    func hardwareFlag() {
        #expect(CRC32C.isHardwareAvailable == (kbench_crc32c_hardware_available() != 0))
    }
}
