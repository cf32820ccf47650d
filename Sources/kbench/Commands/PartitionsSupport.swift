import ArgumentParser
import Foundation
import KafkaPartitioning
import KBenchReports

/// The producer model options of `kbench partitions` (defaults: each client's defaults).
struct PartitionsProducerOptions: ParsableArguments {
    @Option(name: .customLong("batch-size"), help: "batch.size in bytes.")
    var batchSize: Int = 16384

    @Option(name: .customLong("linger-ms"), help: "linger.ms: how long a batch stays open.")
    var lingerMilliseconds: Double = 5

    @Option(name: .customLong("sticky-linger-ms"), help: "librdkafka sticky.partitioning.linger.ms.")
    var stickyLingerMilliseconds: Double = 10

    @Option(name: .customLong("round-robin"), help: "Java RoundRobinPartitioner: before-3.9 (KAFKA-9965 double advance) or 3.9+.")
    var roundRobin: JavaRoundRobinModel = .kafka39OrLater

    @Option(name: .long, help: "Records per second (the simulated clock).")
    var rate: Double = 10_000

    @Option(name: .customLong("value-size"), help: "Value bytes per record (batch fill).")
    var valueSize: Int = 100

    @Option(name: .long, help: "Seed of every random choice (same seed, same result).")
    var seed: UInt64 = 0

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
        guard lingerMilliseconds >= 0, lingerMilliseconds.isFinite else { throw ValidationError("--linger-ms must be 0 or more") }
        guard stickyLingerMilliseconds >= 0, stickyLingerMilliseconds.isFinite else { throw ValidationError("--sticky-linger-ms must be 0 or more") }
        guard rate > 0, rate.isFinite else { throw ValidationError("--rate must be above 0 (got \(rate))") }
        guard valueSize >= 0 else { throw ValidationError("--value-size must be 0 or more (got \(valueSize))") }
    }

    var configuration: ProducerConfiguration {
        ProducerConfiguration(
            batchSize: batchSize, lingerMilliseconds: lingerMilliseconds,
            stickyPartitioningLingerMilliseconds: stickyLingerMilliseconds, javaRoundRobinModel: roundRobin)
    }

    var workload: SimulationWorkload {
        SimulationWorkload(recordsPerSecond: rate, valueLength: valueSize)
    }
}

extension JavaRoundRobinModel: ExpressibleByArgument {}

/// A key as shown in outputs: hex always, text when it is valid UTF-8.
struct PartitionsKeyDescription: Encodable {
    let isNull: Bool
    let hex: String?
    let text: String?
    let length: Int?

    init(_ key: [UInt8]?) {
        isNull = key == nil
        hex = key.map(Hex.encode)
        text = key.flatMap { String(validating: $0, as: UTF8.self) }
        length = key?.count
    }

    /// `key "user-42" (7 bytes, hex 757365722d3432)`, `null key`, `empty key`.
    var summary: String {
        guard !isNull, let hex, let length else { return "null key" }
        if length == 0 { return "empty key" }
        let shown = text.map { "\"\($0)\" " } ?? ""
        return "key \(shown)(\(length) bytes, hex \(hex))"
    }

    private enum CodingKeys: String, CodingKey { case null, hex, text, length }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isNull, forKey: .null)
        try container.encodeIfPresent(hex, forKey: .hex)
        try container.encodeIfPresent(text, forKey: .text)
        try container.encodeIfPresent(length, forKey: .length)
    }
}

/// JSON of `--key`: the key, the count, one placement per strategy.
struct PartitionsKeyOutput: Encodable {
    let key: PartitionsKeyDescription
    let partitionCount: Int32
    let placements: [KeyPlacement]
}

/// JSON of `--keys`: per strategy its counts and their spread.
struct PartitionsCountsOutput: Encodable {
    struct Strategy: Encodable {
        let strategy: String
        let records: Int
        let hashed: Int
        let simulated: Int
        let min: Int
        let max: Int
        let maxOverMean: Double?
        let counts: [Int]
    }

    let source: String
    let partitionCount: Int32
    let records: Int
    let strategies: [Strategy]

    init(source: String, tally: PartitionTally) {
        self.source = source
        partitionCount = tally.partitionCount.value
        records = tally.recordCount
        strategies = tally.results.map { result in
            let spread = PartitionsSpread(result.counts)
            return Strategy(
                strategy: result.strategy, records: result.records, hashed: result.hashed, simulated: result.simulated,
                min: spread.min, max: spread.max, maxOverMean: spread.maxOverMean, counts: result.counts)
        }
    }
}

/// Minimum, maximum and max÷mean of per-partition counts.
struct PartitionsSpread {
    let min: Int
    let max: Int
    let maxOverMean: Double?

    init(_ counts: [Int]) {
        min = counts.min() ?? 0
        max = counts.max() ?? 0
        let total = counts.reduce(0, +)
        maxOverMean = total == 0 ? nil : Double(max) / (Double(total) / Double(counts.count))
    }
}

/// The table of `--keys`.
enum PartitionsCountsTable {
    /// Partition columns are shown up to this count; above it, JSON has the full counts.
    static let widestShown = 16

    static func make(tally: PartitionTally, source: String) -> ReportTable {
        let n = Int(tally.partitionCount.value)
        var columns = [
            ReportColumn("strategy"), ReportColumn("records", format: .integer), ReportColumn("min", format: .integer),
            ReportColumn("max", format: .integer), ReportColumn("max_over_mean", header: "max÷mean", format: .decimal(places: 3)),
        ]
        if n <= widestShown {
            columns += (0..<n).map { ReportColumn("p\($0)", format: .integer) }
        }
        var table = ReportTable(
            id: "counts", title: "\(source): \(tally.recordCount) keys, \(n) partitions", columns: columns)
        for result in tally.results {
            let spread = PartitionsSpread(result.counts)
            var row: [ReportValue] = [
                .text(result.strategy), .integer(Int64(result.records)), .integer(Int64(spread.min)),
                .integer(Int64(spread.max)), spread.maxOverMean.map { .number($0) } ?? .missing,
            ]
            if n <= widestShown { row += result.counts.map { .integer(Int64($0)) } }
            table.addRow(row)
        }
        if n > widestShown {
            table.notes.append("Per-partition counts: --format json.")
        }
        if tally.results.contains(where: { $0.simulated > 0 }) {
            table.notes.append("Stateful choices simulated (batch.size, linger.ms, rate, value size, seed: see --help).")
        }
        return table
    }
}

/// Reads a key file (or standard input) in chunks, one key per line, into key batches.
enum PartitionsKeyFile {
    static let chunkSize = 1 << 20
    static let keysPerBatch = 1 << 16

    static func forEachBatch(path: String, _ body: (KeyBatch) -> Void) throws {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw CLIFailure("cannot open key file \(path)")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        var splitter = KeyLineSplitter()
        var batch = KeyBatch(keyCapacity: keysPerBatch)
        do {
            while true {
                let chunk = try handle.read(upToCount: chunkSize) ?? Data()
                if chunk.isEmpty { break }
                var failure: KeyLineSplitter.LineTooLong?
                chunk.withUnsafeBytes { bytes in
                    do {
                        try splitter.feed(bytes, into: &batch)
                    } catch {
                        failure = error as? KeyLineSplitter.LineTooLong
                    }
                }
                if let failure { throw failure }
                if batch.count >= keysPerBatch {
                    body(batch)
                    batch.removeAll()
                }
            }
            try splitter.finish(into: &batch)
        } catch let error as KeyLineSplitter.LineTooLong {
            throw CLIFailure("key file \(path): \(error)")
        } catch {
            throw CLIFailure("cannot read key file \(path): \(error.localizedDescription)")
        }
        if !batch.isEmpty { body(batch) }
    }
}

/// Shared printing.
enum PartitionsOutput {
    static func printJSON(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return }
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
