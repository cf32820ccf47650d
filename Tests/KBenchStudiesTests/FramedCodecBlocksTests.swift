import KafkaCompression
import Testing
@testable import KBenchStudies

/// The bare codec blocks found inside kbench's Kafka-framed payloads, which the study's bare
/// decompress decodes instead of its own compressor's output.
@Suite("Framed codec blocks")
struct FramedCodecBlocksTests {
    /// Kafka-framed `input` through kbench's codec, its blocks found, then decoded by the bare
    /// library from those very bytes.
    private func bareDecodes(_ codec: any CompressionCodec, blocks expected: Int) throws {
        var codec = codec
        let input = RawCodecReferenceTests.input
        var payload: [UInt8] = []
        try input.withUnsafeBytes { try codec.compress($0, appendingTo: &payload) }
        let blocks = try #require(try payload.withUnsafeBytes { try FramedCodecBlocks.blocks(of: $0, type: codec.type) })
        #expect(blocks.count == expected)
        #expect(blocks.allSatisfy { !$0.isStored && $0.range.upperBound <= payload.count })
        let reference = try RawCodecReference(type: codec.type, capacity: input.count)
        try reference.load(payload, 0..<payload.count, blocks: blocks)
        #expect(try reference.decompressLast(originalSize: input.count) == input.count)
        #expect(reference.lastCompressed.elementsEqual(payload))
    }

    @Test("raw snappy and zstd: the payload is one block")
    func oneBlock() throws {
        try bareDecodes(SnappyCodec(framing: .raw), blocks: 1)
        try bareDecodes(makeCodec(.zstd, level: 1), blocks: 1)
    }

    @Test("xerial snappy: one block per 32 KiB chunk; lz4: one per 64 KiB frame block")
    func chunked() throws {
        let count = RawCodecReferenceTests.input.count
        try bareDecodes(SnappyCodec(framing: .xerial), blocks: (count + XerialFraming.blockSize - 1) / XerialFraming.blockSize)
        try bareDecodes(makeCodec(.lz4, level: 0), blocks: (count + LZ4Frame.blockSize - 1) / LZ4Frame.blockSize)
    }

    @Test("an lz4 block stored uncompressed is marked stored")
    func storedBlock() throws {
        let payload = LZ4Frame.header + [3, 0, 0, 0x80] + [7, 8, 9] + [0, 0, 0, 0]
        let blocks = try payload.withUnsafeBytes { try FramedCodecBlocks.blocks(of: $0, type: .lz4) }
        #expect(blocks == [CodecBlock(range: 11..<14, isStored: true)])
        let reference = try RawCodecReference(type: .lz4, capacity: 3)
        try reference.load(payload, 0..<payload.count, blocks: try #require(blocks))
        #expect(try reference.decompressLast(originalSize: 3) == 3)
    }

    @Test("gzip and none have no bare blocks; a truncated frame is a verification error")
    func unreadable() throws {
        #expect(try [UInt8](repeating: 1, count: 8).withUnsafeBytes { try FramedCodecBlocks.blocks(of: $0, type: .gzip) } == nil)
        #expect(try [UInt8]().withUnsafeBytes { try FramedCodecBlocks.blocks(of: $0, type: .none) } == nil)
        let truncated = LZ4Frame.header + [200, 0, 0, 0, 1, 2]
        #expect(throws: CompressionStudyError.self) {
            _ = try truncated.withUnsafeBytes { try FramedCodecBlocks.blocks(of: $0, type: .lz4) }
        }
        let noEndMark = LZ4Frame.header + [2, 0, 0, 0x80, 1, 2]
        #expect(throws: CompressionStudyError.self) {
            _ = try noEndMark.withUnsafeBytes { try FramedCodecBlocks.blocks(of: $0, type: .lz4) }
        }
    }
}
