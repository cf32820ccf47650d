import Foundation
import KafkaCompression
import Testing
@testable import KafkaRecords

@Suite("RecordBatch v2 encoding and decoding")
struct RecordBatchEncodingTests {
    @Test("a one-record batch has exactly the bytes of facts §4")
    func handChecked() throws {
        var builder = RecordBatchBuilder()
        try builder.append(key: Array("k".utf8), value: Array("v".utf8), timestamp: 0x0102_0304_0506)
        let header = try builder.finish()
        let bytes = builder.bytes
        let record: [UInt8] = [0x10, 0x00, 0x00, 0x00, 0x02, 0x6B, 0x02, 0x76, 0x00]
        #expect(bytes.count == 61 + record.count)
        #expect(Array(bytes[61...]) == record)
        let expectedHeader = [UInt8](hex: """
            0000000000000000 0000003a ffffffff 02 \(String(format: "%08x", header.crc)) 0000 00000000
            0000010203040506 0000010203040506 ffffffffffffffff ffff ffffffff 00000001
            """)
        #expect(Array(bytes[0..<61]) == expectedHeader)
        #expect(header.crc == CRC32C.checksum(Array(bytes[21...])))
        #expect(header.batchLength == 58)
        #expect(header.sizeInBytes == bytes.count)
    }

    @Test("every header field survives encode → decode")
    func everyHeaderField() throws {
        var settings = RecordBatchSettings(
            baseOffset: 1_234_567_890_123,
            partitionLeaderEpoch: 17,
            timestampType: .logAppendTime,
            isTransactional: true,
            isControl: true,
            deleteHorizonMs: 1_600_000_000_000,
            producerId: 987_654_321,
            producerEpoch: 5,
            baseSequence: Int32.max - 1
        )
        settings.maxTimestamp = 1_700_000_000_999
        var builder = RecordBatchBuilder(settings: settings)
        for index in 0..<3 {
            try builder.append(key: [UInt8(index)], value: nil, timestamp: 1_700_000_000_000 + Int64(index))
        }
        let written = try builder.finish()
        let batch = try RecordBatchDecoder().decodeBatch(builder.bytes)
        let header = batch.header
        #expect(header == written)
        #expect(header.baseOffset == 1_234_567_890_123)
        #expect(header.batchLength == Int32(builder.sizeInBytes - 12))
        #expect(header.partitionLeaderEpoch == 17)
        #expect(header.magic == 2)
        #expect(batch.isValid)
        #expect(header.attributes.rawValue == 0b111_1000)
        #expect(header.attributes.compression == CompressionType.none)
        #expect(header.attributes.timestampType == .logAppendTime)
        #expect(header.attributes.isTransactional)
        #expect(header.attributes.isControl)
        #expect(header.attributes.hasDeleteHorizon)
        #expect(header.deleteHorizonMs == 1_600_000_000_000)
        #expect(header.baseTimestamp == 1_600_000_000_000)  // the delete horizon is the base
        #expect(header.maxTimestamp == 1_700_000_000_999)
        #expect(header.lastOffsetDelta == 2)
        #expect(header.lastOffset == 1_234_567_890_125)
        #expect(header.producerId == 987_654_321)
        #expect(header.producerEpoch == 5)
        #expect(header.baseSequence == Int32.max - 1)
        #expect(header.lastSequence == 0)  // wraps past Int32.max like Java
        #expect(header.recordsCount == 3)
        // LogAppendTime: every record reads the max timestamp; deltas still relative to the base.
        #expect(batch.records.map(\.timestamp) == [1_700_000_000_999, 1_700_000_000_999, 1_700_000_000_999])
        #expect(batch.records.map(\.timestampDelta) == [100_000_000_000, 100_000_000_001, 100_000_000_002])
        #expect(batch.records.map(\.offset) == [1_234_567_890_123, 1_234_567_890_124, 1_234_567_890_125])
        #expect(batch.records.map(\.sequence) == [Int32.max - 1, Int32.max, 0])
    }

    @Test("attributes compose and decompose every bit")
    func attributes() {
        for codec in CompressionType.allCases {
            for bits in 0..<16 {
                let attributes = RecordBatchAttributes(
                    compression: codec,
                    timestampType: bits & 1 != 0 ? .logAppendTime : .createTime,
                    isTransactional: bits & 2 != 0, isControl: bits & 4 != 0, hasDeleteHorizon: bits & 8 != 0
                )
                #expect(attributes.rawValue == Int16(codec.rawValue) | Int16(bits << 3))
                #expect(attributes.compression == codec)
                #expect(attributes.isTransactional == (bits & 2 != 0))
                #expect(attributes.isControl == (bits & 4 != 0))
                #expect(attributes.hasDeleteHorizon == (bits & 8 != 0))
            }
        }
        #expect(RecordBatchAttributes(rawValue: 5).compression == nil)
        #expect(RecordBatchAttributes(rawValue: 0x0011).description == "0x0011 (gzip, CreateTime, transactional)")
    }

    @Test("timestamps before the first record give negative deltas; max is the largest")
    func negativeDeltas() throws {
        var builder = RecordBatchBuilder()
        for timestamp: Int64 in [1000, 400, 2500, -7] {
            try builder.append(key: nil, value: [], timestamp: timestamp)
        }
        let header = try builder.finish()
        #expect(header.baseTimestamp == 1000)
        #expect(header.maxTimestamp == 2500)
        let records = try RecordBatchDecoder().decodeBatch(builder.bytes).records
        #expect(records.map(\.timestampDelta) == [0, -600, 1500, -1007])
        #expect(records.map(\.timestamp) == [1000, 400, 2500, -7])
    }

    @Test("an empty batch: count 0, lastOffsetDelta -1, timestamps -1")
    func emptyBatch() throws {
        var builder = RecordBatchBuilder()
        let header = try builder.finish()
        #expect(header.recordsCount == 0)
        #expect(header.lastOffsetDelta == -1)
        #expect(header.baseTimestamp == -1 && header.maxTimestamp == -1)
        #expect(builder.sizeInBytes == 61)
        let batch = try RecordBatchDecoder().decodeBatch(builder.bytes)
        #expect(batch.records.isEmpty && batch.isValid)
    }

    @Test("offset deltas continue after explicit gaps (compacted batches)")
    func offsetGaps() throws {
        var builder = RecordBatchBuilder(settings: RecordBatchSettings(baseOffset: 100))
        try builder.append(key: nil, value: [1], timestamp: 5)
        try builder.append(key: nil, value: [2], timestamp: 5, offsetDelta: 7)
        try builder.append(key: nil, value: [3], timestamp: 5)
        let header = try builder.finish()
        #expect(header.lastOffsetDelta == 8)
        #expect(try RecordBatchDecoder().decodeBatch(builder.bytes).records.map(\.offset) == [100, 107, 108])
    }

    @Test("PROPERTY: random records and header fields round-trip exactly (seeded)")
    func propertyRoundTrip() throws {
        var rng = SeededGenerator(seed: 0xBA7C_0002)
        var builder = RecordBatchBuilder(capacity: 64)  // reused: also exercises reset
        for iteration in 0..<400 {
            let settings = rng.settings()
            let records = rng.records()
            builder.reset(settings)
            var expectedDeltas: [Int32] = []
            var previous: Int32 = -1
            for record in records {
                try builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp, offsetDelta: record.offsetDelta)
                previous = record.offsetDelta ?? previous &+ 1
                expectedDeltas.append(previous)
            }
            let written = try builder.finish()
            let bytes = builder.bytes
            let batch = try RecordBatchDecoder(crcCheck: .strict).decodeBatch(bytes)
            #expect(batch.header == written, "iteration \(iteration)")
            #expect(batch.records.count == records.count)
            #expect(batch.header.recordsCount == Int32(records.count))
            #expect(batch.header.lastOffsetDelta == (expectedDeltas.last ?? -1))
            let base = settings.deleteHorizonMs ?? records.first?.timestamp ?? -1
            #expect(batch.header.baseTimestamp == base)
            if settings.timestampType == .createTime {
                #expect(batch.header.maxTimestamp == (records.map(\.timestamp).max() ?? -1))
            }
            for (index, (decoded, original)) in zip(batch.records, records).enumerated() {
                #expect(decoded.key == original.key, "iteration \(iteration) record \(index)")
                #expect(decoded.value == original.value)
                #expect(decoded.headers == original.headers)
                #expect(decoded.offsetDelta == expectedDeltas[index])
                #expect(decoded.offset == settings.baseOffset &+ Int64(expectedDeltas[index]))
                #expect(decoded.timestampDelta == original.timestamp &- base)
                #expect(decoded.timestamp == (settings.timestampType == .createTime ? original.timestamp : settings.maxTimestamp))
            }
            // Re-encoding the decoded records with the decoded header reproduces the bytes.
            #expect(try RecordBatchEncoder.encode(batch.records, settings: RecordBatchSettings(header: batch.header)) == bytes)
            // The allocation-free views agree with the copies.
            var reader = LogSegmentReader(bytes)
            var iterator = try reader.next()?.records()
            var viewCount = 0
            while let view = try iterator?.nextView() {
                #expect(view.keySize == (records[viewCount].key?.count ?? -1))
                #expect(view.valueSize == (records[viewCount].value?.count ?? -1))
                viewCount += 1
            }
            #expect(viewCount == records.count)
        }
    }

    @Test("the builder's buffer is reused: batch after batch equals fresh encodings")
    func reuse() throws {
        var rng = SeededGenerator(seed: 7)
        var reused = RecordBatchBuilder(capacity: 61)
        for _ in 0..<30 {
            let settings = rng.settings()
            let records = rng.records()
            reused.reset(settings)
            var fresh = RecordBatchBuilder(settings: settings)
            for record in records {
                try reused.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp, offsetDelta: record.offsetDelta)
                try fresh.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp, offsetDelta: record.offsetDelta)
            }
            #expect(try reused.finish() == fresh.finish())
            #expect(reused.bytes == fresh.bytes)
            reused.withUnsafeBytes { #expect(Array($0) == fresh.bytes) }
        }
    }

    @Test("finish is idempotent; appending after it needs reset")
    func finishTwice() throws {
        var builder = RecordBatchBuilder()
        try builder.append(key: nil, value: [1], timestamp: 1)
        let first = try builder.finish()
        #expect(try builder.finish() == first)
        #expect(throws: RecordBatchEncodingError.batchFinished) {
            try builder.append(key: nil, value: [2], timestamp: 2)
        }
        builder.reset()
        try builder.append(key: nil, value: [2], timestamp: 2)
        #expect(builder.count == 1)
    }

    @Test("producer messages: default timestamp, headers in order with repeats and nulls")
    func producerMessages() throws {
        let messages = [
            ProducerMessage(topic: "t", key: Array("a".utf8), value: nil, headers: [RecordHeader(key: "x", value: nil), RecordHeader(key: "x", text: "2")], timestamp: 50),
            ProducerMessage(topic: "t", key: nil, value: [], headers: []),
        ]
        let bytes = try RecordBatchEncoder.encode(messages, defaultTimestamp: 99)
        let batch = try RecordBatchDecoder().decodeBatch(bytes)
        #expect(batch.records.map(\.timestamp) == [50, 99])
        #expect(batch.records[0].headers == messages[0].headers)
        let stored = batch.storedRecords(topic: "t", partition: 3)
        #expect(stored[1] == StoredRecord(topic: "t", partition: 3, offset: 1, timestamp: 99, key: nil, value: [], headers: []))
        #expect(stored[0].message.key == messages[0].key)
    }
}
