import KafkaCompression
import Testing

/// Levels: accepted ranges, client defaults, translations, invalid values.
@Suite("Compression levels")
struct LevelTests {
    @Test("defaults are the clients' defaults")
    func defaults() throws {
        #expect(try GzipCodec().level == 6)
        #expect(try LZ4FrameCodec().level == 0)
        #expect(try ZstdCodec().level == 3)
        #expect(CompressionLevels.of(.gzip).java?.property == "compression.gzip.level")
        #expect(CompressionLevels.of(.lz4).java?.property == "compression.lz4.level")
        #expect(CompressionLevels.of(.zstd).java?.property == "compression.zstd.level")
        #expect(CompressionLevels.of(.lz4).java?.defaultValue == 9)
        #expect(CompressionLevels.of(.zstd).librdkafka?.property == "compression.level")
        #expect(CompressionLevels.of(.gzip).librdkafka?.defaultValue == -1)
        #expect(CompressionLevels.all.map(\.type) == CompressionType.allCases)
    }

    @Test("client values translate to kbench levels")
    func translations() {
        #expect(CompressionLevels.of(.gzip).kbenchLevel(forJava: -1) == 6)
        #expect(CompressionLevels.of(.lz4).kbenchLevel(forJava: 9) == 0)  // Java's default = fast compressor
        #expect(CompressionLevels.of(.lz4).kbenchLevel(forJava: 10) == 10)
        #expect(CompressionLevels.of(.lz4).kbenchLevel(forLibrdkafka: -1) == 0)
        #expect(CompressionLevels.of(.zstd).kbenchLevel(forLibrdkafka: -1) == 3)
        #expect(CompressionLevels.of(.snappy).kbenchLevel(forLibrdkafka: 0) == nil)
    }

    @Test("zstd accepts its negative fast levels")
    func zstdNegative() throws {
        #expect(ZstdCodec.minimumLevel < -1000)
        #expect(ZstdCodec.maximumLevel == 22)
        _ = try ZstdCodec(level: -7)
    }

    @Test("levels outside the range are typed errors")
    func invalid() {
        let cases: [(CompressionType, Int)] = [(.gzip, 10), (.gzip, -2), (.lz4, 18), (.lz4, -65), (.zstd, 23), (.snappy, 3), (.none, 1)]
        for (type, level) in cases {
            let error = compressionError { _ = try makeCodec(type, level: level) }
            guard let error, error.code == .invalidLevel else {
                Issue.record("\(type) \(level): \(String(describing: error))")
                continue
            }
            #expect(error.codec == type && error.level == level)
        }
        #expect(throws: Never.self) { _ = try makeCodec(.snappy, level: 0) }  // librdkafka's only snappy value
    }

    @Test("higher levels shrink the JSON batch")
    func levelsMatter() throws {
        func size(_ type: CompressionType, _ level: Int) throws -> Int {
            var codec = try makeCodec(type, level: level)
            return try compress(&codec, Inputs.largeJSON).count
        }
        #expect(try size(.gzip, 9) < size(.gzip, 1))
        #expect(try size(.lz4, 9) < size(.lz4, 0))
        #expect(try size(.lz4, 0) < size(.lz4, -32))
        #expect(try size(.zstd, 19) < size(.zstd, 1))
        #expect(try size(.zstd, 1) < size(.zstd, -50))
    }

    @Test("reserved codec bits are unsupported")
    func reservedBits() {
        for bits: UInt8 in 5...7 {
            let error = compressionError { _ = try makeCodec(attributesCodecBits: bits) }
            #expect(error == .unsupported(codec: bits))
        }
    }
}
