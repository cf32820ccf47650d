import KafkaCompression
import Testing

/// The producer client profiles: each client's framing round-trips, its levels are the ones
/// the client's sources accept, and librdkafka's snappy compressor is a valid snappy writer.
@Suite("Producer client profiles (librdkafka 2.0.2, Java 3.8+)")
struct ClientProfileTests {
    static let codecs: [CompressionType] = [.none, .gzip, .snappy, .lz4, .zstd]

    @Test("every client codec at its default level round-trips through kbench's decoder", arguments: ProducerClient.allCases, codecs)
    func roundTrip(client: ProducerClient, type: CompressionType) throws {
        for (name, input) in Inputs.all {
            var codec = try client.perBatchCodec(type, level: nil)
            let compressed = try compress(&codec, input)
            var reader = try makeCodec(type)
            #expect(try decompress(&reader, compressed) == input, "\(client) \(type) \(name)")
        }
    }

    @Test("framing: librdkafka snappy is one raw block, Java's is xerial; zstd frames declare no content size")
    func framing() throws {
        let input = Inputs.largeJSON
        var librdkafkaSnappy = try ProducerClient.librdkafka.perBatchCodec(.snappy, level: nil)
        let raw = try compress(&librdkafkaSnappy, input)
        #expect(!raw.starts(with: [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00]))
        let length: [UInt8] = [UInt8(0x80 | input.count & 0x7F), UInt8(0x80 | (input.count >> 7) & 0x7F), UInt8(input.count >> 14)]
        #expect(Array(raw.prefix(3)) == length, "a raw block starts with the varint length")
        var javaSnappy = try ProducerClient.java.perBatchCodec(.snappy, level: nil)
        #expect(try compress(&javaSnappy, input).starts(with: [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00]))
        for client in ProducerClient.allCases {
            var zstd = try client.perBatchCodec(.zstd, level: nil)
            let frame = try compress(&zstd, Inputs.small)
            #expect(frame[4] & 0xE0 == 0, "\(client): frame header descriptor 0x\(String(frame[4], radix: 16)) declares a content size")
            var pledged = try makeCodec(.zstd)
            let informed = try compress(&pledged, Inputs.small)
            #expect(informed[4] & 0xE0 != 0, "kbench's own zstd frame declares its size")
        }
    }

    @Test("librdkafka's snappy compressor: libsnappy decodes it across 64 KiB fragments, tiny and incompressible inputs")
    func classicSnappy() throws {
        let inputs = [Inputs.empty, Inputs.tiny, Array("0123456789abcd".utf8), Array("0123456789abcde".utf8), Inputs.random, Inputs.repetitive, Inputs.largeJSON]
        for input in inputs {
            var codec = LibrdkafkaSnappyCodec()
            let compressed = try compress(&codec, input)
            var libsnappy = try makeCodec(.snappy)
            #expect(try decompress(&libsnappy, compressed) == input, "\(input.count) bytes")
        }
        var codec = LibrdkafkaSnappyCodec()
        var libsnappy = try SnappyCodec(framing: .raw)
        #expect(try compress(&codec, Inputs.repetitive).count < Inputs.repetitive.count / 10)
        let classic = try compress(&codec, Inputs.largeJSON)
        #expect(classic != (try compress(&libsnappy, Inputs.largeJSON)), "librdkafka's compressor is not libsnappy's")
    }

    @Test("accepted levels follow the clients' sources", arguments: [
        (ProducerClient.librdkafka, CompressionType.gzip, [-1, 0, 9, 12], [-2, 13]),
        (.librdkafka, .lz4, [-1, 0, 12], [-2, 13]),
        (.librdkafka, .zstd, [-1, 0, 3, 12], [-5, 13, 19, 22]),
        (.java, .gzip, [-1, 1, 9], [0, 10, -2]),
        (.java, .lz4, [1, 9, 17], [0, 18, -1]),
        (.java, .zstd, [-131_072, -1, 0, 22], [23, -131_073]),
        (.librdkafka, .snappy, [], [0, 1]),
        (.java, .snappy, [], [0]),
    ])
    func acceptedLevels(client: ProducerClient, type: CompressionType, accepted: [Int], refused: [Int]) throws {
        let levels = client.levels(type)
        for value in accepted {
            #expect(levels.accepts(value), "\(client) \(type) \(value)")
            _ = try levels.makeCodec(value)
        }
        for value in refused {
            #expect(!levels.accepts(value), "\(client) \(type) \(value)")
            #expect(throws: CompressionError.self) { _ = try levels.makeCodec(value) }
        }
        #expect(levels.accepts(nil))
    }

    @Test("levels are written as what they run: defaults, clamps")
    func canonicalLevels() {
        #expect(ProducerClient.librdkafka.levels(.zstd).canonical(-1) == 3)
        #expect(ProducerClient.librdkafka.levels(.zstd).canonical(0) == 3)
        #expect(ProducerClient.librdkafka.levels(.gzip).canonical(-1) == 6)
        #expect(ProducerClient.librdkafka.levels(.gzip).canonical(12) == 9)
        #expect(ProducerClient.librdkafka.levels(.lz4).canonical(-1) == 0)
        #expect(ProducerClient.librdkafka.levels(.lz4).canonical(nil) == 0)
        #expect(ProducerClient.java.levels(.lz4).canonical(nil) == 9)
        #expect(ProducerClient.java.levels(.lz4).canonical(17) == 12)
        #expect(ProducerClient.java.levels(.gzip).canonical(-1) == 6)
        #expect(ProducerClient.java.levels(.zstd).canonical(-1) == -1)
        #expect(ProducerClient.java.levels(.snappy).canonical(nil) == nil)
        #expect(ProducerClient.librdkafka.levels(.zstd).property == "compression.level")
        #expect(ProducerClient.java.levels(.zstd).property == "compression.zstd.level")
    }

    @Test("Java lz4: the default 9 is lz4's fast compressor, other levels HC (1 and 2 included)")
    func javaLZ4() throws {
        let input = Inputs.largeJSON
        var javaDefault = try ProducerClient.java.perBatchCodec(.lz4, level: 9)
        var fast = try makeCodec(.lz4, level: 0)
        #expect(try compress(&javaDefault, input) == (try compress(&fast, input)))
        var javaOne = try ProducerClient.java.perBatchCodec(.lz4, level: 1)
        var kbenchOne = try makeCodec(.lz4, level: 1)
        let hc = try compress(&javaOne, input)
        #expect(hc != (try compress(&kbenchOne, input)))
        #expect(hc.count < (try compress(&fast, input)).count)
    }
}
