import Foundation
import KBenchReports

/// One part of `kbench report`, named as in `--only` and in the results file names.
package enum ReportStage: String, Sendable, Hashable, CaseIterable, Codable {
    /// Key hashing throughput against librdkafka (``HashStudy``).
    case hash
    /// Codecs × levels × batch sizes on real batches (``CompressionStudy``).
    case compress
    /// Key → partition distribution of every strategy, and resize movement.
    case partitions
    /// librdkafka producing to its embedded mock cluster: a rate ladder and a `linger.ms` ×
    /// compression sweep (``ProduceStudy``; client side only).
    case produce

    /// `hash,partitions` → the stages, in report order (hash, compress, partitions, produce) whatever
    /// the order given; throws a one-line error for an unknown name or an empty list.
    package static func selection(parsing text: String) throws(ReportRunError) -> [ReportStage] {
        var chosen: Set<ReportStage> = []
        for item in text.split(separator: ",") {
            let name = item.trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty else { continue }
            guard let stage = ReportStage(rawValue: name) else {
                let accepted = allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidSelection("unknown stage '\(Escaping.singleLine(String(item)))' (expected one of: \(accepted))")
            }
            chosen.insert(stage)
        }
        guard !chosen.isEmpty else { throw .invalidSelection("no stage given") }
        return allCases.filter(chosen.contains)
    }
}

/// Why `kbench report` stopped: one line naming the stage.
package enum ReportRunError: Error, Sendable, CustomStringConvertible {
    /// `--only` named something else than a stage.
    case invalidSelection(String)
    /// A stage could not run or finish.
    case stageFailed(ReportStage, String)
    /// The results directory could not be written.
    case writeFailed(ResultsWriterError)

    /// One line.
    package var description: String {
        switch self {
        case .invalidSelection(let reason): reason
        case .stageFailed(let stage, let reason): "\(stage.rawValue): \(reason)"
        case .writeFailed(let error): error.description
        }
    }
}
