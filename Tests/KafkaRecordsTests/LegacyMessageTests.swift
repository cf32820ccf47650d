import KafkaCompression
import Testing
@testable import KafkaRecords

/// Legacy (magic 0/1) log entries built by hand: layout, deep iteration rules and hostile input.
@Suite("Legacy messages (magic 0/1)")
struct LegacyMessageTests {
    static func entries(_ bytes: [UInt8], crcCheck: CRCCheck = .report) throws(RecordBatchError) -> [LegacyMessageFrame] {
        var reader = LogSegmentReader(bytes, crcCheck: crcCheck)
        var frames: [LegacyMessageFrame] = []
        while let entry = try reader.nextEntry() {
            guard case .legacy(let frame) = entry else { continue }
            frames.append(frame)
        }
        return frames
    }

    static func records(_ frame: LegacyMessageFrame) throws(RecordBatchError) -> [LegacyRecordView] {
        var decompressor = RecordBatchDecompressor()
        var records = try decompressor.records(of: frame)
        var views: [LegacyRecordView] = []
        while let view = try records.next() { views.append(view) }
        return views
    }

    static func error(_ body: () throws(RecordBatchError) -> Void) -> RecordBatchError? {
        do throws(RecordBatchError) {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("kafka-dump-log lines for v0 and v1 entries (the stray brace after the CRC is Kafka's)")
    func dumpLines() throws {
        let bytes = LegacyFixtures.entry(offset: 7, magic: 0, key: Array("k".utf8), value: Array("v".utf8))
            + LegacyFixtures.entry(offset: 8, magic: 1, attributes: 0x08, timestamp: 42, key: nil, value: Array("w".utf8))
        let frames = try Self.entries(bytes)
        #expect(frames.count == 2)
        let v0 = frames[0].message
        #expect(DumpLogFormat.legacyEntryLine(frames[0]) == "offset: 7 position: 0 NoTimestampType: -1 size: 28 magic: 0 compresscodec: none crc: \(v0.crc) isvalid: true")
        #expect(DumpLogFormat.legacyEntryLine(frames[1]) == "offset: 8 position: 28 LogAppendTime: 42 size: 35 magic: 1 compresscodec: none crc: \(frames[1].message.crc) isvalid: true")
        var lines: [String] = []
        let summary = LogDump.dump(bytes, options: LogDumpOptions(printDataLog: true)) { lines.append($0) }
        #expect(summary.failure == nil && summary.records == 2)
        #expect(lines[1] == "| offset: 7 NoTimestampType: -1 keySize: 1 valueSize: 1 isValid: true crc: \(v0.crc)} key: k payload: v")
        #expect(lines[3] == "| offset: 8 LogAppendTime: 42 keySize: -1 valueSize: 1 isValid: true crc: \(frames[1].message.crc)} payload: w")
    }

    @Test("compressed wrappers: v1 inner offsets resolved against the wrapper, v0 absolute; every codec Kafka allowed", arguments: [CompressionType.gzip, .snappy, .lz4])
    func wrappers(codec: CompressionType) throws {
        let inner1 = (0..<3).flatMap { LegacyFixtures.entry(offset: Int64($0), timestamp: 100 + Int64($0), key: [UInt8($0)], value: [1]) }
        let inner0 = (20..<22).flatMap { LegacyFixtures.entry(offset: Int64($0), magic: 0, key: nil, value: [2]) }
        let bytes = try LegacyFixtures.wrapper(offset: 12, codec: codec, timestamp: 102, inner: inner1)
            + LegacyFixtures.wrapper(offset: 21, magic: 0, codec: codec, inner: inner0)
        let frames = try Self.entries(bytes)
        let first = try Self.records(frames[0])
        #expect(first.map(\.offset) == [10, 11, 12])
        #expect(first.map(\.timestamp) == [100, 101, 102])
        let second = try Self.records(frames[1])
        #expect(second.map(\.offset) == [20, 21])
        #expect(second.map(\.timestamp) == [-1, -1])
    }

    @Test("a LogAppendTime v1 wrapper gives its timestamp to every inner message; offset 0 means base 0")
    func logAppendTimeAndZeroWrapperOffset() throws {
        let inner = (0..<2).flatMap { LegacyFixtures.entry(offset: Int64($0), timestamp: 5, key: nil, value: [3]) }
        let appendTime = try LegacyFixtures.wrapper(offset: 9, codec: .gzip, timestamp: 777, inner: inner, logAppendTime: true)
        #expect(try Self.records(try Self.entries(appendTime)[0]).map(\.timestamp) == [777, 777])
        let zero = try LegacyFixtures.wrapper(offset: 0, codec: .gzip, inner: inner)
        #expect(try Self.records(try Self.entries(zero)[0]).map(\.offset) == [0, 1])
    }

    @Test("magic-0 lz4 with Kafka's broken frame-header checksum reads; under magic 1 it is corrupt")
    func brokenLZ4HeaderChecksum() throws {
        let inner = LegacyFixtures.entry(offset: 0, magic: 0, key: nil, value: Array("x".utf8))
        var compressed: [UInt8] = []
        var codec = try makeCodec(.lz4)
        try inner.withUnsafeBytes { try codec.compress($0, appendingTo: &compressed) }
        compressed[6] = LZ4Frame.descriptorChecksum(compressed[0..<6])  // over magic, FLG, BD: KAFKA-3160
        let v0 = LegacyFixtures.entry(offset: 0, magic: 0, attributes: 3, key: nil, value: compressed)
        #expect(try Self.records(try Self.entries(v0)[0]).count == 1)
        let v1 = LegacyFixtures.entry(offset: 0, magic: 1, attributes: 3, key: nil, value: compressed)
        let error = Self.error { () throws(RecordBatchError) in _ = try Self.records(try Self.entries(v1)[0]) }
        #expect(error?.field == "value")
        #expect(error?.reason.code == .compression)
    }

    @Test("a bad CRC-32 is reported (isvalid: false) and thrown by the strict reader at the crc field")
    func badCRC() throws {
        var bytes = LegacyFixtures.entry(offset: 0, key: nil, value: [1, 2, 3])
        bytes[bytes.count - 1] ^= 0xFF
        let frame = try #require(try Self.entries(bytes).first)
        #expect(!frame.isValid)
        let error = Self.error { () throws(RecordBatchError) in _ = try Self.entries(bytes, crcCheck: .strict) }
        #expect(error?.field == "crc")
        #expect(error?.offset == 12)
        #expect(error?.reason.code == .legacyCRCMismatch)
        var lines: [String] = []
        let summary = LogDump.dump(bytes) { lines.append($0) }
        #expect(summary.invalidLegacyCRCPositions == [0])
        #expect(lines.first?.hasSuffix("isvalid: false") == true)
    }

    @Test("hostile entries: truncated, lying lengths, short v1, nested compression, wrapper below inner, zstd, empty set")
    func hostile() throws {
        let good = LegacyFixtures.entry(offset: 0, key: [1], value: [2])
        let truncated = Self.error { () throws(RecordBatchError) in _ = try Self.entries(Array(good.dropLast(3))) }
        #expect(truncated?.field == "size" && truncated?.offset == 8 && truncated?.reason.code == .truncated)

        var tooSmall = good
        tooSmall.replaceSubrange(8..<12, with: LegacyFixtures.bigEndian(Int32(13)))
        #expect(Self.error { () throws(RecordBatchError) in _ = try Self.entries(tooSmall) }?.reason.code == .invalidLength)

        let lyingKey = LegacyFixtures.entry(offset: 0, key: [1], value: [2], keyLength: 1000)
        let keyError = Self.error { () throws(RecordBatchError) in _ = try Self.entries(lyingKey) }
        #expect(keyError?.field == "key" && keyError?.offset == 26 && keyError?.reason.code == .invalidLength)

        var shortV1 = LegacyFixtures.entry(offset: 0, magic: 0, key: nil, value: [1, 2, 3, 4, 5])
        shortV1[16] = 1
        #expect(Self.error { () throws(RecordBatchError) in _ = try Self.entries(shortV1) }?.field == "size")

        let nested = try LegacyFixtures.wrapper(offset: 0, codec: .gzip, inner: try LegacyFixtures.wrapper(offset: 0, codec: .gzip, inner: good))
        let nestedError = Self.error { () throws(RecordBatchError) in _ = try Self.records(try Self.entries(nested)[0]) }
        #expect(nestedError?.reason.code == .nestedCompression)
        #expect(nestedError?.offsetInRecords == 17)

        let inner = (0..<5).flatMap { LegacyFixtures.entry(offset: Int64($0), key: nil, value: [1]) }
        let below = try LegacyFixtures.wrapper(offset: 3, codec: .gzip, inner: inner)
        #expect(Self.error { () throws(RecordBatchError) in _ = try Self.records(try Self.entries(below)[0]) }?.reason == .wrapperOffsetBelowInner(wrapper: 3, lastInner: 4))

        let zstd = LegacyFixtures.entry(offset: 0, attributes: 4, key: nil, value: [0])
        let zstdError = Self.error { () throws(RecordBatchError) in _ = try Self.records(try Self.entries(zstd)[0]) }
        #expect(zstdError?.field == "attributes" && zstdError?.offset == 17 && zstdError?.reason.code == .unsupportedCodecForMagic)

        let empty = try LegacyFixtures.wrapper(offset: 0, codec: .gzip, inner: [])
        #expect(Self.error { () throws(RecordBatchError) in _ = try Self.records(try Self.entries(empty)[0]) }?.reason.code == .emptyCompressedSet)

        let lyingInner = try LegacyFixtures.wrapper(offset: 0, codec: .gzip, inner: Array(good.dropLast(1)))
        let innerError = Self.error { () throws(RecordBatchError) in _ = try Self.records(try Self.entries(lyingInner)[0]) }
        #expect(innerError?.field == "inner.size")
        #expect(innerError?.offsetInRecords == 8)
    }

    @Test("the dump stops at a malformed legacy entry after printing what came before")
    func dumpStops() throws {
        let good = LegacyFixtures.entry(offset: 0, key: nil, value: [1])
        var lines: [String] = []
        let summary = LogDump.dump(good + Array(good.dropLast(2))) { lines.append($0) }
        #expect(lines.count == 1)
        #expect(summary.failure?.batchPosition == good.count)
        #expect(summary.failure?.description == "invalid batch at position \(good.count): size at byte \(good.count + 8): truncated: needs \(good.count - 12) bytes, \(good.count - 14) left")
    }
}
