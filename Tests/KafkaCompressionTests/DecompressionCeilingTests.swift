import KafkaCompression
import Testing

/// Decompression bombs: a small input that would expand past the ceiling must fail with
/// `outputLimitExceeded`, leave the output as it was, and never allocate far past the ceiling.
@Suite("Decompression ceiling")
struct DecompressionCeilingTests {
    static let ceiling = 1 << 20
    /// 16 MiB of zeros: compresses to a few KiB (lz4 ~ 64 KiB) with every codec.
    static let zeros = [UInt8](repeating: 0, count: 16 << 20)

    @Test("bomb: 16 MiB of zeros behind a 1 MiB ceiling", arguments: writingConfigurations)
    func bomb(name: String, type: CompressionType, options: CompressionOptions) throws {
        var codec = try makeCodec(type, options: options)
        let bomb = try compress(&codec, Self.zeros)
        #expect(bomb.count < Self.zeros.count / 16, "\(name) bomb is \(bomb.count) bytes")
        var output: [UInt8] = [1, 2, 3]
        let error = compressionError {
            try bomb.withUnsafeBytes { try codec.decompress($0, appendingTo: &output, limit: Self.ceiling) }
        }
        #expect(error == .outputLimitExceeded(codec: type, limit: Self.ceiling))
        #expect(output == [1, 2, 3], "a failed call leaves the output as it was")
        #expect(output.capacity <= 2 * Self.ceiling + 128 * 1024, "\(name) reserved \(output.capacity) bytes")
    }

    @Test("output of exactly the ceiling passes, one byte less fails", arguments: writingConfigurations)
    func exactCeiling(name: String, type: CompressionType, options: CompressionOptions) throws {
        var codec = try makeCodec(type, options: options)
        for input in [Inputs.largeJSON, Inputs.random, Inputs.tiny] {
            let compressed = try compress(&codec, input)
            #expect(try decompress(&codec, compressed, limit: input.count) == input, "\(name)")
            let error = compressionError {
                _ = try decompress(&codec, compressed, limit: input.count - 1)
            }
            #expect(error == .outputLimitExceeded(codec: type, limit: input.count - 1), "\(name)")
        }
    }

    @Test("raw snappy claiming 200 MiB in 8 bytes is refused before allocating")
    func snappyClaimedLength() throws {
        // varint 200 MiB, then one literal of 2 bytes.
        let claimed = 200 << 20
        var block = varint(claimed)
        block += [0x04, 0x61, 0x62]
        var codec = try makeCodec(.snappy)
        let overCeiling = compressionError { _ = try decompress(&codec, block, limit: Self.ceiling) }
        #expect(overCeiling == .outputLimitExceeded(codec: .snappy, limit: Self.ceiling))
        let underDefault = compressionError { _ = try decompress(&codec, block) }
        #expect(isCorrupt(underDefault, .snappy), "more than 5 bytes can expand to: \(String(describing: underDefault))")
    }

    @Test("zstd frame declaring a huge content size does not size the allocation")
    func zstdLyingContentSize() throws {
        var codec = try makeCodec(.zstd)
        var frame = try compress(&codec, Inputs.small)
        // Frame header descriptor: single segment with a 1-byte content size; widen the size
        // field to 8 bytes and claim 4 GiB.
        #expect(frame[4] & 0xE0 == 0x20, "single-segment frame with a 1-byte content size")
        frame[4] |= 0xC0
        frame.replaceSubrange(5...5, with: [0, 0, 0, 0, 1, 0, 0, 0])
        var output: [UInt8] = []
        let error = compressionError {
            try frame.withUnsafeBytes { try codec.decompress($0, appendingTo: &output, limit: defaultDecompressionLimit) }
        }
        #expect(error != nil)
        #expect(output.capacity < 64 * 1024, "reserved \(output.capacity) bytes for a \(frame.count)-byte frame")
    }

    func varint(_ value: Int) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
        return bytes
    }
}
