import Foundation
import KafkaCompression
import KafkaPartitioning
import KafkaRecords
import Testing
import TestSupport
@testable import KBenchReports
@testable import KBenchStudies

@Suite("Message inspection")
struct InspectMessageTests {
    /// The seed example: key 1202 as int32, value "Phuc" as string.
    static let seedInput = MessageInspectionInput(key: "1202", keyType: .int32, value: "Phuc", valueType: .string, timestamp: 1_700_000_000_000)

    @Test("seed example: key bytes 00 00 04 b2, value 'Phuc', a 15-byte record in a 76-byte batch")
    func seedExample() throws {
        let inspection = try MessageInspection(Self.seedInput)
        #expect(inspection.message.key == [0x00, 0x00, 0x04, 0xB2])
        #expect(inspection.message.value == Array("Phuc".utf8))
        let anatomy = inspection.anatomy
        #expect(anatomy.recordBytes == [0x1C, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x04, 0xB2, 0x08, 0x50, 0x68, 0x75, 0x63, 0x00])
        #expect(anatomy.recordSize == 15 && anatomy.batchSize == 76)
        #expect(anatomy.recordFields.map(\.label) == ["length", "attributes", "timestampDelta", "offsetDelta", "keyLength", "key", "valueLength", "value", "headerCount"])
        #expect(inspection.compressedBatch == nil && inspection.sentBatch == anatomy.batch)
    }

    @Test("seed example: the java partition among 12 is (murmur2(key) & 0x7fffffff) % 12 = 10")
    func seedPartition() throws {
        let inspection = try MessageInspection(Self.seedInput)
        let key: [UInt8] = [0x00, 0x00, 0x04, 0xB2]
        let expected = Int32((Murmur2.hash(key) & 0x7FFF_FFFF) % 12)
        let java = try #require(inspection.placements.first { $0.strategy == "java" })
        #expect(java.partition == expected)
        #expect(java.partition == 10)
        #expect(java.isClientDefault && java.simulatedPartition == nil)
        let murmur = try #require(inspection.keyHashes.first { $0.rule == KeyHashing.kafkaDefault.description })
        #expect(murmur.hash == 0x691E_CFCA && murmur.partition == 10)
        #expect(murmur.strategies.contains("java") && murmur.strategies.contains("kafka-python:default"))
    }

    @Test("kafka-python's DefaultPartitioner agrees for the seed key and a few others")
    func kafkaPythonPeer() throws {
        let keys: [[UInt8]] = [[0x00, 0x00, 0x04, 0xB2], Array("user-42".utf8), [], Array("Phuc".utf8)]
        for partitions: Int32 in [12, 7] {
            let output = try PythonHelper.run(script: "inspect_partition.py", arguments: ["\(partitions)"] + keys.map { Hex.encode($0) })
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
            #expect(lines.count == keys.count)
            for (key, line) in zip(keys, lines) {
                let input = MessageInspectionInput(key: Hex.encode(key), keyType: .bytesHex, timestamp: 0, partitionCount: partitions)
                let inspection = try MessageInspection(input)
                let python = try #require(inspection.placements.first { $0.strategy == "kafka-python:default" })
                let murmur = try #require(inspection.keyHashes.first { $0.rule == KeyHashing.kafkaDefault.description })
                #expect(line == "\(String(format: "%08x", murmur.hash)) \(python.partition ?? -1)", "key \(key)")
            }
        }
    }

    @Test("every strategy of the registry is placed; key-hashing ones exactly")
    func everyStrategy() throws {
        let inspection = try MessageInspection(Self.seedInput)
        #expect(inspection.placements.map(\.strategy) == StrategyRegistry.names)
        for (placement, strategy) in zip(inspection.placements, StrategyRegistry.all) {
            if strategy.isKeyDeterministic {
                #expect(placement.partition != nil && placement.simulatedPartition == nil, "\(strategy.name)")
                #expect(placement.partition.map { (0..<12).contains($0) } == true)
            } else {
                #expect(placement.partition == nil && placement.simulatedPartition.map { (0..<12).contains($0) } == true, "\(strategy.name)")
                #expect(placement.rule.contains("depends on producer state"))
            }
        }
    }

    @Test("a null key: no hash, java sticky (simulated), the record says keyLength -1")
    func nullKey() throws {
        let inspection = try MessageInspection(MessageInspectionInput(value: "v", timestamp: 5, partitionCount: 3, seed: 9))
        #expect(inspection.message.key == nil && inspection.keyHashes.isEmpty)
        let java = try #require(inspection.placements.first { $0.strategy == "java" })
        #expect(java.partition == nil && java.simulatedPartition != nil)
        #expect(java.rule.hasPrefix("null key; "))
        #expect(inspection.anatomy.recordFields.first { $0.label == "keyLength" }?.value == "-1 (null)")
        // librdkafka:consistent hashes a null key like an empty one: exact.
        #expect(inspection.placements.first { $0.strategy == "librdkafka:consistent" }?.partition != nil)
        let again = try MessageInspection(MessageInspectionInput(value: "v", timestamp: 5, partitionCount: 3, seed: 9))
        #expect(again.placements == inspection.placements)
    }

    @Test("serializers match Java's encodings", arguments: [
        (MessageValueType.string, "héllo", [0x68, 0xC3, 0xA9, 0x6C, 0x6C, 0x6F]),
        (.int16, "-2", [0xFF, 0xFE]),
        (.int32, "1202", [0x00, 0x00, 0x04, 0xB2]),
        (.int64, "1", [0, 0, 0, 0, 0, 0, 0, 1]),
        (.float, "1.5", [0x3F, 0xC0, 0x00, 0x00]),
        (.double, "-2", [0xC0, 0x00, 0, 0, 0, 0, 0, 0]),
        (.bool, "TRUE", [0x01]),
        (.bool, "false", [0x00]),
        (.uuid, "123E4567-E89B-12D3-A456-426614174000", Array("123e4567-e89b-12d3-a456-426614174000".utf8)),
        (.bytesHex, "0x00 00:04-b2", [0x00, 0x00, 0x04, 0xB2]),
        (.bytesHex, "", []),
        (.json, #"{"a": [1, 2]}"#, Array(#"{"a": [1, 2]}"#.utf8)),
        (.json, "42", Array("42".utf8)),
    ] as [(MessageValueType, String, [UInt8])])
    func serializers(type: MessageValueType, text: String, bytes: [UInt8]) throws {
        #expect(try type.serialize(text, field: "key") == bytes)
    }

    @Test("text a type cannot hold is a one-line error naming field, text and type", arguments: [
        (MessageValueType.int32, "abc", "key 'abc' is not a valid int32: expected a whole number in -2147483648...2147483647"),
        (.int16, "40000", "key '40000' is not a valid int16: expected a whole number in -32768...32767"),
        (.bool, "yes", "key 'yes' is not a valid bool: expected true or false"),
        (.uuid, "123", "key '123' is not a valid uuid: expected 36 characters like 123e4567-e89b-12d3-a456-426614174000"),
        (.bytesHex, "abc", "key 'abc' is not a valid bytes-hex: an odd number of hex digits"),
        (.bytesHex, "zz", "key 'zz' is not a valid bytes-hex: 'z' at position 0 is not a hex digit"),
        (.json, "{", "key '{' is not a valid json: not valid JSON"),
        (.null, "x", "key 'x' is not a valid null: a null key takes no value"),
    ] as [(MessageValueType, String, String)])
    func badValues(type: MessageValueType, text: String, message: String) {
        let error = #expect(throws: MessageValueError.self) { try type.serialize(text, field: "key") }
        #expect(error?.description == message)
        #expect(throws: MessageInspectionError.value(error ?? MessageValueError(field: "", text: "", type: .null, reason: ""))) {
            try MessageInspection(MessageInspectionInput(key: text, keyType: type, timestamp: 0))
        }
    }

    @Test("headers: KEY=VALUE, KEY alone for null, '=' in values kept, no empty keys")
    func headers() throws {
        #expect(try MessageInspectionInput.header("trace=a=b") == RecordHeader(key: "trace", text: "a=b"))
        #expect(try MessageInspectionInput.header("flag") == RecordHeader(key: "flag", value: nil))
        #expect(try MessageInspectionInput.header("empty=") == RecordHeader(key: "empty", value: []))
        #expect(throws: MessageInspectionError.invalidHeader("=v")) { try MessageInspectionInput.header("=v") }
        let inspection = try MessageInspection(MessageInspectionInput(key: "k", value: "v", headers: [RecordHeader(key: "trace", text: "abc"), RecordHeader(key: "flag", value: nil)], timestamp: 0))
        let labels = inspection.anatomy.recordFields.map(\.label)
        #expect(labels.contains("headers[1].valueLength") && !labels.contains("headers[1].value"))
        #expect(inspection.anatomy.recordShares.contains { $0.category == .headers })
    }

    @Test("with a codec the sent batch is compressed and its records are annotated inside the block", arguments: [CompressionType.gzip, .snappy, .lz4, .zstd])
    func compressed(codec: CompressionType) throws {
        let inspection = try MessageInspection(MessageInspectionInput(key: "user-42", value: String(repeating: "abc", count: 40), timestamp: 1, compression: codec))
        let batch = try #require(inspection.compressedBatch)
        #expect(batch.header.attributes.compression == codec && batch.isCRCValid)
        #expect(batch.fields.last?.category == .compressedRecords)
        #expect(batch.decompressedRecordFields.map(\.length) == inspection.anatomy.recordFields.map(\.length))
        let document = MessageInspectionReport.document(inspection)
        #expect(document.table("compressed-batch-records")?.rows.count == inspection.anatomy.recordFields.count)
    }

    @Test("bad levels and partition counts are typed errors")
    func badInputs() {
        #expect(throws: MessageInspectionError.self) {
            try MessageInspection(MessageInspectionInput(key: "k", timestamp: 0, compression: .zstd, compressionLevel: 99))
        }
        #expect(throws: MessageInspectionError.invalidPartitionCount(0)) {
            try MessageInspection(MessageInspectionInput(key: "k", timestamp: 0, partitionCount: 0))
        }
    }

    @Test("the report: message facts, field tables with hex, dumps, sizes, partitions; JSON round trip")
    func report() throws {
        let document = MessageInspectionReport.document(try MessageInspection(Self.seedInput))
        let message = try #require(document.sections.first { $0.id == "message" })
        #expect(message.facts.first { $0.label == "key bytes" }?.value == .text("00 00 04 b2 (4 bytes)"))
        let fields = try #require(document.table("record-fields"))
        #expect(fields.values(column: "bytes")[5] == .text("00 00 04 b2"))
        #expect(fields.values(column: "field")[5] == .text("key"))
        #expect(fields.values(column: "offset").map(\.numericValue) == [0, 1, 2, 3, 4, 5, 9, 10, 14])
        let dump = try #require(document.table("batch-hex"))
        #expect(dump.rows.count == 5)
        #expect(dump.values(column: "hex").last == .text("00 08 00 00 04 b2 08 50 68 75 63 00"))
        #expect(dump.values(column: "text").last == .text(".......Phuc."))
        let sizes = try #require(document.table("sizes"))
        #expect(sizes.values(column: "part").compactMap(\.textValue) == ["batch header", "record framing", "key", "value", "total"])
        #expect(sizes.values(column: "bytes").map(\.numericValue) == [61, 7, 4, 4, 76])
        let partitions = try #require(document.table("partitions"))
        #expect(partitions.rows.count == StrategyRegistry.all.count)
        #expect(partitions.value(row: 0, column: "partition") == .integer(10))
        let json = try ReportFormat.json.render(document)
        #expect(try JSONReportRenderer().decode(Data(json.utf8)) == document)
    }

    @Test("hex dumps stop at the dump limit and say how much is left")
    func dumpLimit() throws {
        var input = MessageInspectionInput(value: String(repeating: "x", count: 200), timestamp: 0)
        input.dumpLimit = 32
        let document = MessageInspectionReport.document(try MessageInspection(input))
        let dump = try #require(document.table("record-hex"))
        #expect(dump.rows.count == 2)
        #expect(dump.notes.first?.hasPrefix("… ") == true)
        #expect(HexText.spaced([1, 2, 3], limit: 2) == "01 02 … (+1 bytes)")
    }
}
