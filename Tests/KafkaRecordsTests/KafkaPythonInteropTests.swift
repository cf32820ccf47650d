import Foundation
import KafkaCompression
import Testing
import TestSupport
@testable import KafkaRecords

/// Interop with a codec nobody here wrote: kafka-python 3.0.12's DefaultRecordBatchBuilder and
/// DefaultRecordBatch, driven through Tests/python/records_kafka_python.py.
@Suite("Interop with kafka-python's RecordBatch v2 codec")
struct KafkaPythonInteropTests {
    // MARK: JSON exchanged with the script (bytes as hex).

    struct Header: Codable, Equatable {
        var key: String
        var value: String?
    }

    struct Record: Codable, Equatable {
        var offset: Int64
        var timestamp: Int64
        var key: String?
        var value: String?
        var headers: [Header]
    }

    struct BatchSpec: Codable {
        var compression: Int = 0
        var transactional: Bool
        var producer_id: Int64
        var producer_epoch: Int16
        var base_sequence: Int32
        var records: [Record]
    }

    struct BuildRequest: Codable { var batches: [BatchSpec] }
    struct HexBatches: Codable { var batches: [String] }

    struct ReadRecord: Codable, Equatable {
        var offset: Int64
        var timestamp: Int64
        var timestamp_type: Int
        var key: String?
        var value: String?
        var headers: [Header]
    }

    struct ReadBatch: Codable {
        var base_offset: Int64
        var leader_epoch: Int32
        var magic: Int8
        var crc: UInt32
        var crc_valid: Bool
        var attributes: Int16
        var compression_type: Int
        var timestamp_type: Int
        var is_transactional: Bool
        var is_control_batch: Bool
        var last_offset_delta: Int32
        var first_timestamp: Int64
        var max_timestamp: Int64
        var producer_id: Int64
        var producer_epoch: Int16
        var base_sequence: Int32
        var records_count: Int32
        var size_in_bytes: Int
        var records: [ReadRecord]
    }

    struct ReadResponse: Codable { var batches: [ReadBatch] }

    static func python<Response: Decodable>(_ command: String, _ request: some Encodable) throws -> Response {
        let output = try PythonHelper.run(script: "records_kafka_python.py", arguments: [command], input: try JSONEncoder().encode(request))
        return try JSONDecoder().decode(Response.self, from: output)
    }

    static func hex(_ bytes: [UInt8]?) -> String? { bytes.map { $0.hex } }
    static func unhex(_ text: String?) -> [UInt8]? { text.map { [UInt8](hex: $0) } }

    /// Random batch specs: null/empty keys and values, repeated and null-valued headers,
    /// timestamps before and after the first one, offset gaps, producer state.
    static func randomSpecs(seed: UInt64, count: Int, compression: Int = 0) -> [BatchSpec] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let idempotent = Bool.random(using: &rng)
            let base = Int64.random(in: 1_000_000_000_000...1_800_000_000_000, using: &rng)
            var offset: Int64 = -1
            let records = (0..<Int.random(in: 1...30, using: &rng)).map { _ -> Record in
                offset += Int.random(in: 0..<6, using: &rng) == 0 ? Int64.random(in: 2...50, using: &rng) : 1
                return Record(
                    offset: offset,
                    timestamp: base + Int64.random(in: -100_000...100_000, using: &rng),
                    key: hex(rng.nullableBytes()),
                    value: hex(rng.nullableBytes(maxLength: 3000)),
                    headers: rng.headers().map { Header(key: $0.key, value: hex($0.value)) }
                )
            }
            return BatchSpec(
                compression: compression,
                transactional: idempotent && Bool.random(using: &rng),
                producer_id: idempotent ? Int64.random(in: 0...Int64.max, using: &rng) : -1,
                producer_epoch: idempotent ? Int16.random(in: 0...Int16.max, using: &rng) : -1,
                base_sequence: idempotent ? Int32.random(in: 0...Int32.max, using: &rng) : -1,
                records: records
            )
        }
    }

    /// kbench's encoding of a spec with kafka-python's header choices (leader epoch 0).
    static func kbenchEncode(_ spec: BatchSpec) throws -> [UInt8] {
        var settings = RecordBatchSettings(
            partitionLeaderEpoch: 0,
            compression: CompressionType(rawValue: UInt8(spec.compression)) ?? .none,
            isTransactional: spec.transactional,
            producerId: spec.producer_id,
            producerEpoch: spec.producer_epoch,
            baseSequence: spec.base_sequence
        )
        settings.baseOffset = 0
        var builder = RecordBatchBuilder(settings: settings)
        for record in spec.records {
            try builder.append(
                key: unhex(record.key),
                value: unhex(record.value),
                headers: record.headers.map { RecordHeader(key: $0.key, value: unhex($0.value)) },
                timestamp: record.timestamp,
                offsetDelta: Int32(record.offset)
            )
        }
        try builder.finish()
        return builder.bytes
    }

    @Test("(a) kafka-python writes batches, kbench decodes the same records and header fields")
    func pythonWritesKbenchReads() throws {
        let specs = Self.randomSpecs(seed: 0x9A7A_0001, count: 40)
        let built: HexBatches = try Self.python("build", BuildRequest(batches: specs))
        #expect(built.batches.count == specs.count)
        for (spec, text) in zip(specs, built.batches) {
            let batch = try RecordBatchDecoder(crcCheck: .strict).decodeBatch([UInt8](hex: text))
            let header = batch.header
            #expect(batch.isValid)
            #expect(header.baseOffset == 0 && header.partitionLeaderEpoch == 0 && header.magic == 2)
            #expect(header.attributes.isTransactional == spec.transactional)
            #expect(header.attributes.compression == CompressionType.none)
            #expect(header.producerId == spec.producer_id)
            #expect(header.producerEpoch == spec.producer_epoch)
            #expect(header.baseSequence == spec.base_sequence)
            #expect(header.recordsCount == Int32(spec.records.count))
            #expect(header.lastOffsetDelta == Int32(spec.records.last?.offset ?? 0))
            #expect(header.baseTimestamp == spec.records.first?.timestamp)
            #expect(header.maxTimestamp == spec.records.map(\.timestamp).max())
            let decoded = batch.records.map { record in
                Record(offset: record.offset, timestamp: record.timestamp, key: Self.hex(record.key), value: Self.hex(record.value),
                       headers: record.headers.map { Header(key: $0.key, value: Self.hex($0.value)) })
            }
            #expect(decoded == spec.records)
        }
    }

    @Test("(c) kbench's bytes equal kafka-python's, byte for byte, for the same input and header fields")
    func byteForByte() throws {
        let specs = Self.randomSpecs(seed: 0x9A7A_0003, count: 40)
        let built: HexBatches = try Self.python("build", BuildRequest(batches: specs))
        for (index, (spec, text)) in zip(specs, built.batches).enumerated() {
            let ours = try Self.kbenchEncode(spec)
            #expect(ours.hex == text, "batch \(index)")
        }
    }

    @Test("(b) kbench writes batches, kafka-python reads them with a valid CRC and identical records")
    func kbenchWritesPythonReads() throws {
        var rng = SeededGenerator(seed: 0x9A7A_0002)
        var written: [(settings: RecordBatchSettings, records: [RandomRecord], bytes: [UInt8])] = []
        for _ in 0..<40 {
            var settings = rng.settings()
            settings.isControl = false  // kafka-python parses control keys as markers
            let records = rng.records().filter { $0.timestamp > Int64.min / 4 && $0.timestamp < Int64.max / 4 }
            var builder = RecordBatchBuilder(settings: settings)
            for record in records {
                try builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp, offsetDelta: record.offsetDelta)
            }
            try builder.finish()
            written.append((settings, records, builder.bytes))
        }
        let response: ReadResponse = try Self.python("read", HexBatches(batches: written.map { $0.bytes.hex }))
        #expect(response.batches.count == written.count)
        for (index, (ours, theirs)) in zip(written, response.batches).enumerated() {
            let decoded = try RecordBatchDecoder().decodeBatch(ours.bytes)
            let header = decoded.header
            #expect(theirs.crc_valid, "batch \(index)")
            #expect(theirs.crc == header.crc)
            #expect(theirs.base_offset == ours.settings.baseOffset)
            #expect(theirs.leader_epoch == ours.settings.partitionLeaderEpoch)
            #expect(theirs.magic == 2)
            #expect(theirs.attributes == header.attributes.rawValue)
            #expect(theirs.timestamp_type == Int(ours.settings.timestampType.rawValue))
            #expect(theirs.is_transactional == ours.settings.isTransactional)
            #expect(!theirs.is_control_batch)
            #expect(theirs.last_offset_delta == header.lastOffsetDelta)
            #expect(theirs.first_timestamp == header.baseTimestamp)
            #expect(theirs.max_timestamp == header.maxTimestamp)
            #expect(theirs.producer_id == ours.settings.producerId)
            #expect(theirs.producer_epoch == ours.settings.producerEpoch)
            #expect(theirs.base_sequence == ours.settings.baseSequence)
            #expect(theirs.records_count == Int32(ours.records.count))
            #expect(theirs.size_in_bytes == ours.bytes.count)
            let expected = decoded.records.map { record in
                ReadRecord(offset: record.offset, timestamp: record.timestamp, timestamp_type: Int(record.timestampType.rawValue),
                           key: Self.hex(record.key), value: Self.hex(record.value),
                           headers: record.headers.map { Header(key: $0.key, value: Self.hex($0.value)) })
            }
            #expect(theirs.records == expected)
            // And against what was appended, not only against our own decoder.
            #expect(theirs.records.map { Self.unhex($0.key) } == ours.records.map(\.key))
            #expect(theirs.records.map { Self.unhex($0.value) } == ours.records.map(\.value))
            #expect(theirs.records.map { $0.headers.map(\.key) } == ours.records.map { $0.headers.map(\.key) })
        }
    }

    @Test("compressed batches both ways with KafkaCompression's codecs",
          arguments: [CompressionType.gzip, .snappy, .lz4, .zstd])
    func compressed(type: CompressionType) throws {
        // Compressible payloads, so kafka-python keeps the compressed form.
        var specs = Self.randomSpecs(seed: 0x9A7A_0010 + UInt64(type.rawValue), count: 6, compression: Int(type.rawValue))
        for index in specs.indices {
            for record in specs[index].records.indices {
                specs[index].records[record].value = Array(String(repeating: "payload-\(record) ", count: 20).utf8).hex
            }
        }
        let built: HexBatches = try Self.python("build", BuildRequest(batches: specs))
        for (spec, text) in zip(specs, built.batches) {
            let bytes = [UInt8](hex: text)
            let batch = try RecordBatchDecoder(crcCheck: .strict).decodeBatch(bytes)
            #expect(batch.header.attributes.compression == type)
            #expect(batch.records.map { Self.hex($0.value) } == spec.records.map(\.value))
            #expect(batch.records.map { Self.hex($0.key) } == spec.records.map(\.key))
        }
        let ours = try specs.map { try Self.kbenchEncode($0) }
        let response: ReadResponse = try Self.python("read", HexBatches(batches: ours.map(\.hex)))
        for (spec, theirs) in zip(specs, response.batches) {
            #expect(theirs.crc_valid)
            #expect(theirs.compression_type == Int(type.rawValue))
            #expect(theirs.records.map(\.value) == spec.records.map(\.value))
            #expect(theirs.records.map(\.offset) == spec.records.map(\.offset))
        }
    }
}
