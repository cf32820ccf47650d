import Testing
@testable import KafkaRecords

@Suite("Record views: exact positions without copying")
struct RecordViewTests {
    @Test("non-minimal varints (accepted by Java) are located exactly")
    func nonMinimalVarints() throws {
        // length, attributes, tsDelta 0 as 0x80 0x00, offsetDelta 0, key length 1 as 0x82 0x80 0x00,
        // key, value null as 0x81 0x00, header count 1, header key "h", header value null as 0x81 0x80 0x00.
        let body: [UInt8] = [0x00, 0x80, 0x00, 0x00, 0x82, 0x80, 0x00, 0x41, 0x81, 0x00, 0x02, 0x02, 0x68, 0x81, 0x80, 0x00]
        let record = [UInt8(body.count << 1)] + body
        let batch = BatchFixtures.rawBatch(records: record, count: 1)
        var reader = LogSegmentReader(batch)
        var records = try #require(try reader.next()).records()
        let view = try #require(try records.nextView())
        #expect(view.timestampDeltaStart == 63)
        #expect(view.offsetDeltaStart == 65)
        #expect(view.keyLengthStart == 66)
        #expect(view.key == 69..<70)
        #expect(view.valueLengthStart == 70)
        #expect(view.value == nil)
        #expect(view.headerCountStart == 72)
        #expect(view.headers == 73..<78)
        #expect(view.end == 78)
        let header = try #require(records.headerViews(of: view).first)
        #expect(header.key == 74..<75)
        #expect(header.valueLengthStart == 75)
        #expect(header.end == 78)
        let anatomy = try BatchAnatomy(batch: batch)
        #expect(anatomy.fields.last?.label == "records[0].headers[0].valueLength")
        #expect(anatomy.fields.last?.range == 75..<78)
        #expect(records.record(view).headers == [RecordHeader(key: "h", value: nil)])
    }

    @Test("forEachView sees the same records as nextView and can stop early")
    func forEachView() throws {
        let bytes = try BatchFixtures.simpleBatch(count: 25)
        var reader = LogSegmentReader(bytes)
        let frame = try #require(try reader.next())
        var one = try frame.records()
        var viaNext: [RecordView] = []
        while let view = try one.nextView() { viaNext.append(view) }
        var all = try frame.records()
        var viaEach: [RecordView] = []
        var keys: [[UInt8]] = []
        try all.forEachView { view, buffer in
            viaEach.append(view)
            keys.append(Array(buffer[view.key!]))
            return true
        }
        #expect(viaEach == viaNext)
        #expect(keys.first == Array("key-0".utf8))
        #expect(try all.nextView() == nil)
        var some = try frame.records()
        var seen = 0
        try some.forEachView { _, _ in seen += 1; return seen < 10 }
        #expect(seen == 10)
        #expect(some.count == 10)
        #expect(try some.nextView()?.number == 10)
    }

    @Test("forEachView reports malformed records after the good ones")
    func forEachViewError() {
        var bad = BatchFixtures.rawRecord(offsetDelta: 1, key: [1])
        bad[4] = 0x05
        let bytes = BatchFixtures.rawBatch(records: BatchFixtures.rawRecord(value: [1]) + bad, count: 2)
        var seen = 0
        let error = #expect(throws: RecordBatchError.self) {
            var reader = LogSegmentReader(bytes)
            var records = try reader.next()!.records()
            try records.forEachView { _, _ in seen += 1; return true }
        }
        #expect(seen == 1)
        #expect(error?.field == "records[1].key")
    }
}
