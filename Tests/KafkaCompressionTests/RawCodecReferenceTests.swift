import KafkaCompression
import Testing

/// The bare-library reference used by the benchmarks: correct round trips, smaller framing.
@Suite("Raw codec reference")
struct RawCodecReferenceTests {
    @Test("round trips and matches the library formats", arguments: [
        (CompressionType.none, nil), (.gzip, 1), (.gzip, 6), (.snappy, nil), (.lz4, 0), (.lz4, 9), (.zstd, -5), (.zstd, 3),
    ] as [(CompressionType, Int?)])
    func roundTrip(type: CompressionType, level: Int?) throws {
        let input = Inputs.largeJSON
        let reference = try RawCodecReference(type: type, level: level, capacity: input.count)
        let size = try input.withUnsafeBytes { try reference.compress($0) }
        #expect(size == reference.lastCompressed.count)
        #expect(try reference.decompressLast(originalSize: input.count) == input.count)
        if type == .gzip { #expect(reference.lastCompressed.first == 0x78, "zlib wrapper, not gzip") }
        if type == .zstd {
            var codec = try makeCodec(.zstd)
            #expect(try decompress(&codec, Array(reference.lastCompressed)) == input, "a zstd frame either way")
        }
    }

    @Test("lz4 on 64 KiB blocks makes exactly the blocks of kbench's Kafka LZ4 frame", arguments: [0, 9])
    func lz4BlocksMatchTheFrame(level: Int) throws {
        let input = Inputs.largeJSON
        let reference = try RawCodecReference(type: .lz4, level: level, capacity: input.count, lz4BlockSize: LZ4Frame.blockSize)
        try input.withUnsafeBytes { _ = try reference.compress($0) }
        #expect(try reference.decompressLast(originalSize: input.count) == input.count)
        var codec = try makeCodec(.lz4, options: CompressionOptions(level: level))
        var frame: [UInt8] = []
        try input.withUnsafeBytes { try codec.compress($0, appendingTo: &frame) }
        var blocks: [UInt8] = []
        var offset = LZ4Frame.header.count
        while true {
            let word = frame[offset..<(offset + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            if word == 0 { break }
            #expect(word & LZ4Frame.storedFlag == 0, "a JSON block stored uncompressed")
            let size = Int(word & ~LZ4Frame.storedFlag)
            blocks += frame[(offset + 4)..<(offset + 4 + size)]
            offset += 4 + size
        }
        #expect(blocks.count > 0)
        #expect(Array(reference.lastCompressed) == blocks)
    }

    @Test("independent blocks are an lz4-only reference")
    func blocksOnlyForLZ4() {
        let error = compressionError { _ = try RawCodecReference(type: .snappy, capacity: 100, lz4BlockSize: 64) }
        #expect(error != nil)
    }

    @Test("inputs past the capacity are refused")
    func capacity() throws {
        let reference = try RawCodecReference(type: .lz4, capacity: 10)
        let error = compressionError { try Inputs.small.withUnsafeBytes { _ = try reference.compress($0) } }
        #expect(error != nil)
    }
}
