import Foundation
import KafkaRecords
import Testing
import TestSupport

/// The worked example of the KafkaRecords DocC catalog, run: the article shows the marked
/// regions below byte for byte, and the batch it builds is checked against one kafka-python
/// wrote (`results/samples/kafka-python-batches.bin`, its second batch).
@Suite("DocC worked example: build and decode a RecordBatch")
struct RecordsArticleExampleTests {
    static let article = "Sources/KafkaRecords/KafkaRecords.docc/BuildingAndDecodingABatch.md"

    @Test("the article's code is the code run here")
    func articleShowsThisCode() throws {
        #expect(try ArticleCode.mismatch(articleAt: Self.article, sourceAt: #filePath) == nil)
    }

    @Test("the example builds kafka-python's idempotent batch, decodes it, and round-trips zstd")
    func example() throws {
        // article-code: begin
        let settings = RecordBatchSettings(
            partitionLeaderEpoch: 0, producerId: 1000, producerEpoch: 0, baseSequence: 0)
        var builder = RecordBatchBuilder(settings: settings)
        try builder.append(key: nil, value: Array("no key".utf8), timestamp: 1_700_000_000_100)
        try builder.append(key: [], value: [], timestamp: 1_700_000_000_101)
        let header = try builder.finish()
        let batch = builder.bytes  // 81 bytes; header.crc == 44538645
        // article-code: end

        // article-code: begin
        let decoded = try RecordBatchDecoder().decodeBatch(batch)
        // decoded.isValid: the stored CRC-32C matches the bytes
        // decoded.header.lastSequence == 1, decoded.header.lastOffset == 1
        // decoded.records[0].key == nil, decoded.records[1].key == []
        // article-code: end

        // article-code: begin
        var compressedSettings = settings
        compressedSettings.compression = .zstd
        builder.reset(compressedSettings)
        for record in decoded.records {
            try builder.append(key: record.key, value: record.value, timestamp: record.timestamp)
        }
        try builder.finish()
        let zstdBatch = try RecordBatchDecoder().decodeBatch(builder.bytes)
        // zstdBatch.header.attributes.compression == .zstd
        // zstdBatch.records == decoded.records
        // article-code: end

        // The same batch as kafka-python 3.0.12 writes it (bytes 170..<251 of the sample).
        let sample = try Array(Data(contentsOf: Repository.file("results/samples/kafka-python-batches.bin")))
        #expect(batch == Array(sample[170..<251]))
        #expect(batch.count == 81)
        // kafka-dump-log prints this batch's CRC as `crc: 44538645`.
        #expect(header.crc == 44_538_645)

        #expect(decoded.isValid)
        #expect(decoded.header == header)
        #expect(decoded.header.lastSequence == 1)
        #expect(decoded.header.lastOffset == 1)
        #expect(decoded.records.map(\.key) == [nil, []])
        #expect(decoded.records.map(\.value) == [Array("no key".utf8), []])
        #expect(decoded.records.map(\.timestamp) == [1_700_000_000_100, 1_700_000_000_101])
        #expect(decoded.records.map(\.sequence) == [0, 1])

        #expect(zstdBatch.isValid)
        #expect(zstdBatch.header.attributes.compression == .zstd)
        #expect(zstdBatch.records == decoded.records)
        // A zstd frame starts with the magic 28 b5 2f fd, right after the 61-byte header.
        #expect(Array(builder.bytes[61..<65]) == [0x28, 0xB5, 0x2F, 0xFD])
    }
}
