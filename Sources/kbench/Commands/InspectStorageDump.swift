import ArgumentParser
import Foundation
import KafkaRecords
import KBenchStudies

/// kafka-dump-log's index options (`inspect segment`).
struct InspectIndexOptions: ParsableArguments {
    @Flag(name: .long, help: "For .index/.timeindex files: only run Kafka's startup sanity check (prints 'FILE passed sanity check.').")
    var indexSanityCheck = false

    @Flag(name: .long, help: "For .index/.timeindex files: check them against the matching .log without printing their entries.")
    var verifyIndexOnly = false
}

/// Dumps a partition directory's non-log files as kafka-dump-log does: `.index`,
/// `.timeindex` (checked against the `.log` beside them, mismatches listed on stderr after the
/// dump), `.snapshot`, `.txnindex`; and, in the same style, `leader-epoch-checkpoint` and `partition.metadata`.
enum InspectStorageDump {
    /// Lists to print on stderr once every file is dumped (kafka-dump-log prints them last).
    struct Findings {
        var lines: [String] = []
        var faulty = false
    }

    /// Dumps `path` of `kind`; returns false when the kind is a `.log` (the caller dumps it).
    static func dump(_ path: String, kind: StorageFileKind, options: InspectIndexOptions, output: inout BufferedOutput, findings: inout Findings) throws {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let directory = url.deletingLastPathComponent().path
        func line(_ text: String) { output.line(Array(text.utf8)) }
        func companion(_ kind: StorageFileKind, _ base: Int64) -> StorageFile? {
            try? StorageFile(path: directory + "/" + kind.fileName(offset: base))
        }
        do {
            switch kind {
            case .offsetIndex, .timeIndex:
                guard let base = StorageFileKind.offset(fromFileName: name) else { throw CLIFailure("\(path): the file name does not start with a base offset") }
                let index = try StorageFile(path: path)
                if options.indexSanityCheck {
                    let problems = kind == .offsetIndex
                        ? try IndexVerifier.offsetIndexSanity(index, baseOffset: base)
                        : try IndexVerifier.timeIndexSanity(index, baseOffset: base)
                    if let problem = problems.first { throw CLIFailure("\(path): corrupt index: \(problem)") }
                    line(DumpStorageFormat.sanityPassedLine(file: path))
                    return
                }
                guard let log = companion(.log, base) else { throw CLIFailure("\(path): the matching \(StorageFileKind.log.fileName(offset: base)) cannot be opened") }
                if kind == .offsetIndex {
                    if index.size < OffsetIndexEntry.size { line(DumpStorageFormat.emptyIndexLine(file: path)); return }
                    let result = try IndexVerifier.verifyOffsetIndex(index, log: log, baseOffset: base) { entry in
                        if !options.verifyIndexOnly { line(DumpStorageFormat.offsetIndexLine(entry)) }
                    }
                    if !result.mismatches.isEmpty {
                        findings.faulty = true
                        findings.lines.append("Mismatches in :\(url.path)")
                        // Kafka prepends each mismatch to its list: the last entry comes first.
                        findings.lines += result.mismatches.reversed().map { "  Index offset: \($0.indexOffset), log offset: \($0.logOffset)" }
                    }
                } else {
                    let result = try IndexVerifier.verifyTimeIndex(index, offsetIndex: companion(.offsetIndex, base), log: log, baseOffset: base) { entry in
                        if !options.verifyIndexOnly { line(DumpStorageFormat.timeIndexLine(entry)) }
                    }
                    if !result.timestampMismatches.isEmpty {
                        findings.lines.append("Found timestamp mismatch in :\(url.path)")
                        findings.lines += result.timestampMismatches.map { "  Index timestamp: \($0.index), log timestamp: \($0.other)" }
                    }
                    if !result.outOfOrder.isEmpty {
                        findings.lines.append("Found out of order timestamp in :\(url.path)")
                        findings.lines += result.outOfOrder.map { "  Index timestamp: \($0.index), Previously indexed timestamp: \($0.other)" }
                    }
                    if !result.offsetsNotFound.isEmpty {
                        findings.lines.append("The following indexed offsets are not found in the log.")
                        findings.lines += result.offsetsNotFound.map { "Indexed offset: \($0.indexOffset), found log offset: \($0.logOffset)" }
                    }
                    if !result.isHealthy { findings.faulty = true }
                }
            case .producerSnapshot:
                let snapshot = try ProducerStateSnapshot(decoding: try StorageFile(path: path).readAll(limit: 64 << 20))
                snapshot.entries.forEach { line(DumpStorageFormat.snapshotLine($0)) }
            case .leaderEpochCheckpoint:
                let checkpoint = try LeaderEpochCheckpoint(decoding: try StorageFile(path: path).readAll(limit: 64 << 20))
                checkpoint.entries.forEach { line(DumpStorageFormat.leaderEpochLine($0)) }
            case .partitionMetadata:
                line(DumpStorageFormat.partitionMetadataLine(try PartitionMetadata(decoding: try StorageFile(path: path).readAll(limit: 1 << 20))))
            case .transactionIndex:
                let entries = try AbortedTransaction.entries(decoding: try StorageFile(path: path).readAll(limit: 64 << 20))
                entries.forEach { line(DumpStorageFormat.abortedTransactionLine($0)) }
            case .log:
                return
            }
        } catch let error as StorageFileError {
            throw CLIFailure("\(path): \(error)")
        } catch let error as StorageReadError {
            throw CLIFailure(error.description)
        }
    }
}
