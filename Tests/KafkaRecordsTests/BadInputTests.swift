import KafkaCompression
import Testing
@testable import KafkaRecords

/// Every class of malformed input raises a typed error naming the field and its absolute
/// byte offset; nothing traps and nothing allocates by an untrusted length.
@Suite("Bad input: typed errors with field and byte offset")
struct BadInputTests {
    func decodeError(_ bytes: [UInt8], strict: Bool = false) -> RecordBatchError? {
        #expect(throws: RecordBatchError.self) {
            try RecordBatchDecoder(crcCheck: strict ? .strict : .report).decodeSegment(bytes)
        }
    }

    @Test("a header cut short names the first field that does not fit")
    func truncatedHeader() throws {
        let batch = try BatchFixtures.simpleBatch()
        let error = decodeError(Array(batch[0..<30]))
        #expect(error?.field == "baseTimestamp")
        #expect(error?.offset == 27)
        #expect(error?.reason == .truncated(needed: 8, available: 3))
        let short = decodeError(Array(batch[0..<5]))
        #expect(short?.field == "baseOffset")
        #expect(short?.offset == 0)
        #expect(short?.reason == .truncated(needed: 8, available: 5))
    }

    @Test("a body cut short is a truncated batchLength at byte 8")
    func truncatedBody() throws {
        let batch = try BatchFixtures.simpleBatch()
        let error = decodeError(Array(batch[0..<70]))
        #expect(error?.field == "batchLength")
        #expect(error?.offset == 8)
        #expect(error?.reason == .truncated(needed: batch.count - 12, available: 58))
    }

    @Test("wrong magic is named at byte 16")
    func wrongMagic() throws {
        var batch = try BatchFixtures.simpleBatch()
        batch[16] = 1
        let error = decodeError(batch)
        #expect(error?.field == "magic")
        #expect(error?.offset == 16)
        #expect(error?.reason == .unsupportedMagic(1))
    }

    @Test("negative or too-small batchLength is an invalid length at byte 8")
    func badBatchLength() throws {
        for length: Int32 in [-1, Int32.min, 0, 48] {
            var batch = try BatchFixtures.simpleBatch()
            batch.replaceSubrange(8..<12, with: withUnsafeBytes(of: length.bigEndian) { Array($0) })
            let error = decodeError(batch)
            #expect(error?.field == "batchLength")
            #expect(error?.offset == 8)
            #expect(error?.reason == .invalidLength(Int64(length), available: batch.count - 12))
        }
        // Int32.max claims 2 GiB: truncated, and nothing that size is allocated.
        var batch = try BatchFixtures.simpleBatch()
        batch.replaceSubrange(8..<12, with: [0x7F, 0xFF, 0xFF, 0xFF])
        #expect(decodeError(batch)?.reason == .truncated(needed: Int(Int32.max), available: batch.count - 12))
    }

    @Test("a CRC mismatch is reported, and thrown as crcMismatch in strict mode at byte 17")
    func crcMismatch() throws {
        var batch = try BatchFixtures.simpleBatch()
        batch[batch.count - 3] ^= 0xFF
        let decoded = try RecordBatchDecoder().decodeBatch(batch)
        #expect(!decoded.isValid)
        let error = decodeError(batch, strict: true)
        #expect(error?.offset == 17)
        #expect(error?.reason == .crcMismatch(stored: decoded.header.crc, computed: decoded.computedCRC))
    }

    @Test("a record length longer than the records block")
    func recordLengthTooLong() {
        let record = BatchFixtures.rawRecord(value: [1, 2, 3])
        var damaged = record
        damaged[0] = 0x7E  // length 63, only 8 bytes follow
        let error = decodeError(BatchFixtures.rawBatch(records: damaged, count: 1))
        #expect(error?.field == "records[0].length")
        #expect(error?.offset == 61)
        #expect(error?.reason == .invalidLength(63, available: record.count - 1))
    }

    @Test("a negative record length")
    func negativeRecordLength() {
        var record = BatchFixtures.rawRecord(value: [1])
        record[0] = 0x03  // -2
        let error = decodeError(BatchFixtures.rawBatch(records: record, count: 1))
        #expect(error?.field == "records[0].length")
        #expect(error?.reason == .invalidLength(-2, available: record.count - 1))
    }

    @Test("record length disagreeing with its fields (both directions)")
    func recordLengthMismatch() {
        // Declared longer than the fields: one byte of slack after the headers.
        let body = Array(BatchFixtures.rawRecord(key: [9], value: [8]).dropFirst())
        let longer = [UInt8(truncatingIfNeeded: (body.count + 1) << 1)] + body + [0x00]
        let error = decodeError(BatchFixtures.rawBatch(records: longer, count: 1))
        #expect(error?.field == "records[0].length")
        #expect(error?.offset == 61)
        #expect(error?.reason == .recordLengthMismatch(declared: body.count + 1, consumed: body.count))
        // Declared shorter than the fields, followed by another record.
        let second = BatchFixtures.rawRecord(offsetDelta: 1, value: [7])
        let shorter = [UInt8(truncatingIfNeeded: (body.count - 1) << 1)] + body + second
        let error2 = decodeError(BatchFixtures.rawBatch(records: shorter, count: 2))
        #expect(error2?.reason == .recordLengthMismatch(declared: body.count - 1, consumed: body.count))
    }

    @Test("key, value and header lengths: negative (other than -1 where null is allowed) or overlong")
    func fieldLengths() {
        // Key length -2 at byte 61 + 4 (length, attributes, tsDelta, offsetDelta).
        var record = BatchFixtures.rawRecord(key: [1], value: [2])
        record[4] = 0x03
        var error = decodeError(BatchFixtures.rawBatch(records: record, count: 1))
        #expect(error?.field == "records[0].key")
        #expect(error?.offset == 65)
        #expect(error?.reason == .invalidLength(-2, available: record.count - 5))
        // Value length 100 with 2 bytes left.
        // length, attributes, tsDelta, offsetDelta, key -1, value length 100 (0xC8 0x01), 1 byte, header count.
        record = [0x10, 0x00, 0x00, 0x00, 0x01, 0xC8, 0x01, 0x02, 0x00]
        error = decodeError(BatchFixtures.rawBatch(records: record, count: 1))
        #expect(error?.field == "records[0].value")
        #expect(error?.offset == 66)
        #expect(error?.reason == .invalidLength(100, available: 2))
        // A null header key (-1) is not allowed.
        record = BatchFixtures.rawRecord(headers: [("k", [1])])
        let headerKeyAt = 1 + 1 + 1 + 1 + 1 + 1 + 1  // length attrs ts off key(-1) value(-1) count
        record[headerKeyAt] = 0x01
        error = decodeError(BatchFixtures.rawBatch(records: record, count: 1))
        #expect(error?.field == "records[0].headers[0].key")
        #expect(error?.offset == 61 + headerKeyAt)
        #expect(error?.reason == .invalidLength(-1, available: record.count - headerKeyAt - 1))
        // A negative header count.
        record = BatchFixtures.rawRecord()
        record[record.count - 1] = 0x03
        error = decodeError(BatchFixtures.rawBatch(records: record, count: 1))
        #expect(error?.field == "records[0].headerCount")
        #expect(error?.reason == .invalidLength(-2, available: 0))
    }

    @Test("a hostile header count of Int32.max fails on the missing bytes, quickly")
    func hostileHeaderCount() {
        var record = BatchFixtures.rawRecord()
        record.removeLast()
        record += [0xFE, 0xFF, 0xFF, 0xFF, 0x0F]  // Int32.max
        record[0] = UInt8((record.count - 1) << 1)
        let error = decodeError(BatchFixtures.rawBatch(records: record, count: 1))
        #expect(error?.field == "records[0].headers[0].key")
        if error?.reason.code != .truncated { Issue.record("expected truncated, got \(String(describing: error))") }
    }

    @Test("varints longer than 5 bytes and varlongs longer than 10 bytes")
    func overlongVarints() {
        var error = decodeError(BatchFixtures.rawBatch(records: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], count: 1))
        #expect(error?.field == "records[0].length")
        #expect(error?.offset == 61)
        #expect(error?.reason == .varintTooLong(maxBytes: 5))
        // timestampDelta: 11 bytes of continuation.
        let body: [UInt8] = [0x00] + [UInt8](repeating: 0x80, count: 10) + [0x01, 0x00, 0x01, 0x01, 0x00]
        error = decodeError(BatchFixtures.rawBatch(records: [UInt8(body.count << 1)] + body, count: 1))
        #expect(error?.field == "records[0].timestampDelta")
        #expect(error?.offset == 63)
        #expect(error?.reason == .varintTooLong(maxBytes: 10))
        // offsetDelta: 6 bytes.
        let body2: [UInt8] = [0x00, 0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x01, 0x01, 0x00]
        error = decodeError(BatchFixtures.rawBatch(records: [UInt8(body2.count << 1)] + body2, count: 1))
        #expect(error?.field == "records[0].offsetDelta")
        #expect(error?.offset == 64)
        #expect(error?.reason == .varintTooLong(maxBytes: 5))
    }

    @Test("record count larger than the records present")
    func countTooLarge() {
        let records = BatchFixtures.rawRecord(value: [1]) + BatchFixtures.rawRecord(offsetDelta: 1, value: [2])
        let error = decodeError(BatchFixtures.rawBatch(records: records, count: 3))
        #expect(error?.field == "records[2]")
        #expect(error?.offset == 61 + records.count)
        #expect(error?.reason == .recordCountMismatch(declared: 3, found: 2))
        // Int32.max records declared over 2 real ones: no giant reservation, same error.
        let hostile = decodeError(BatchFixtures.rawBatch(records: records, count: Int32.max))
        #expect(hostile?.reason == .recordCountMismatch(declared: Int32.max, found: 2))
    }

    @Test("record count smaller than the records present")
    func countTooSmall() {
        let first = BatchFixtures.rawRecord(value: [1])
        let records = first + BatchFixtures.rawRecord(offsetDelta: 1, value: [2])
        let error = decodeError(BatchFixtures.rawBatch(records: records, count: 1))
        #expect(error?.field == "records")
        #expect(error?.offset == 61 + first.count)
        #expect(error?.reason == .unconsumedBytes(records.count - first.count))
    }

    @Test("a negative record count")
    func negativeCount() {
        let error = decodeError(BatchFixtures.rawBatch(records: BatchFixtures.rawRecord(), count: -1))
        #expect(error?.field == "recordsCount")
        #expect(error?.offset == 57)
        #expect(error?.reason == .invalidLength(-1, available: BatchFixtures.rawRecord().count))
    }

    @Test("errors in a later batch carry absolute offsets")
    func absoluteOffsets() throws {
        let good = try BatchFixtures.simpleBatch()
        var record = BatchFixtures.rawRecord(key: [1])
        record[4] = 0x05  // key length -3
        let bad = BatchFixtures.rawBatch(records: record, count: 1)
        let error = decodeError(good + good + bad)
        #expect(error?.offset == 2 * good.count + 65)
        #expect(error?.description == "records[0].key at byte \(2 * good.count + 65): invalid negative length -3")
    }

    @Test("codec bits 5–7 are an unknown codec at the attributes")
    func unknownCodec() {
        var header = RecordBatchHeader()
        header.attributes = RecordBatchAttributes(rawValue: 6)
        let error = decodeError(BatchFixtures.rawBatch(records: [], count: 0, header: header))
        #expect(error?.field == "attributes")
        #expect(error?.offset == 21)
        #expect(error?.reason == .unknownCodec(bits: 6))
    }

    @Test("PROPERTY: random damage never traps; any failure is a RecordBatchError")
    func fuzz() throws {
        var rng = SeededGenerator(seed: 0xF022)
        var builder = RecordBatchBuilder()
        var decoded = 0, failed = 0
        for _ in 0..<1500 {
            builder.reset(rng.settings())
            for record in rng.records().prefix(6) {
                try builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp)
            }
            try builder.finish()
            var bytes = builder.bytes
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let index = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[index] = UInt8.random(in: 0...255, using: &rng)
            }
            if Bool.random(using: &rng) { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng))) }
            if Bool.random(using: &rng), bytes.count >= 61 { BatchFixtures.fixCRC(&bytes) }
            do {
                let batches = try RecordBatchDecoder(decompressionLimit: 1 << 20).decodeSegment(bytes)
                decoded += batches.count
            } catch {
                #expect(error.offset >= 0 && error.offset <= bytes.count)
                failed += 1
            }
            _ = try? BatchAnatomy(batch: bytes)
            _ = LogDump.dump(bytes, options: LogDumpOptions(printDataLog: true)) { _ in }
        }
        #expect(decoded > 0 && failed > 0)
    }
}
