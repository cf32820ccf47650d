import Foundation
import KafkaCompression
import TestSupport

/// Runs Tests/python/compression_codecs.py: kafka-python's codecs and the Python bindings.
enum PythonCodecs {
    /// One encode or decode request.
    struct Task: Encodable {
        var op: String
        var codec: String
        var variant: String?
        var level: Int?
        var data: String

        static func encode(_ codec: CompressionType, _ variant: String, level: Int? = nil, _ bytes: [UInt8]) -> Task {
            Task(op: "encode", codec: codec.description, variant: variant, level: level, data: Data(bytes).base64EncodedString())
        }

        static func decode(_ codec: CompressionType, _ variant: String = "kafka", _ bytes: [UInt8]) -> Task {
            Task(op: "decode", codec: codec.description, variant: variant, level: nil, data: Data(bytes).base64EncodedString())
        }
    }

    private struct Reply: Decodable {
        var data: String?
        var error: String?
    }

    /// Python's answer to one task: bytes, or the exception it raised.
    enum Outcome: Equatable {
        case bytes([UInt8])
        case failed(String)

        /// The bytes, or nil when Python failed.
        var bytes: [UInt8]? {
            if case .bytes(let bytes) = self { return bytes }
            return nil
        }
    }

    /// Runs all `tasks` in one Python process.
    static func run(_ tasks: [Task]) throws -> [Outcome] {
        let input = try JSONEncoder().encode(tasks)
        let output = try PythonHelper.run(script: "compression_codecs.py", input: input)
        let replies = try JSONDecoder().decode([Reply].self, from: output)
        return replies.map { reply in
            if let data = reply.data, let bytes = Data(base64Encoded: data) { return .bytes(Array(bytes)) }
            return .failed(reply.error ?? "no data")
        }
    }
}
