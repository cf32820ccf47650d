import Foundation
import KafkaCompression
import KafkaRecords
import TestSupport

/// Runs Tests/python/compression_batches.py: kafka-python's DefaultRecordBatchBuilder and
/// DefaultRecordBatch.
enum PythonBatches {
    /// A record as both sides see it (bytes base64-encoded for JSON).
    struct Record: Codable, Equatable {
        var offset: Int64
        var timestamp: Int64
        var key: String?
        var value: String?
        var headers: [[String?]]

        init(offset: Int64, timestamp: Int64, key: [UInt8]?, value: [UInt8]?, headers: [RecordHeader]) {
            self.offset = offset
            self.timestamp = timestamp
            self.key = key.map { Data($0).base64EncodedString() }
            self.value = value.map { Data($0).base64EncodedString() }
            self.headers = headers.map { [$0.key, $0.value.map { Data($0).base64EncodedString() }] }
        }

        init(_ record: BatchRecord) {
            self.init(offset: record.offset, timestamp: record.timestamp, key: record.key, value: record.value, headers: record.headers)
        }
    }

    private struct BuildRequest: Encodable {
        var records: [Record]
        var codecs: [UInt8]
    }

    private struct Built: Decodable {
        var codec: UInt8
        var batch: String
    }

    /// One batch as kafka-python read it.
    struct ReadBatch: Decodable {
        var compression: UInt8
        var crc_ok: Bool
        var records: [Record]
    }

    /// kafka-python builds one batch of `records` per codec id.
    static func build(_ records: [Record], codecs: [CompressionType]) throws -> [CompressionType: [UInt8]] {
        let request = BuildRequest(records: records, codecs: codecs.map(\.rawValue))
        let output = try PythonHelper.run(script: "compression_batches.py", arguments: ["build"], input: try JSONEncoder().encode(request))
        var batches: [CompressionType: [UInt8]] = [:]
        for built in try JSONDecoder().decode([Built].self, from: output) {
            guard let type = CompressionType(rawValue: built.codec), let bytes = Data(base64Encoded: built.batch) else { continue }
            batches[type] = Array(bytes)
        }
        return batches
    }

    /// kafka-python reads each batch.
    static func read(_ batches: [[UInt8]]) throws -> [ReadBatch] {
        let request = batches.map { Data($0).base64EncodedString() }
        let output = try PythonHelper.run(script: "compression_batches.py", arguments: ["read"], input: try JSONEncoder().encode(request))
        return try JSONDecoder().decode([ReadBatch].self, from: output)
    }
}
