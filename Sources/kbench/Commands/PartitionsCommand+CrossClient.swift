import ArgumentParser
import Foundation
import KafkaPartitioning
import KBenchReports
import KBenchStudies
import KBenchWorkloads

/// The cross-client options of `kbench partitions`: `--from/--to`, `--per-key`, `--list`.
extension PartitionsCommand {
    /// Checks the cross-client options against each other and the key source.
    func validateCrossClient() throws {
        let isKeyStream = keys != nil || generate != nil
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        if from != nil, !isKeyStream { throw ValidationError("--from/--to need --keys or --generate") }
        _ = try migration()
        guard perKey != nil else {
            if perKeyHex { throw ValidationError("--per-key-hex applies to --per-key only") }
            return
        }
        if !isKeyStream { throw ValidationError("--per-key needs --keys or --generate") }
        if from != nil || !resize.isEmpty || charts != nil {
            throw ValidationError("--per-key writes rows only: leave out --from/--to, --resize and --charts")
        }
        if ![.table, .csv, .json].contains(report.format) { throw ValidationError("--per-key writes CSV (default) or JSON lines (--format json)") }
        if report.output != nil { throw ValidationError("--per-key names its own file: leave out --output") }
        _ = try perKeyStrategies(try StrategyRegistry.select(partitioner))
    }

    /// The `--from/--to` migration, if given.
    func migration() throws -> PlacementMigrationRequest? {
        guard let from, let to else { return nil }
        func strategy(_ name: String, _ option: String) throws -> PartitionStrategy {
            guard let found = StrategyRegistry.strategy(named: name) else {
                throw ValidationError("\(option): unknown strategy '\(name)' (kbench partitions --list shows every name)")
            }
            return found
        }
        do {
            return try PlacementMigrationRequest(from: strategy(from, "--from"), to: strategy(to, "--to"))
        } catch let error as PartitionStudyError {
            throw ValidationError("--from/--to: \(error)")
        }
    }

    /// The key-hashing strategies of the selection: `all` keeps those, a named strategy that
    /// ignores keys is an error.
    func perKeyStrategies(_ selected: [PartitionStrategy]) throws -> [PartitionStrategy] {
        if partitioner.trimmingCharacters(in: .whitespaces) == "all" { return selected.filter { $0.keyRule != nil } }
        if let ignoring = selected.first(where: { $0.keyRule == nil }) {
            throw ValidationError("--per-key: \(ignoring.name) ignores keys, so a key has no partition of its own")
        }
        return selected
    }

    /// Streams the per-key rows of the key source to `path` (`-`: stdout).
    func runPerKey(to path: String, strategies: [PartitionStrategy]) throws {
        let export = PerKeyExport(
            strategies: try perKeyStrategies(strategies),
            partitionCounts: try partitionCounts(limit: Int(Int32.max)),
            format: report.format == .json ? .jsonLines : .csv, hexKeys: perKeyHex)
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardOutput
        } else {
            // Opened in place (created or truncated), never replaced: FileManager.createFile writes
            // a temporary file and renames it over the path, which turned /dev/null into a
            // regular file when run as root.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw CLIFailure("--per-key: cannot create \(path)") }
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        }
        defer { if path != "-" { try? handle.close() } }
        let write: (UnsafeRawBufferPointer) throws -> Void = { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            do { try handle.write(contentsOf: Data(bytes: base, count: bytes.count)) } catch {
                throw CLIFailure("--per-key: cannot write \(path == "-" ? "standard output" : path): \(error.localizedDescription)")
            }
        }
        do {
            if let generate {
                var source = KeyGenerator(spec: try KeySpec(parsing: generate), seed: producer.seed)
                _ = try export.run(keys: &source, write: write)
            } else if let keys {
                var source: KeyFileReader
                do { source = try KeyFileReader(path: keys) } catch { throw CLIFailure(error.description) }
                _ = try export.run(keys: &source, write: write)
            }
        } catch let error as PerKeyExportError {
            throw CLIFailure("--per-key: \(error)")
        }
    }
}
