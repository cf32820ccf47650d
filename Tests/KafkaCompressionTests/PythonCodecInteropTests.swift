import KafkaCompression
import Testing

/// Raw codec bytes across kbench and the Python codecs (kafka.codec and the bindings behind it).
@Suite("Codec bytes ↔ Python codecs")
struct PythonCodecInteropTests {
    static let inputs: [[UInt8]] = [Inputs.small, Inputs.largeJSON, Inputs.random, Inputs.repetitive]

    @Test("Python decodes what kbench writes, at several levels and both snappy framings")
    func pythonDecodesKbench() throws {
        var configurations: [(CompressionType, CompressionOptions)] = []
        configurations += [nil, 1, 9].map { (.gzip, CompressionOptions(level: $0)) }
        configurations += SnappyFraming.allCases.map { (.snappy, CompressionOptions(snappyFraming: $0)) }
        configurations += [nil, -16, 3, 9, 12].map { (.lz4, CompressionOptions(level: $0)) }
        configurations += [nil, -7, 1, 19].map { (.zstd, CompressionOptions(level: $0)) }
        var tasks: [PythonCodecs.Task] = []
        var expected: [[UInt8]] = []
        for (type, options) in configurations {
            var codec = try makeCodec(type, options: options)
            for input in Self.inputs {
                let compressed = try compress(&codec, input)
                tasks.append(.decode(type, "kafka", compressed))  // kafka.codec
                tasks.append(.decode(type, "python", compressed))  // the binding itself
                expected += [input, input]
            }
        }
        let outcomes = try PythonCodecs.run(tasks)
        #expect(outcomes.count == tasks.count)
        for (index, outcome) in outcomes.enumerated() {
            let task = tasks[index]
            if task.codec == "snappy", task.variant == "python", case .failed = outcome {
                continue  // python-snappy's plain decompress reads raw blocks only; kafka.codec reads xerial
            }
            #expect(outcome.bytes == expected[index], "\(task.codec) \(task.variant ?? "") task \(index): \(outcome)")
        }
    }

    @Test("kafka-python decodes every client's codecs (librdkafka's raw snappy, Java's xerial, Java's lz4 HC, zstd without a content size)")
    func pythonDecodesClients() throws {
        var tasks: [PythonCodecs.Task] = []
        var expected: [[UInt8]] = []
        let levels: [(CompressionType, Int?)] = [(.gzip, nil), (.snappy, nil), (.lz4, nil), (.lz4, 1), (.zstd, nil), (.zstd, 12)]
        for client in ProducerClient.allCases {
            for (type, level) in levels {
                var codec = try client.perBatchCodec(type, level: level)
                for input in Self.inputs {
                    tasks.append(.decode(type, "kafka", try compress(&codec, input)))
                    expected.append(input)
                }
            }
        }
        let outcomes = try PythonCodecs.run(tasks)
        #expect(outcomes.count == tasks.count)
        for (index, outcome) in outcomes.enumerated() {
            #expect(outcome.bytes == expected[index], "\(tasks[index].codec) task \(index): \(outcome)")
        }
    }

    /// (codec, Python encoder variant, level).
    static let pythonEncoders: [(CompressionType, String, Int?)] = [
        (.gzip, "kafka", nil), (.gzip, "kafka", 1), (.gzip, "python", 6), (.gzip, "members", nil),
        (.snappy, "xerial", nil), (.snappy, "raw", nil),
        (.lz4, "kafka", nil), (.lz4, "checksums", nil), (.lz4, "bigblocks", nil), (.lz4, "hc", 12),
        (.zstd, "kafka", nil), (.zstd, "python", -5), (.zstd, "python", 19), (.zstd, "stream", 3), (.zstd, "frames", nil),
    ]

    @Test("kbench decodes what Python writes (kafka.codec, content sizes, checksums, 4 MiB blocks, members, streams)")
    func kbenchDecodesPython() throws {
        var tasks: [PythonCodecs.Task] = []
        var expected: [[UInt8]] = []
        for (type, variant, level) in Self.pythonEncoders {
            for input in Self.inputs {
                tasks.append(.encode(type, variant, level: level, input))
                expected.append(input)
            }
        }
        let outcomes = try PythonCodecs.run(tasks)
        for (index, outcome) in outcomes.enumerated() {
            let task = tasks[index]
            let compressed = try #require(outcome.bytes, "python \(task.codec) \(task.variant ?? "") failed: \(outcome)")
            var codec = try makeCodec(try #require(CompressionType(name: task.codec)))
            #expect(try decompress(&codec, compressed) == expected[index], "\(task.codec) \(task.variant ?? "")")
        }
    }

    @Test("lz4 frames with linked blocks are refused, as Java refuses them")
    func linkedBlocks() throws {
        let outcome = try PythonCodecs.run([.encode(.lz4, "linked", Inputs.largeJSON)])
        let frame = try #require(outcome.first?.bytes)
        #expect(frame[4] & 0x20 == 0, "python wrote a linked-block frame")
        var codec = try makeCodec(.lz4)
        let error = compressionError { _ = try decompress(&codec, frame) }
        #expect(corruptOffset(error) == 4)
    }

    @Test("kbench's lz4 header equals python-lz4's for the same settings")
    func lz4HeaderAgainstPython() throws {
        let outcome = try PythonCodecs.run([.encode(.lz4, "checksums", Inputs.small)])
        let pythonFrame = try #require(outcome.first?.bytes)
        // python-lz4 with checksums: FLG 0x7C (v1, independent, block checksum, content size,
        // content checksum), BD 0x40, 8-byte content size, then HC over those 10 bytes.
        #expect(Array(pythonFrame[4...5]) == [0x7C, 0x40])
        #expect(pythonFrame[14] == LZ4Frame.descriptorChecksum(pythonFrame[4..<14]), "HC derivation agrees with liblz4's")
    }
}
