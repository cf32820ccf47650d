import KafkaCompression
import Testing
@testable import KafkaRecords

/// Hostile inputs beyond ``BadInputTests``: record counts of 2^31 and more, every length field
/// of a record cut at every byte, varints ending the input, segments truncated at every byte,
/// and header keys that are not UTF-8. Each is a typed error naming field and byte offset (or
/// a clean result), never a trap and never an allocation sized by a claimed count or length.
@Suite("Hostile input: counts, lengths, truncation, invalid UTF-8")
struct HostileInputTests {
    func decodeError(_ bytes: [UInt8]) -> RecordBatchError? {
        #expect(throws: RecordBatchError.self) { try RecordBatchDecoder().decodeSegment(bytes) }
    }

    // MARK: record counts

    /// 2^31 as stored (0x80000000 is Int32.min), other negatives, and Int32.max over two records,
    /// uncompressed and compressed. A reservation sized by the claim (2^31 records of ~100
    /// bytes) would not fit in memory and trap; each call is one typed error instead.
    @Test("a batch claiming 2^31 records (or Int32.max, or a negative count) is one typed error", arguments: [CompressionType.none, .gzip, .zstd])
    func hostileRecordCounts(type: CompressionType) throws {
        let records = BatchFixtures.rawRecord(value: [1]) + BatchFixtures.rawRecord(offsetDelta: 1, value: [2])
        var header = RecordBatchHeader()
        header.attributes = RecordBatchAttributes(compression: type)
        var block = records
        if type != .none {
            var codec = try makeCodec(type)
            block = []
            try records.withUnsafeBytes { try codec.compress($0, appendingTo: &block) }
        }
        for claimed: UInt32 in [0x8000_0000, 0xFFFF_FFFF, 0xC000_0000] {
            let batch = BatchFixtures.rawBatch(records: block, count: Int32(bitPattern: claimed), header: header)
            let error = decodeError(batch)
            #expect(error?.field == "recordsCount", "\(type) \(claimed)")
            #expect(error?.offset == 57)
            #expect(error?.reason == .invalidLength(Int64(Int32(bitPattern: claimed)), available: block.count))
            var lines: [String] = []
            let summary = LogDump.dump(batch, options: LogDumpOptions(printDataLog: true)) { lines.append($0) }
            #expect(summary.failure?.error == error)
            #expect(lines.count == 1, "the batch line, then the error: \(lines)")
        }
        for claimed: Int32 in [Int32.max, Int32.max - 1, 1 << 30] {
            let batch = BatchFixtures.rawBatch(records: block, count: claimed, header: header)
            let error = decodeError(batch)
            #expect(error?.field == "records[2]", "\(type) \(claimed)")
            #expect(error?.reason == .recordCountMismatch(declared: claimed, found: 2))
            if type == .none {
                #expect(error?.offset == 61 + records.count)
            } else {
                #expect(error?.offset == 61)
                #expect(error?.offsetInRecords == records.count)
            }
            // The lazy paths stop at the same place, after yielding the two real records.
            var reader = LogSegmentReader(batch)
            var iterator = try #require(try reader.next()).records()
            var seen = 0
            let lazy = #expect(throws: RecordBatchError.self) {
                try iterator.forEachView { _, _ in seen += 1; return true }
            }
            #expect(seen == 2 && lazy == error)
            let anatomy = try? BatchAnatomy(batch: batch)
            _ = anatomy
        }
    }

    // MARK: length fields pointing past the end

    /// A record with every kind of field: 2-byte varlong and varint deltas, key, value, two
    /// headers (one null value).
    static let richBody: [UInt8] = Array(BatchFixtures.rawRecord(
        timestampDelta: 300, offsetDelta: 200, key: Array("key".utf8), value: Array("value!".utf8),
        headers: [("h1", [1, 2]), ("h2", nil)]
    ).dropFirst())  // the 1-byte length

    /// The fields of ``richBody``: name, start, end, and whether a cut inside its bytes (after
    /// a complete length prefix) is a length pointing past the end rather than a short read.
    static let richFields: [(name: String, start: Int, end: Int, prefixed: Bool)] = [
        ("records[0].attributes", 0, 1, false),
        ("records[0].timestampDelta", 1, 3, false),
        ("records[0].offsetDelta", 3, 5, false),
        ("records[0].key", 5, 9, true),
        ("records[0].value", 9, 16, true),
        ("records[0].headerCount", 16, 17, false),
        ("records[0].headers[0].key", 17, 20, true),
        ("records[0].headers[0].value", 20, 23, true),
        ("records[0].headers[1].key", 23, 26, true),
        ("records[0].headers[1].value", 26, 27, false),
    ]

    @Test("the layout table matches the record it describes")
    func richLayout() throws {
        #expect(Self.richBody.count == Self.richFields.last?.end)
        let batch = BatchFixtures.rawBatch(records: [UInt8(Self.richBody.count << 1)] + Self.richBody, count: 1)
        let record = try #require(try RecordBatchDecoder().decodeBatch(batch).records.first)
        #expect(record.key == Array("key".utf8) && record.value == Array("value!".utf8))
        #expect(record.headers == [RecordHeader(key: "h1", value: [1, 2]), RecordHeader(key: "h2", value: nil)])
        #expect(record.timestampDelta == 300 && record.offsetDelta == 200)
    }

    @Test("a record cut at every byte (its length agreeing): the field being read, at its offset")
    func recordCutAtEveryByte() throws {
        for cut in 0..<Self.richBody.count {
            let record = [UInt8(cut << 1)] + Self.richBody[0..<cut]
            let batch = BatchFixtures.rawBatch(records: record, count: 1)
            let field = try #require(Self.richFields.first { $0.start <= cut && cut < $0.end })
            let error = decodeError(batch)
            #expect(error?.field == field.name, "cut at \(cut)")
            #expect(error?.offset == 61 + 1 + field.start, "cut at \(cut): \(String(describing: error))")
            let lengthBytes = 1  // every prefix and varint here is one byte, except the deltas
            let varintBytes = field.name.hasSuffix("Delta") ? 2 : lengthBytes
            if let (needed, available) = error?.reason.truncation {
                #expect(!field.prefixed || cut < field.start + lengthBytes, "cut at \(cut)")
                #expect(available == cut - field.start && needed > available && needed <= varintBytes, "cut at \(cut)")
            } else if let (length, available) = error?.reason.invalidLength {
                #expect(field.prefixed && cut >= field.start + lengthBytes, "cut at \(cut)")
                #expect(length == Int64(field.end - field.start - lengthBytes) && available == cut - field.start - lengthBytes, "cut at \(cut)")
            } else {
                Issue.record("cut at \(cut): \(String(describing: error))")
            }
        }
    }

    @Test("header key and value lengths past the end, in the second record of a later batch")
    func headerLengthsPastTheEnd() throws {
        let good = try BatchFixtures.simpleBatch()
        let first = BatchFixtures.rawRecord(value: [1])
        for (index, claimed) in [(17, Int32(100)), (20, Int32(1_000_000)), (17, Int32.max), (20, Int32.max)] {
            var body = Self.richBody
            var length: [UInt8] = []
            Varint.append(claimed, to: &length)
            body.replaceSubrange(index..<(index + 1), with: length)
            let second = [UInt8(body.count << 1)] + body
            let batch = BatchFixtures.rawBatch(records: first + second, count: 2)
            let error = decodeError(good + batch)
            let name = index == 17 ? "records[1].headers[0].key" : "records[1].headers[0].value"
            #expect(error?.field == name)
            #expect(error?.offset == good.count + 61 + first.count + 1 + index)
            #expect(error?.reason == .invalidLength(Int64(claimed), available: body.count - index - length.count))
        }
    }

    @Test("batchLength of the third batch pointing past the end: truncated at its absolute offset")
    func batchLengthPastTheEnd() throws {
        let good = try BatchFixtures.simpleBatch()
        for claimed: Int32 in [Int32.max, 1 << 20, Int32(good.count - 12 + 1)] {
            var third = good
            third.replaceSubrange(8..<12, with: withUnsafeBytes(of: claimed.bigEndian) { Array($0) })
            let error = decodeError(good + good + third)
            #expect(error?.field == "batchLength")
            #expect(error?.offset == 2 * good.count + 8)
            #expect(error?.reason == .truncated(needed: Int(claimed), available: good.count - 12))
        }
    }

    // MARK: varints

    @Test("a varint or varlong that ends the input mid-value is truncated, named where it starts")
    func varintAtTheEnd() throws {
        // The records block ends inside the first record's length.
        for tail: [UInt8] in [[0x80], [0xFF, 0xFF], [0x80, 0x80, 0x80, 0x80]] {
            let error = decodeError(BatchFixtures.rawBatch(records: tail, count: 1))
            #expect(error?.field == "records[0].length")
            #expect(error?.offset == 61)
            #expect(error?.reason == .truncated(needed: tail.count + 1, available: tail.count))
        }
        // A second record whose length is cut after the first record.
        let first = BatchFixtures.rawRecord(value: [1])
        let error = decodeError(BatchFixtures.rawBatch(records: first + [0xC0], count: 2))
        #expect(error?.field == "records[1].length" && error?.offset == 61 + first.count)
        // The public readers: 4 bytes of a varint, 9 of a varlong, at the end of the input.
        let varint = #expect(throws: RecordBatchError.self) { try Varint.decodeVarint([0x00, 0xFF, 0xFF, 0xFF, 0xFF], at: 1) }
        #expect(varint?.reason == .truncated(needed: 5, available: 4) && varint?.offset == 1)
        let varlong = #expect(throws: RecordBatchError.self) { try Varint.decodeVarlong([UInt8](repeating: 0x80, count: 9)) }
        #expect(varlong?.reason == .truncated(needed: 10, available: 9) && varlong?.offset == 0)
        // A start index at or past the end.
        let past = #expect(throws: RecordBatchError.self) { try Varint.decodeVarint([0x02], at: 1) }
        #expect(past?.offset == 1)
    }

    @Test("overlong varints in every 32-bit length field are too long, named at their first byte")
    func overlongLengths() throws {
        let overlong: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x00]
        for (index, name) in [(5, "records[0].key"), (9, "records[0].value"), (16, "records[0].headerCount"), (17, "records[0].headers[0].key"), (20, "records[0].headers[0].value")] {
            var body = Self.richBody
            body.replaceSubrange(index..<(index + 1), with: overlong)
            let error = decodeError(BatchFixtures.rawBatch(records: [UInt8(body.count << 1)] + body, count: 1))
            #expect(error?.field == name)
            #expect(error?.offset == 62 + index)
            #expect(error?.reason == .varintTooLong(maxBytes: 5))
        }
    }

    // MARK: truncated segments

    /// Four batches: plain, gzip, transactional zstd, lz4 with headers.
    static func segment() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var offset: Int64 = 0
        for (index, type) in [CompressionType.none, .gzip, .zstd, .lz4].enumerated() {
            var settings = RecordBatchSettings(baseOffset: offset, compression: type)
            settings.isTransactional = index == 2
            var builder = RecordBatchBuilder(settings: settings)
            for record in 0..<(index + 2) {
                try builder.append(
                    key: Array("key-\(index)-\(record)".utf8), value: Array("value \(record)".utf8),
                    headers: index == 3 ? [RecordHeader(key: "trace", text: "\(record)")] : [],
                    timestamp: 1_700_000_000_000 + Int64(record))
            }
            try builder.finish()
            bytes += builder.bytes
            offset += Int64(index + 2)
        }
        return bytes
    }

    @Test("a multi-batch segment truncated at every byte: complete batches, then a typed error or a clean end")
    func truncatedAtEveryByte() throws {
        let whole = try Self.segment()
        let full = try RecordBatchDecoder(crcCheck: .strict).decodeSegment(whole)
        #expect(full.count == 4)
        let ends = full.map { $0.position + $0.header.sizeInBytes }
        for cut in 0...whole.count {
            let prefix = Array(whole[0..<cut])
            let complete = ends.filter { $0 <= cut }.count
            let tornAt = complete == 0 ? 0 : ends[complete - 1]
            let isBoundary = tornAt == cut

            var reader = LogSegmentReader(prefix, crcCheck: .strict)
            var decompressor = RecordBatchDecompressor()
            var batches: [RecordBatch] = []
            var failure: RecordBatchError? = nil
            do {
                while let frame = try reader.next() {
                    batches.append(try RecordBatchDecoder().decode(frame, using: &decompressor))
                }
            } catch {
                failure = error
            }
            #expect(batches == Array(full.prefix(complete)), "cut at \(cut)")
            if isBoundary {
                #expect(failure == nil, "cut at \(cut): \(String(describing: failure))")
                #expect(try RecordBatchDecoder().decodeSegment(prefix) == Array(full.prefix(complete)))
            } else {
                let error = try #require(failure, "cut at \(cut)")
                #expect(reader.position == tornAt, "cut at \(cut)")
                // Inside the header: the first field that does not fit; after it: batchLength.
                let left = cut - tornAt
                let field = left >= RecordBatchHeader.size ? (name: "batchLength", offset: 8, length: 4) : RecordBatchHeader.field(containing: left)
                #expect(error.field == field.name, "cut at \(cut): \(error)")
                #expect(error.offset == tornAt + field.offset, "cut at \(cut): \(error)")
                if let (needed, available) = error.reason.truncation {
                    #expect(available < needed && available == left - (left >= RecordBatchHeader.size ? 12 : field.offset), "cut at \(cut): \(error)")
                } else {
                    Issue.record("cut at \(cut): expected truncated, got \(error)")
                }
                #expect(throws: RecordBatchError.self) { try RecordBatchDecoder().decodeSegment(prefix) }
            }

            var lines = 0
            let summary = LogDump.dump(prefix, options: LogDumpOptions(printDataLog: true)) { _ in lines += 1 }
            #expect(summary.batches == complete, "cut at \(cut)")
            #expect(summary.records == full.prefix(complete).reduce(0) { $0 + $1.records.count }, "cut at \(cut)")
            #expect(summary.failure?.batchPosition == (isBoundary ? nil : tornAt), "cut at \(cut)")
            #expect(lines == summary.batches + summary.records)
            _ = try? BatchAnatomy(batch: prefix)
        }
    }

    // MARK: invalid UTF-8 header keys

    /// Header keys that are not UTF-8: a lone continuation byte, a truncated sequence, an
    /// overlong encoding of "/", a surrogate, and 0xFF.
    static let invalidKeys: [[UInt8]] = [[0x80], [0x61, 0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF, 0x62]]

    static func invalidKeyBatch() -> [UInt8] {
        var records: [UInt8] = []
        for (index, key) in invalidKeys.enumerated() {
            var body: [UInt8] = [0, 0]
            Varint.append(Int32(index), to: &body)
            body += [0x01, 0x02, 0x76, 0x02]  // null key, value "v", one header
            Varint.append(Int32(key.count), to: &body)
            body += key
            body += [0x02, 0x31]  // header value "1"
            Varint.append(Int32(body.count), to: &records)
            records += body
        }
        return BatchFixtures.rawBatch(records: records, count: Int32(invalidKeys.count))
    }

    @Test("invalid UTF-8 header keys decode: raw bytes in the views, U+FFFD in strings and dump lines (as Java's new String)")
    func invalidUTF8HeaderKeys() throws {
        let batch = Self.invalidKeyBatch()
        let expected = ["\u{FFFD}", "a\u{FFFD}", "\u{FFFD}\u{FFFD}", "\u{FFFD}\u{FFFD}\u{FFFD}", "\u{FFFD}b"]
        let decoded = try RecordBatchDecoder(crcCheck: .strict).decodeBatch(batch)
        #expect(decoded.records.map { $0.headers.map(\.key) } == expected.map { [$0] })
        #expect(decoded.records.allSatisfy { $0.headers.first?.value == [0x31] && $0.value == [0x76] })

        var reader = LogSegmentReader(batch)
        var records = try #require(try reader.next()).records()
        var raw: [[UInt8]] = []
        while let view = try records.nextView() {
            let header = try #require(records.headerViews(of: view).first)
            raw.append(records.withUnsafeBytes { Array($0[header.key]) })
        }
        #expect(raw == Self.invalidKeys)

        var lines: [String] = []
        let summary = LogDump.dump(batch, options: LogDumpOptions(printDataLog: true)) { lines.append($0) }
        #expect(summary.failure == nil && summary.records == expected.count)
        #expect(lines.dropFirst().map { $0.contains("headerKeys: [") } == Array(repeating: true, count: expected.count))
        for (line, key) in zip(lines.dropFirst(), expected) {
            #expect(line.contains("headerKeys: [\(key)] payload: v"), "\(line)")
        }
    }
}
