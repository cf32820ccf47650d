import KafkaCompression
import KafkaRecords
import KBenchWorkloads

/// Why a compression study could not run or finish; one line naming the setting and batch
/// size involved.
package enum CompressionStudyError: Error, Sendable, CustomStringConvertible {
    /// A configuration value out of range.
    case invalidConfiguration(String)
    /// The payload could not be read.
    case payload(PayloadReadError)
    /// A batch could not be built.
    case encoding(setting: CompressionSetting, batchSize: Int, RecordBatchEncodingError)
    /// A batch kbench built could not be decoded (e.g. beyond the decompression limit).
    case decoding(setting: CompressionSetting, batchSize: Int, RecordBatchError)
    /// The bare codec library failed.
    case rawCodec(setting: CompressionSetting, batchSize: Int, CompressionError)
    /// A round trip did not give back what went in (a bug, reported rather than measured).
    case verification(String)

    /// One line.
    package var description: String {
        switch self {
        case .invalidConfiguration(let reason): reason
        case .payload(let error): error.description
        case .encoding(let setting, let size, let error): "\(setting) at \(ByteSize.format(size)) batches: encoding failed: \(error)"
        case .decoding(let setting, let size, let error): "\(setting) at \(ByteSize.format(size)) batches: decoding failed: \(error)"
        case .rawCodec(let setting, let size, let error): "\(setting) at \(ByteSize.format(size)) batches: raw codec failed: \(error)"
        case .verification(let reason): "verification failed: \(reason)"
        }
    }
}
