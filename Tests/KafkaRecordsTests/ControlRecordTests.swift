import Testing
@testable import KafkaRecords

/// Control records (Apache Kafka's ControlRecordType.java, EndTransactionMarker.java).
@Suite("Control records")
struct ControlRecordTests {
    static func controlBatch(_ records: [(key: [UInt8]?, value: [UInt8]?)]) throws -> RecordIterator {
        var settings = RecordBatchSettings(baseOffset: 40, producerId: 9, producerEpoch: 1)
        settings.isTransactional = true
        settings.isControl = true
        var builder = RecordBatchBuilder(settings: settings)
        for record in records { try builder.append(key: record.key, value: record.value, timestamp: 1) }
        try builder.finish()
        var reader = LogSegmentReader(builder.bytes)
        return try #require(try reader.next()).records()
    }

    @Test("COMMIT and ABORT markers, KRaft and unknown types")
    func decodes() throws {
        var records = try Self.controlBatch([
            ([0, 0, 0, 1], [0, 0, 0, 0, 0, 7]),
            ([0, 0, 0, 0], [0, 1, 0xFF, 0xFF, 0xFF, 0xFF]),
            ([0, 0, 0, 3], []),
            ([0, 0, 0x7F, 0], nil),
        ])
        var decoded: [ControlRecord] = []
        while let view = try records.nextView() { decoded.append(try records.controlRecord(view)) }
        #expect(decoded == [
            .endTransaction(EndTransactionMarker(type: .commit, coordinatorEpoch: 7)),
            .endTransaction(EndTransactionMarker(type: .abort, version: 1, coordinatorEpoch: -1)),
            .other(.snapshotHeader),
            .other(ControlRecordType(id: 0x7F00)),
        ])
        #expect(decoded.map(\.dumpText) == [
            " endTxnMarker: COMMIT coordinatorEpoch: 7", " endTxnMarker: ABORT coordinatorEpoch: -1",
            " controlType: SNAPSHOT_HEADER(3)", " controlType: UNKNOWN(32512)",
        ])
    }

    @Test("malformed keys and marker values are typed errors, and stop the dump", arguments: [
        ([0, 0, 1] as [UInt8]?, [0, 0, 0, 0, 0, 0] as [UInt8]?, "records[0].key", RecordBatchError.Reason.Code.truncated),
        (nil, [0, 0, 0, 0, 0, 0], "records[0].key", .truncated),
        ([0xFF, 0xFF, 0, 1], [0, 0, 0, 0, 0, 0], "records[0].key", .invalidVersion),
        ([0, 0, 0, 1], [0, 0, 0, 0, 0], "records[0].value", .truncated),
        ([0, 0, 0, 0], nil, "records[0].value", .truncated),
        ([0, 0, 0, 0], [0x80, 0, 0, 0, 0, 0], "records[0].value", .invalidVersion),
    ])
    func malformed(key: [UInt8]?, value: [UInt8]?, field: String, code: RecordBatchError.Reason.Code) throws {
        var records = try Self.controlBatch([(key, value)])
        let view = try #require(try records.nextView())
        do {
            _ = try records.controlRecord(view)
            Issue.record("expected an error")
        } catch {
            #expect(error.field == field)
            #expect(error.reason.code == code)
            #expect(error.offset == (field.hasSuffix("key") ? view.keyLengthStart : view.valueLengthStart))
        }
        let summary = LogDump.dump(records.storage, options: LogDumpOptions(deepIteration: true)) { _ in }
        #expect(summary.failure?.error.field == field)
    }
}
