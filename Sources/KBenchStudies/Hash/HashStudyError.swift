import KafkaPartitioning
import KBenchWorkloads

/// Why a hash study could not run: a bad configuration, or kbench and librdkafka disagreeing
/// on a key (a bug, reported rather than timed).
package enum HashStudyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A configuration value out of range (the message names it).
    case invalidConfiguration(String)
    /// kbench placed key `keyIndex` of `keySize` bytes elsewhere than librdkafka did.
    case mismatch(function: HashFunction, mode: HashMode, keySize: Int, keyIndex: Int, partitionCount: Int32,
                  kbench: Int32, librdkafka: Int32)
    /// Instructions could not be counted the way that was asked (the message says why and
    /// what to install).
    case instructions(String)

    /// One line.
    package var description: String {
        switch self {
        case .invalidConfiguration(let reason), .instructions(let reason):
            reason
        case .mismatch(let function, let mode, let size, let index, let count, let kbench, let librdkafka):
            "verification failed: \(function.rawValue) \(mode.rawValue), \(ByteSize.format(size)) key #\(index), "
                + "\(count) partitions: kbench gives \(kbench), librdkafka gives \(librdkafka)"
        }
    }
}
