import KafkaCompression
import KBenchWorkloads
import Testing

/// Every codec at every level it accepts, on empty, tiny, incompressible, highly compressible
/// and > 1 MiB inputs: decompress(compress(x)) == x, appended after existing output.
@Suite("Round trips")
struct RoundTripTests {
    static let levelCases: [(CompressionType, Int?)] =
        [(.none, nil), (.snappy, nil)]
        + (0...9).map { (.gzip, $0) } + [(.gzip, nil)]
        + ([-64] + Array(-8...17)).map { (.lz4, $0) } + [(.lz4, nil)]
        + ([ZstdCodec.minimumLevel, -1000, -50, -5, -1] + Array(0...22)).map { (.zstd, $0) } + [(.zstd, nil)]

    @Test("round trip at every level", arguments: levelCases)
    func roundTrip(type: CompressionType, level: Int?) throws {
        var codec = try makeCodec(type, level: level)
        for (name, input) in Inputs.all {
            let compressed = try compress(&codec, input)
            let restored = try decompress(&codec, compressed)
            #expect(restored == input, "\(type) level \(String(describing: level)) on \(name)")
        }
    }

    @Test("both snappy framings round trip", arguments: SnappyFraming.allCases)
    func snappyFramings(framing: SnappyFraming) throws {
        var codec = try makeCodec(.snappy, options: CompressionOptions(snappyFraming: framing))
        for (name, input) in Inputs.all {
            let restored = try decompress(&codec, try compress(&codec, input))
            #expect(restored == input, "snappy \(framing) on \(name)")
        }
    }

    @Test("output is appended after what the array already holds", arguments: writingConfigurations.map(\.1))
    func appends(type: CompressionType) throws {
        var codec = try makeCodec(type)
        let prefix: [UInt8] = [9, 8, 7]
        var compressed = prefix
        try Inputs.small.withUnsafeBytes { try codec.compress($0, appendingTo: &compressed) }
        #expect(Array(compressed.prefix(3)) == prefix)
        var restored = prefix
        try compressed.dropFirst(3).withUnsafeBytes {
            try codec.decompress($0, appendingTo: &restored, limit: Inputs.small.count)
        }
        #expect(restored == prefix + Inputs.small)
    }

    @Test("seeded property test: random lengths and contents", arguments: writingConfigurations)
    func property(name: String, type: CompressionType, options: CompressionOptions) throws {
        var generator = SplitMix64(seed: 2024)
        var codec = try makeCodec(type, options: options)
        for round in 0..<40 {
            let length = Int(generator.next() % 300_000)
            // Mix of runs and noise so every codec meets both shapes in one input.
            var input = [UInt8]()
            input.reserveCapacity(length)
            while input.count < length {
                let run = Int(generator.next() % 2_000) + 1
                if generator.next() % 2 == 0 {
                    input.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: generator.next()), count: run))
                } else {
                    input.append(contentsOf: Samples.randomBytes(count: run, seed: generator.next()))
                }
            }
            input.removeLast(input.count - length)
            let restored = try decompress(&codec, try compress(&codec, input), limit: length)
            #expect(restored == input, "\(name) round \(round), \(length) bytes")
        }
    }
}
