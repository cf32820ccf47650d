import Foundation
import KafkaCompression
import Testing
import TestSupport

/// The worked example of the KafkaCompression DocC catalog, run: the article shows the marked
/// regions below byte for byte; its framing is checked against the bytes Kafka's formats fix,
/// and its codecs read the records blocks kafka-python compressed (`results/samples/`).
@Suite("DocC worked example: compress in Kafka framing")
struct CompressionArticleExampleTests {
    static let article = "Sources/KafkaCompression/KafkaCompression.docc/CompressingInKafkaFraming.md"

    @Test("the article's code is the code run here")
    func articleShowsThisCode() throws {
        #expect(try ArticleCode.mismatch(articleAt: Self.article, sourceAt: #filePath) == nil)
    }

    @Test("the example writes Java's snappy and lz4 framing, librdkafka's raw snappy, and keeps the ceiling")
    func example() throws {
        // article-code: begin
        let records = Array(String(repeating: #"{"user":"user-42","total":12}"#, count: 100).utf8)

        var snappy = try makeCodec(.snappy)  // xerial framing, as the Java producer writes
        var javaSnappy: [UInt8] = []
        try records.withUnsafeBytes { try snappy.compress($0, appendingTo: &javaSnappy) }
        // javaSnappy starts with XerialFraming.magic, then version 1 and compatible version 1
        // article-code: end

        // article-code: begin
        var rawSnappy = try makeCodec(.snappy, options: CompressionOptions(snappyFraming: .raw))
        var librdkafkaSnappy: [UInt8] = []
        try records.withUnsafeBytes { try rawSnappy.compress($0, appendingTo: &librdkafkaSnappy) }
        // one raw snappy block: javaSnappy.count == librdkafkaSnappy.count + 20
        // article-code: end

        // article-code: begin
        let javaLevel = CompressionLevels.of(.lz4).kbenchLevel(forJava: 9)  // 0: lz4-java's fast compressor
        var lz4 = try makeCodec(.lz4, level: javaLevel)
        var javaLZ4: [UInt8] = []
        try records.withUnsafeBytes { try lz4.compress($0, appendingTo: &javaLZ4) }
        // javaLZ4 starts with LZ4Frame.header: 04 22 4d 18 60 40 82
        // article-code: end

        // article-code: begin
        var restored: [UInt8] = []
        try javaLZ4.withUnsafeBytes {
            try lz4.decompress($0, appendingTo: &restored, limit: defaultDecompressionLimit)
        }
        // restored == records

        var bounded: [UInt8] = []
        var ceilingError: (any Error)?
        do {
            try javaLZ4.withUnsafeBytes { try lz4.decompress($0, appendingTo: &bounded, limit: 1024) }
        } catch {
            ceilingError = error  // the block expands past the 1024-byte ceiling; bounded is empty
        }
        // article-code: end

        // facts §5: the xerial stream header (magic, int32 BE version 1, compatible version 1)
        // and one 16-byte header plus a 4-byte length per 32 KiB block (one block here).
        #expect(Array(javaSnappy.prefix(16)) == [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(Array(javaSnappy.prefix(8)) == XerialFraming.magic)
        #expect(javaSnappy.count == librdkafkaSnappy.count + 20)
        #expect(Array(javaSnappy.suffix(librdkafkaSnappy.count)) == librdkafkaSnappy)
        // facts §5: LZ4 frame magic 0x184D2204 (LE), FLG 0x60, BD 0x40, HC = xxh32(FLG, BD) >> 8.
        #expect(javaLevel == 0)
        #expect(Array(javaLZ4.prefix(7)) == [0x04, 0x22, 0x4D, 0x18, 0x60, 0x40, 0x82])
        #expect(Array(javaLZ4.prefix(7)) == LZ4Frame.header)
        #expect(restored == records)
        #expect(bounded.isEmpty)
        let failure = try #require(ceilingError as? CompressionError)
        #expect("\(failure)".contains("1024"))

        // Records blocks kafka-python compressed (one sample batch per codec, the same 20
        // records): the example's codecs, fresh, read every one to the same bytes.
        let blocks = try [CompressionType.gzip, .snappy, .lz4, .zstd].map { type in
            let sample = try Array(Data(contentsOf: Repository.file("results/samples/kafka-python-\(type).bin")))
            var codec = try makeCodec(type)
            var block: [UInt8] = []
            try sample[61...].withUnsafeBytes { try codec.decompress($0, appendingTo: &block, limit: defaultDecompressionLimit) }
            return block
        }
        #expect(!blocks[0].isEmpty)
        #expect(blocks.allSatisfy { $0 == blocks[0] })
    }
}
