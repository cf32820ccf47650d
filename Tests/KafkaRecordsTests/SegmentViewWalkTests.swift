import KafkaCompression
import Testing
@testable import KafkaRecords

/// ``LogSegmentReader/forEachView(decompressingWith:_:)`` reads a whole segment as `next()`
/// followed by ``RecordBatchDecompressor/forEachView(of:_:)`` does: the same records, the same
/// errors, the reader left where the frame loop leaves it.
@Suite("Segment view walk")
struct SegmentViewWalkTests {
    typealias Collector = RecordViewVisitorTests.Collector

    /// Every batch of `segment` read frame by frame: the records, the reader's position after,
    /// and the error if one was thrown.
    static func frameLoop(_ segment: [UInt8], crcCheck: CRCCheck = .report) -> (records: [BatchRecord], position: Int, error: RecordBatchError?) {
        var reader = LogSegmentReader(segment, crcCheck: crcCheck)
        var decompressor = RecordBatchDecompressor()
        var collector = Collector(timestampType: .createTime)
        do throws(RecordBatchError) {
            while let frame = try reader.next() {
                _ = try decompressor.forEachView(of: frame, &collector)
            }
            return (collector.records, reader.position, nil)
        } catch {
            return (collector.records, reader.position, error)
        }
    }

    /// The same through the segment walk, with the count it returned.
    static func segmentWalk(_ segment: [UInt8], crcCheck: CRCCheck = .report, limit: Int = .max) -> (records: [BatchRecord], count: Int, position: Int, error: RecordBatchError?) {
        var reader = LogSegmentReader(segment, crcCheck: crcCheck)
        var decompressor = RecordBatchDecompressor()
        var collector = Collector(limit: limit, timestampType: .createTime)
        do throws(RecordBatchError) {
            let count = try reader.forEachView(decompressingWith: &decompressor, &collector)
            return (collector.records, count, reader.position, nil)
        } catch {
            return (collector.records, -1, reader.position, error)
        }
    }

    @Test("a segment of every codec, uncompressed batches among them, reads as the frame loop reads it")
    func agreesWithFrameLoop() throws {
        let uncompressed = try RecordBatchEncoder.encode(
            (0..<5).map { ProducerMessage(topic: "t", key: [UInt8($0)], value: [2, 3], timestamp: 5) }, settings: RecordBatchSettings())
        let segment = Array((try DirectDecodeAgreementTests.segment() + [uncompressed]).joined())
        let expected = Self.frameLoop(segment)
        let walked = Self.segmentWalk(segment)
        #expect(expected.error == nil && walked.error == nil)
        #expect(walked.records == expected.records)
        #expect(walked.count == expected.records.count && walked.count > 3000)
        #expect(walked.position == segment.count)
    }

    @Test("a corrupted segment fails with the frame loop's error, the reader where the frame loop leaves it")
    func failsAsFrameLoop() throws {
        let batches = Array(try DirectDecodeAgreementTests.segment().prefix(8))
        let segment = Array(batches.joined())
        var failures = 0
        for position in stride(from: 0, to: segment.count, by: 37) {
            var corrupt = segment
            corrupt[position] ^= 0x5A
            for check in [CRCCheck.report, .strict] {
                let expected = Self.frameLoop(corrupt, crcCheck: check)
                let walked = Self.segmentWalk(corrupt, crcCheck: check)
                #expect(walked.error == expected.error, "byte \(position), \(check)")
                #expect(walked.records == expected.records, "byte \(position), \(check)")
                #expect(walked.position == expected.position, "byte \(position), \(check)")
                if walked.error != nil { failures += 1 }
            }
        }
        #expect(failures > 50)
    }

    @Test("a visitor returning false stops the walk in that batch; the reader is past it")
    func stopsEarly() throws {
        let batches = try DirectDecodeAgreementTests.segment()
        let segment = Array(batches.joined())
        let firstTwo = batches[0].count + batches[1].count
        // Batch 0 holds 3 records, batch 1 holds 3: stopping at the 5th record stops in batch 1.
        let walked = Self.segmentWalk(segment, limit: 5)
        #expect(walked.error == nil)
        #expect(walked.records.count == 5 && walked.count == 5)
        #expect(walked.position == firstTwo)
        #expect(walked.records == Array(Self.frameLoop(segment).records.prefix(5)))
    }

    @Test("an empty segment walks nothing")
    func empty() throws {
        let walked = Self.segmentWalk([])
        #expect(walked.error == nil && walked.count == 0 && walked.position == 0)
    }
}
