import Testing
@testable import KafkaRecords

/// Lines as Kafka's DumpLogSegments prints them (tools/…/DumpLogSegments.java: printBatchLevel,
/// printRecordMetadata, printRecordContents).
@Suite("kafka-dump-log layout")
struct DumpLogFormatTests {
    @Test("batch line: every field, in Kafka's order and spelling")
    func batchLine() throws {
        var settings = RecordBatchSettings(baseOffset: 10, partitionLeaderEpoch: 3, producerId: 1000, producerEpoch: 2, baseSequence: 5)
        settings.isTransactional = true
        let bytes = try BatchFixtures.simpleBatch(count: 3, settings: settings)
        var reader = LogSegmentReader(bytes)
        let frame = try #require(try reader.next())
        #expect(DumpLogFormat.batchLine(frame) == "baseOffset: 10 lastOffset: 12 count: 3 baseSequence: 5 lastSequence: 7 producerId: 1000 producerEpoch: 2 partitionLeaderEpoch: 3 isTransactional: true isControl: false deleteHorizonMs: OptionalLong.empty position: 0 CreateTime: 1700000000002 size: \(bytes.count) magic: 2 compresscodec: none crc: \(frame.header.crc) isvalid: true")
    }

    @Test("delete horizon, LogAppendTime, codec name and an invalid CRC")
    func batchLineVariants() throws {
        var settings = RecordBatchSettings(compression: .gzip, timestampType: .logAppendTime, deleteHorizonMs: 1234)
        settings.maxTimestamp = 99
        var builder = RecordBatchBuilder(settings: settings, codecs: ReversingCodec.provider)
        try builder.append(key: nil, value: [1], timestamp: 5)
        try builder.finish()
        var bytes = builder.bytes
        bytes[bytes.count - 1] ^= 1
        var reader = LogSegmentReader(bytes)
        let line = DumpLogFormat.batchLine(try #require(try reader.next()))
        #expect(line.contains(" deleteHorizonMs: OptionalLong[1234] position: 0 LogAppendTime: 99 "))
        #expect(line.contains(" compresscodec: gzip "))
        #expect(line.hasSuffix(" isvalid: false"))
    }

    @Test("record lines with header keys, sequence, key and payload")
    func recordLines() throws {
        var builder = RecordBatchBuilder(settings: RecordBatchSettings(baseOffset: 7, producerId: 1, producerEpoch: 0, baseSequence: 40))
        try builder.append(key: Array("k1".utf8), value: Array("hello".utf8), headers: [RecordHeader(key: "a", value: nil), RecordHeader(key: "b", text: "x")], timestamp: 100)
        try builder.append(key: nil, value: Array("no key".utf8), timestamp: 101)
        try builder.append(key: Array("tomb".utf8), value: nil, timestamp: 102)
        try builder.finish()
        var reader = LogSegmentReader(builder.bytes)
        var records = try #require(try reader.next()).records()
        var lines: [String] = []
        while let view = try records.nextView() {
            lines.append(DumpLogFormat.recordLine(view, in: records, printData: true))
        }
        #expect(lines == [
            "| offset: 7 CreateTime: 100 keySize: 2 valueSize: 5 sequence: 40 headerKeys: [a,b] key: k1 payload: hello",
            "| offset: 8 CreateTime: 101 keySize: -1 valueSize: 6 sequence: 41 headerKeys: [] payload: no key",
            "| offset: 9 CreateTime: 102 keySize: 4 valueSize: -1 sequence: 42 headerKeys: [] key: tomb",
        ])
    }

    @Test("byte lines keep keys, payloads and header keys byte-exact; text lines decode them (U+FFFD), escaping nothing")
    func byteExactLines() throws {
        let key: [UInt8] = [0x6B, 0x1B, 0x5D, 0x30, 0x3B, 0x07, 0xFF]  // k ESC ] 0 ; BEL, an invalid byte
        let value: [UInt8] = [0x0A, 0xC2, 0x9B, 0x00]  // LF, CSI (C1) as UTF-8, NUL
        var builder = RecordBatchBuilder()
        try builder.append(key: key, value: value, headers: [RecordHeader(key: "h\u{1B}[2J", value: nil)], timestamp: 1)
        try builder.finish()
        var bytesLines: [[UInt8]] = []
        var textLines: [String] = []
        _ = LogDump.dumpBytes(builder.bytes, options: LogDumpOptions(printDataLog: true)) { bytesLines.append($0) }
        _ = LogDump.dump(builder.bytes, options: LogDumpOptions(printDataLog: true)) { textLines.append($0) }
        let expected = Array("| offset: 0 CreateTime: 1 keySize: 7 valueSize: 4 sequence: -1 headerKeys: [h\u{1B}[2J] key: ".utf8)
            + key + Array(" payload: ".utf8) + value
        #expect(bytesLines.count == 2)
        #expect(bytesLines.last == expected)
        #expect(textLines == bytesLines.map { String(decoding: $0, as: UTF8.self) })
        #expect(textLines.last?.hasSuffix("key: k\u{1B}]0;\u{07}\u{FFFD} payload: \n\u{9B}\0") == true)
    }

    @Test("control batches: end-transaction markers, no key/payload")
    func controlRecords() throws {
        var settings = RecordBatchSettings(baseOffset: 5, producerId: 77, producerEpoch: 1)
        settings.isTransactional = true
        settings.isControl = true
        var builder = RecordBatchBuilder(settings: settings)
        // Key: version 0, type 1 (COMMIT); value: version 0, coordinator epoch 12.
        try builder.append(key: [0, 0, 0, 1], value: [0, 0, 0, 0, 0, 12], timestamp: 1)
        try builder.append(key: [0, 0, 0, 2], value: [], timestamp: 1)
        try builder.finish()
        var reader = LogSegmentReader(builder.bytes)
        var records = try #require(try reader.next()).records()
        let first = try #require(try records.nextView())
        #expect(DumpLogFormat.recordLine(first, in: records, printData: true) == "| offset: 5 CreateTime: 1 keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] endTxnMarker: COMMIT coordinatorEpoch: 12")
        let second = try #require(try records.nextView())
        #expect(DumpLogFormat.recordLine(second, in: records, printData: true).hasSuffix(" controlType: LEADER_CHANGE(2)"))
    }

    @Test("Log starting offset from <N>.log file names")
    func startingOffset() {
        #expect(DumpLogFormat.startingOffsetLine(fileName: "00000000000000000042.log") == "Log starting offset: 42")
        #expect(DumpLogFormat.startingOffsetLine(fileName: "batch.bin") == nil)
        #expect(DumpLogFormat.startingOffsetLine(fileName: "abc.log") == nil)
    }

    @Test("LogDump prints everything before malformed data, then reports where it stopped")
    func partialDump() throws {
        let good = try BatchFixtures.simpleBatch(count: 2)
        let torn = Array(try BatchFixtures.simpleBatch(count: 2).dropLast(4))
        var lines: [String] = []
        let summary = LogDump.dump(good + torn, fileName: "00000000000000000000.log", options: LogDumpOptions(deepIteration: true)) { lines.append($0) }
        #expect(lines.count == 1 + 1 + 2)
        #expect(lines[0] == "Log starting offset: 0")
        #expect(lines[1].hasPrefix("baseOffset: 0 lastOffset: 1 count: 2 "))
        #expect(summary.batches == 1)
        #expect(summary.records == 2)
        #expect(summary.failure?.batchPosition == good.count)
        #expect(summary.failure?.error.offset == good.count + 8)
        #expect(summary.failure?.description.hasPrefix("invalid batch at position \(good.count): batchLength at byte \(good.count + 8): truncated") == true)
        // Both batches start at offset 0: a non-consecutive pair would be listed on a deep dump.
        let twice = LogDump.dump(good + good, options: LogDumpOptions(deepIteration: true)) { _ in }
        #expect(twice.nonConsecutiveOffsets == [NonConsecutiveOffsets(previous: 1, next: 0)])
        #expect(twice.failure == nil)
    }

    @Test("a malformed record mid-batch: the batch line and earlier records are printed first")
    func malformedRecord() {
        var second = BatchFixtures.rawRecord(offsetDelta: 1, key: [1])
        second[4] = 0x05
        let records = BatchFixtures.rawRecord(value: Array("ok".utf8)) + second
        var lines: [String] = []
        let summary = LogDump.dump(BatchFixtures.rawBatch(records: records, count: 2), options: LogDumpOptions(printDataLog: true)) { lines.append($0) }
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("payload: ok"))
        #expect(summary.failure?.error.field == "records[1].key")
    }
}
