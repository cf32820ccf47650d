import KafkaCompression
import KBenchWorkloads
import Testing
@testable import KBenchStudies

/// The bare-library reference the compression study measures against: correct round trips,
/// the libraries' own formats, typed errors.
@Suite("Raw codec reference")
struct RawCodecReferenceTests {
    /// About 300 KB of the json corpus, one event a line.
    static let input: [UInt8] = Array(PayloadCorpus.json.records(count: 800, seed: 42).joined(separator: [0x0A]))

    @Test("round trips and matches the library formats", arguments: [
        (CompressionType.none, nil), (.gzip, 1), (.gzip, 6), (.snappy, nil), (.lz4, 0), (.lz4, 9), (.zstd, -5), (.zstd, 3),
    ] as [(CompressionType, Int?)])
    func roundTrip(type: CompressionType, level: Int?) throws {
        let input = Self.input
        let reference = try RawCodecReference(type: type, level: level, capacity: input.count)
        let size = try input.withUnsafeBytes { try reference.compress($0) }
        #expect(size == reference.lastCompressed.count)
        #expect(type == .none ? size == input.count : size < input.count / 2)
        #expect(try reference.decompressLast(originalSize: input.count) == input.count)
        if type == .gzip { #expect(reference.lastCompressed.first == 0x78, "zlib wrapper, not gzip") }
        if type == .zstd {
            var codec = try makeCodec(.zstd)
            var restored: [UInt8] = []
            try codec.decompress(reference.lastCompressed, appendingTo: &restored, limit: input.count)
            #expect(restored == input, "a zstd frame either way")
        }
    }

    @Test("levels outside the codec's range are typed errors")
    func invalidLevel() {
        #expect(throws: CompressionError.invalidLevel(codec: .gzip, level: 10, accepted: "0...9")) {
            _ = try RawCodecReference(type: .gzip, level: 10, capacity: 100)
        }
        #expect(throws: CompressionError.invalidLevel(codec: .snappy, level: 1, accepted: "no levels")) {
            _ = try RawCodecReference(type: .snappy, level: 1, capacity: 100)
        }
    }

    @Test("inputs past the capacity are refused")
    func capacity() throws {
        let reference = try RawCodecReference(type: .lz4, capacity: 10)
        #expect(throws: CompressionError.self) {
            try Array("hello, kafka".utf8).withUnsafeBytes { _ = try reference.compress($0) }
        }
    }
}
