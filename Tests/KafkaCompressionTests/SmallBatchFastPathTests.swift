import KafkaCompression
import Testing

/// The shortcuts taken per batch when reading small batches (issue 21) give exactly what the
/// general paths give: the xerial magic and LZ4 header read as one word, and a zstd frame decoded
/// in one call into a warm output instead of streamed.
@Suite("Small-batch fast paths")
struct SmallBatchFastPathTests {
    @Test("the xerial magic word is the magic bytes; a stream differing in any of them is read as a raw block")
    func xerialMagicWord() {
        let word = withUnsafeBytes(of: XerialFraming.magicWord.littleEndian) { Array($0) }
        #expect(word == XerialFraming.magic)
        let header = XerialFraming.magic + [0, 0, 0, 1, 0, 0, 0, 1]
        #expect(header.withUnsafeBytes { XerialFraming.isXerial($0) })
        for index in XerialFraming.magic.indices {
            var changed = header
            changed[index] ^= 0x01
            #expect(!changed.withUnsafeBytes { XerialFraming.isXerial($0) }, "byte \(index)")
        }
        #expect(!Array(header.prefix(15)).withUnsafeBytes { XerialFraming.isXerial($0) })
    }

    @Test("the LZ4 header word is Kafka's frame header; a frame with another descriptor still decodes or fails as before")
    func lz4HeaderWord() throws {
        let word = withUnsafeBytes(of: LZ4Frame.headerWord.littleEndian) { Array($0.prefix(7)) }
        #expect(word == LZ4Frame.header)
        #expect(LZ4Frame.header[6] == LZ4Frame.descriptorChecksum([LZ4Frame.flg, LZ4Frame.bd]))
        var codec = try makeCodec(.lz4)
        let frame = try compress(&codec, Inputs.small)
        // Block size id 5 (256 KiB), with its own checksum: not the fast path, same content.
        var other = frame
        other[5] = 0x50
        other[6] = LZ4Frame.descriptorChecksum([other[4], other[5]])
        #expect(try decompress(&codec, other) == Inputs.small)
        // Kafka's descriptor with a wrong checksum byte: refused at the checksum byte.
        var wrong = frame
        wrong[6] ^= 0xFF
        let error = compressionError { _ = try decompress(&codec, wrong) }
        #expect(isCorrupt(error, .lz4) && corruptOffset(error) == 6, "\(String(describing: error))")
    }

    @Test("zstd into a warm output decodes as into a cold one, ceiling and all")
    func zstdWarmOutput() throws {
        let input = Samples.jsonText(count: 900, seed: 7)
        for pledges in [true, false] {
            var codec = try ZstdCodec(level: -1, pledgesContentSize: pledges)
            let frame = try compress(&codec, input)
            var warm = [UInt8](repeating: 0xEE, count: 3)
            warm.reserveCapacity(64 << 10)
            try frame.withUnsafeBytes { try codec.decompress($0, appendingTo: &warm, limit: input.count) }
            #expect(warm == [0xEE, 0xEE, 0xEE] + input, "pledges \(pledges)")
            // One byte under the content: refused, warm or cold, and the output is untouched.
            var under = [UInt8]()
            under.reserveCapacity(64 << 10)
            let warmError = compressionError {
                try frame.withUnsafeBytes { try codec.decompress($0, appendingTo: &under, limit: input.count - 1) }
            }
            let coldError = compressionError { _ = try decompress(&codec, frame, limit: input.count - 1) }
            #expect(warmError?.code == .outputLimitExceeded && coldError?.code == .outputLimitExceeded)
            #expect(under.isEmpty)
        }
    }

    @Test("a zstd frame declaring a window past the ceiling's is refused into a warm output too")
    func zstdWindowPastCeiling() throws {
        var codec = try ZstdCodec(level: 3, pledgesContentSize: false)
        var frame = try compress(&codec, Inputs.small)
        #expect(frame[4] & 0x20 == 0, "a streamed frame has a window descriptor")
        frame[5] = 14 << 3  // 2^24 bytes: past the 8 MiB window accepted under a small ceiling
        var warm = [UInt8]()
        warm.reserveCapacity(64 << 10)
        let warmError = compressionError {
            try frame.withUnsafeBytes { try codec.decompress($0, appendingTo: &warm, limit: 1 << 20) }
        }
        let coldError = compressionError { _ = try decompress(&codec, frame, limit: 1 << 20) }
        #expect(isCorrupt(warmError, .zstd) && isCorrupt(coldError, .zstd))
        #expect(warmError?.description == coldError?.description)
        // Under a ceiling whose window covers it, both decode.
        #expect(try decompress(&codec, frame, limit: 32 << 20) == Inputs.small)
    }
}
