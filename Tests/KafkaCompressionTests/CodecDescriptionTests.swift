import KafkaCompression
import Testing

/// Every codec is described once, consistently: the registry, names, factories, notes.
@Suite("Codec descriptions")
struct CodecDescriptionTests {
    @Test("each codec's description names it, makes it and holds its levels", arguments: CompressionType.allCases)
    func consistent(type: CompressionType) throws {
        let codec = type.codec
        #expect(codec.type == type)
        #expect(codec.levels.type == type)
        #expect(CompressionType(name: codec.name) == type)
        #expect(type.description == codec.name)
        #expect(try codec.makeCodec(.default).type == type)
        if let level = codec.levels.defaultLevel {
            #expect(try codec.makeCodec(CompressionOptions(level: level)).type == type)
        }
    }

    @Test("names are the compression.type values, in codec-id order")
    func names() {
        #expect(CompressionType.allCases.map(\.codec.name) == ["none", "gzip", "snappy", "lz4", "zstd"])
    }

    @Test("notes say what a level or framing means")
    func notes() {
        func notes(_ type: CompressionType, _ level: Int?, _ framing: SnappyFraming = .xerial) -> [String] {
            type.codec.notes(CompressionOptions(level: level, snappyFraming: framing))
        }
        #expect(notes(.none, nil) == ["no compression"])
        #expect(notes(.gzip, 1) == ["fastest"] && notes(.gzip, 9) == ["smallest"] && notes(.gzip, 6).isEmpty)
        #expect(notes(.snappy, nil) == ["xerial framing (Java)"] && notes(.snappy, nil, .raw) == ["raw framing (librdkafka)"])
        #expect(notes(.lz4, -3) == ["fast, acceleration 4"] && notes(.lz4, 0) == ["fast"])
        #expect(notes(.lz4, 9) == ["HC"] && notes(.lz4, 17) == ["HC (as 12)"])
        #expect(notes(.zstd, -1) == ["fast"] && notes(.zstd, 3).isEmpty && notes(.zstd, 22) == ["ultra"])
    }

    @Test("a client profile can refine a copy without touching the codec")
    func refinedCopy() throws {
        var librdkafkaLZ4 = CompressionType.lz4.codec
        librdkafkaLZ4.levels = CompressionLevels(
            type: .lz4, accepted: 0...12, defaultLevel: 0, java: nil,
            librdkafka: CompressionType.lz4.codec.levels.librdkafka, scale: "librdkafka's compression.level"
        )
        #expect(throws: CompressionError.invalidLevel(codec: .lz4, level: 17, accepted: "0...12")) {
            try librdkafkaLZ4.levels.check(17)
        }
        #expect(CompressionType.lz4.codec.levels.accepts(17))
    }
}
