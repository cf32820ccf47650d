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

    @Test("inputs past the capacity are refused")
    func capacity() throws {
        let reference = try RawCodecReference(type: .lz4, capacity: 10)
        let error = compressionError { try Inputs.small.withUnsafeBytes { _ = try reference.compress($0) } }
        #expect(error != nil)
    }
}
