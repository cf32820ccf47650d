import KafkaCompression
import Testing

/// The framing of snappy (xerial and raw), gzip and zstd output.
@Suite("Snappy, gzip and zstd framing")
struct FramingTests {
    func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(Int32(bitPattern: UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])))
    }

    @Test("xerial: magic, version 1, compatible 1, blocks of at most 32 KiB input")
    func xerial() throws {
        var codec = try makeCodec(.snappy, options: CompressionOptions(snappyFraming: .xerial))
        let stream = try compress(&codec, Inputs.largeJSON)
        #expect(Array(stream.prefix(8)) == [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00])
        #expect(bigEndian32(stream, 8) == 1 && bigEndian32(stream, 12) == 1)
        var offset = 16
        var blocks = 0
        var raw = try makeCodec(.snappy, options: CompressionOptions(snappyFraming: .raw))
        var restored: [UInt8] = []
        while offset < stream.count {
            let length = bigEndian32(stream, offset)
            let block = Array(stream[(offset + 4)..<(offset + 4 + length)])
            let content = try decompress(&raw, block)  // each block is plain raw snappy
            #expect(content.count == 32 * 1024 || offset + 4 + length == stream.count)
            restored += content
            offset += 4 + length
            blocks += 1
        }
        #expect(offset == stream.count)
        #expect(blocks == (Inputs.largeJSON.count + 32767) / 32768)
        #expect(restored == Inputs.largeJSON)
    }

    @Test("raw: one snappy block, no magic; decoded by the xerial-framing codec too")
    func raw() throws {
        var rawCodec = try makeCodec(.snappy, options: CompressionOptions(snappyFraming: .raw))
        var xerialCodec = try makeCodec(.snappy, options: CompressionOptions(snappyFraming: .xerial))
        let block = try compress(&rawCodec, Inputs.largeJSON)
        #expect(block.first != 0x82)
        #expect(try decompress(&xerialCodec, block) == Inputs.largeJSON)
        #expect(try decompress(&rawCodec, try compress(&xerialCodec, Inputs.largeJSON)) == Inputs.largeJSON)
    }

    @Test("gzip: RFC 1952 header (1F 8B, deflate) and ISIZE trailer")
    func gzip() throws {
        var codec = try makeCodec(.gzip)
        let stream = try compress(&codec, Inputs.largeJSON)
        #expect(Array(stream.prefix(3)) == [0x1F, 0x8B, 0x08])
        let isize = stream.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(isize == Inputs.largeJSON.count)
    }

    @Test("zstd: one standard frame (magic 28 B5 2F FD)")
    func zstd() throws {
        var codec = try makeCodec(.zstd)
        let frame = try compress(&codec, Inputs.largeJSON)
        #expect(Array(frame.prefix(4)) == [0x28, 0xB5, 0x2F, 0xFD])
    }
}
