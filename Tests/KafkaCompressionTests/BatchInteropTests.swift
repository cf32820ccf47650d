import KafkaCompression
import KBenchWorkloads
import KafkaRecords
import Testing

/// Compressed RecordBatches across kbench and kafka-python 3.0.12 (DefaultRecordBatchBuilder /
/// DefaultRecordBatch with its gzip, python-snappy, lz4.frame and zstandard backends).
@Suite("Compressed batches ↔ kafka-python")
struct BatchInteropTests {
    static let compressed: [CompressionType] = [.gzip, .snappy, .lz4, .zstd]

    /// Keyed JSON events with headers (one null header value, one null key, one null value),
    /// compressible so kafka-python keeps its compression.
    static let messages: [ProducerMessage] = {
        var events = PayloadCorpus.json.generator(seed: 11)
        return (0..<400).map { index in
            let key: [UInt8]? = index == 7 ? nil : Array("user-\(index % 37)".utf8)
            let value: [UInt8]? = index == 9 ? nil : events.nextRecord()
            let headers = [
                RecordHeader(key: "trace-id", text: "t-\(index)"),
                RecordHeader(key: "schema", value: index % 5 == 0 ? nil : [0, 0, 0, 1]),
            ]
            return ProducerMessage(topic: "events", key: key, value: value, headers: headers, timestamp: 1_700_000_000_000 + Int64(index) * 3)
        }
    }()

    static let expected: [PythonBatches.Record] = messages.enumerated().map { index, message in
        PythonBatches.Record(offset: Int64(index), timestamp: message.timestamp ?? 0, key: message.key, value: message.value, headers: message.headers)
    }

    @Test("kbench decodes kafka-python's gzip, snappy, lz4 and zstd batches to the same records")
    func kafkaPythonToKbench() throws {
        let batches = try PythonBatches.build(Self.expected, codecs: Self.compressed)
        #expect(batches.count == Self.compressed.count)
        for type in Self.compressed {
            let bytes = try #require(batches[type], "no \(type) batch from kafka-python")
            let batch = try RecordBatchDecoder(crcCheck: .strict).decodeBatch(bytes)
            #expect(batch.header.attributes.compression == type)
            #expect(batch.records.map(PythonBatches.Record.init) == Self.expected, "\(type)")
        }
    }

    /// Every codec at several levels, snappy in both framings.
    static let kbenchVariants: [(String, RecordBatchSettings, CompressionCodecProvider)] = {
        var variants: [(String, RecordBatchSettings, CompressionCodecProvider)] = []
        let levels: [(CompressionType, [Int?])] = [(.gzip, [nil, 1, 9]), (.lz4, [nil, -8, 3, 9, 12, 17]), (.zstd, [nil, -5, 1, 19])]
        for (type, typeLevels) in levels {
            for level in typeLevels {
                variants.append(("\(type) level \(level.map(String.init) ?? "default")", RecordBatchSettings(compression: type, compressionLevel: level), .kafkaCompression))
            }
        }
        for framing in SnappyFraming.allCases {  // chosen in the settings, default provider
            variants.append(("snappy \(framing)", RecordBatchSettings(compression: .snappy, snappyFraming: framing), .kafkaCompression))
        }
        return variants
    }()

    @Test("kafka-python decodes every compressed batch kbench writes")
    func kbenchToKafkaPython() throws {
        var batches: [[UInt8]] = []
        for (_, settings, codecs) in Self.kbenchVariants {
            batches.append(try RecordBatchEncoder.encode(Self.messages, settings: settings, codecs: codecs))
        }
        let read = try PythonBatches.read(batches)
        #expect(read.count == Self.kbenchVariants.count)
        for ((name, settings, _), (bytes, result)) in zip(Self.kbenchVariants, zip(batches, read)) {
            if settings.compression == .snappy {  // the framing the settings asked for was written
                let isXerial = Array(bytes[61..<69]) == XerialFraming.magic
                #expect(isXerial == (settings.snappyFraming == .xerial), "\(name)")
            }
            #expect(result.compression == settings.compression.rawValue, "\(name)")
            #expect(result.crc_ok, "\(name)")
            #expect(result.records == Self.expected, "\(name)")
        }
    }

    @Test("kbench batches round trip through kbench's own decoder, with the ceiling enforced")
    func kbenchRoundTrip() throws {
        for (name, settings, codecs) in Self.kbenchVariants {
            let bytes = try RecordBatchEncoder.encode(Self.messages, settings: settings, codecs: codecs)
            let batch = try RecordBatchDecoder(crcCheck: .strict).decodeBatch(bytes)
            #expect(batch.header.attributes.compression == settings.compression, "\(name)")
            #expect(batch.records.map(PythonBatches.Record.init) == Self.expected, "\(name)")
            #expect(throws: RecordBatchError.self, "\(name) under a 4 KiB ceiling") {
                _ = try RecordBatchDecoder(decompressionLimit: 4096).decodeBatch(bytes)
            }
        }
    }
}
