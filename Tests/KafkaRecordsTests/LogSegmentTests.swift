import Testing
@testable import KafkaRecords

@Suite("Log segments: concatenated batches with positions")
struct LogSegmentTests {
    /// Three batches as a broker would store them: consecutive base offsets.
    static func segment() throws -> (bytes: [UInt8], sizes: [Int]) {
        var bytes: [UInt8] = []
        var sizes: [Int] = []
        var nextOffset: Int64 = 0
        for (index, count) in [3, 1, 5].enumerated() {
            var settings = RecordBatchSettings(baseOffset: nextOffset, partitionLeaderEpoch: Int32(index))
            settings.isTransactional = index == 1
            let batch = try BatchFixtures.simpleBatch(count: count, settings: settings, firstTimestamp: 1_700_000_000_000 + Int64(index) * 1000)
            bytes += batch
            sizes.append(batch.count)
            nextOffset += Int64(count)
        }
        return (bytes, sizes)
    }

    @Test("each batch is reported at its byte position")
    func positions() throws {
        let (bytes, sizes) = try Self.segment()
        let batches = try RecordBatchDecoder().decodeSegment(bytes)
        #expect(batches.map(\.position) == [0, sizes[0], sizes[0] + sizes[1]])
        #expect(batches.map(\.header.baseOffset) == [0, 3, 4])
        #expect(batches.map(\.header.sizeInBytes) == sizes)
        #expect(batches.flatMap(\.records).map(\.offset) == Array(0..<9))
        #expect(batches.allSatisfy { $0.isValid })
        #expect(batches[1].header.attributes.isTransactional)
    }

    @Test("the reader walks headers lazily and stops at the end")
    func reader() throws {
        let (bytes, sizes) = try Self.segment()
        var reader = LogSegmentReader(bytes)
        var positions: [Int] = []
        while let frame = try reader.next() {
            positions.append(frame.position)
            #expect(frame.range.count == frame.header.sizeInBytes)
            #expect(frame.bytes.count == frame.header.sizeInBytes)
        }
        #expect(positions == [0, sizes[0], sizes[0] + sizes[1]])
        #expect(reader.isAtEnd)
        #expect(try reader.next() == nil)
        // Starting in the middle.
        var middle = LogSegmentReader(bytes, position: sizes[0])
        #expect(try middle.next()?.header.baseOffset == 3)
    }

    @Test("an empty input is an empty segment")
    func empty() throws {
        #expect(try RecordBatchDecoder().decodeSegment([]).isEmpty)
    }

    @Test("a CRC mismatch in the second batch: reported, or thrown under strict")
    func crcInSecondBatch() throws {
        let (original, sizes) = try Self.segment()
        var bytes = original
        bytes[sizes[0] + 70] ^= 0x01
        let batches = try RecordBatchDecoder().decodeSegment(bytes)
        #expect(batches.map(\.isValid) == [true, false, true])
        let error = #expect(throws: RecordBatchError.self) { try RecordBatchDecoder(crcCheck: .strict).decodeSegment(bytes) }
        #expect(error?.field == "crc")
        #expect(error?.offset == sizes[0] + 17)
        #expect(error?.isCRCMismatch == true)
        // The leader epoch is not covered by the CRC (the broker rewrites it).
        var epochChanged = try Self.segment().bytes
        epochChanged[12] = 0x7F
        #expect(try RecordBatchDecoder(crcCheck: .strict).decodeSegment(epochChanged).count == 3)
    }

    @Test("a torn write at the end: the error names the last batch's position")
    func tornTail() throws {
        let (bytes, sizes) = try Self.segment()
        let torn = Array(bytes.dropLast(10))
        var reader = LogSegmentReader(torn)
        #expect(try reader.next() != nil)
        #expect(try reader.next() != nil)
        let error = #expect(throws: RecordBatchError.self) { try reader.next() }
        let third = sizes[0] + sizes[1]
        #expect(error?.field == "batchLength")
        #expect(error?.offset == third + 8)
        #expect(error?.reason == .truncated(needed: sizes[2] - 12, available: sizes[2] - 22))
        #expect(reader.position == third)
    }
}
