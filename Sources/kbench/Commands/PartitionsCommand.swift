import ArgumentParser
import Foundation
import KafkaPartitioning
import KBenchReports
import KBenchStudies
import KBenchWorkloads

/// `kbench partitions`: where keys land under every client's partitioner, and how evenly.
struct PartitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partitions",
        abstract: "Predict key→partition placement under every major Kafka client, and how evenly keys spread.",
        discussion: """
            One key (--key with --key-type, --key-hex, --null-key): its partition under every \
            chosen strategy, for each partition count side by side — or how the client chooses \
            when the key does not decide (random, round robin, sticky).

            Many keys (--keys FILE, --keys - for standard input, one key per line; \
            --generate SPEC; or --null-keys N null-key records): per strategy and partition count the records per partition, \
            min/max/mean, max÷mean, coefficient of variation, chi-square and its p-value \
            against equal shares, the hottest partition's share and the hot keys behind it \
            (a bounded Misra–Gries sketch, --sketch-size counters). Keys stream: memory does \
            not grow with their number. Keyed strategies hash with the batch kernels; \
            records a client does not place by key are simulated with the producer model \
            (--batch-size, --linger-ms, --value-size, --rate, --round-robin, --seed). \
            --resize N:M adds the fraction of keys that change partition when the topic \
            grows from N to M partitions (≈ 1 − min/lcm, e.g. 12/13 for 12→13).

            Across clients: with two or more key-hashing strategies the report adds the \
            agreement matrix (share of keys each pair places on the same partition; \
            strategies sharing a rule grouped) as a table and a heatmap; --from A --to B adds \
            the keys that move when producers switch from A to B (count, share, hottest moved \
            keys, per-partition outflow and inflow). --per-key FILE|- writes instead one row \
            per key (the key, or its hex with --per-key-hex, then its partition per strategy \
            and count) as CSV, or JSON lines with --format json, streamed in flat memory. \
            --list prints every strategy: client, rule, null- and empty-key behaviour, and \
            which strategies are interchangeable for keyed records.

            Generators (seeded by --seed): \(KeySpec.syntax); counts take k/M/G \
            (zipf:1.1:1M = one million Zipf draws, hot keys key-1, key-2, …).
            Key types (Java serializers): \(MessageValueType.allCases.filter { $0 != .null }.map(\.rawValue).joined(separator: ", ")).
            Strategy names: \(StrategyRegistry.names.joined(separator: ", ")).

            Examples:
              kbench partitions --key user-42 -n 12
              kbench partitions --key 1202 --key-type int32 -n 6,12,24
              kbench partitions --key-hex 00ff10 -n 6 \\
                  --partitioner java,librdkafka:consistent_random
              kbench partitions --null-key -n 12
              kbench partitions --generate zipf:1.1:1M -n 12 --partitioner java,sarama:hash
              kbench partitions --generate random:16:10M --partitioner java -n 12 --timing
              kbench partitions --keys keys.txt -n 12,24 --resize 12:13 --format json
              cat keys.txt | kbench partitions --keys - -n 12 --format markdown \\
                  --output partitions.md --charts charts/
              kbench partitions --generate seq:k:400 -n 4 --partitioner java:round-robin \\
                  --round-robin before-3.9 --linger-ms 0
              kbench partitions --null-keys 100000 -n 12 --partitioner java,java:sticky,librdkafka:random
              kbench partitions --list
              kbench partitions --generate random:16:100k -n 12 \
                  --partitioner java,librdkafka:murmur2,librdkafka:consistent_random
              kbench partitions --generate zipf:1.1:100k -n 12 \
                  --from librdkafka:consistent_random --to java
              kbench partitions --generate seq:user-:1000 -n 6,12 \
                  --partitioner java,sarama:hash --per-key -
            """
    )

    @Option(name: .long, help: ArgumentHelp("One key, read as --key-type.", valueName: "value"))
    var key: String?

    @Option(name: .customLong("key-type"), help: ArgumentHelp("How --key is serialized, as the Java serializer of that type does (default: string).", valueName: "type"))
    var keyType: MessageValueType?

    @Option(name: .customLong("key-hex"), help: ArgumentHelp("One key, as hex bytes (e.g. 00ff10).", valueName: "hex"))
    var keyHex: String?

    @Flag(name: .customLong("null-key"), help: "Show where a null key goes.")
    var nullKey = false

    @Option(name: .long, help: ArgumentHelp("A file with one key per line ('-' reads standard input).", valueName: "file"))
    var keys: String?

    @Option(name: .long, help: ArgumentHelp("Generated keys: \(KeySpec.syntax).", valueName: "spec"))
    var generate: String?

    @Option(name: .customLong("null-keys"), parsing: .unconditional, help: ArgumentHelp("Study this many null-key records (sticky, round robin, random choices under the producer model).", valueName: "count"))
    var nullKeys: CountArgument?

    @Option(name: [.customShort("n"), .customLong("partitions")], help: ArgumentHelp("Partition counts, comma-separated (each at least 1).", valueName: "counts"))
    var partitions = "12"

    @Option(name: .long, help: ArgumentHelp("Strategies: 'all' or names separated by commas.", valueName: "names"))
    var partitioner: String = "all"

    @Option(name: .long, help: ArgumentHelp("Measure keys moving when the partition count changes from N to M (repeatable).", valueName: "N:M"))
    var resize: [String] = []

    @Flag(help: "List every strategy: client, rule, null- and empty-key behaviour, interchangeable groups.")
    var list = false

    @Option(help: ArgumentHelp("Migration: the strategy producers use now (with --to).", valueName: "strategy"))
    var from: String?

    @Option(help: ArgumentHelp("Migration: the strategy they move to (with --from).", valueName: "strategy"))
    var to: String?

    @Option(name: .customLong("per-key"), help: ArgumentHelp("Write one row per key (partition per strategy and count) to this file ('-': stdout) instead of the report.", valueName: "file"))
    var perKey: String?

    @Flag(name: .customLong("per-key-hex"), help: "Write --per-key keys as hex (needed for keys that are not printable text).")
    var perKeyHex = false

    @Option(name: .customLong("hot-keys"), parsing: .unconditional, help: ArgumentHelp("Hot keys listed behind each hottest partition.", valueName: "count"))
    var hotKeys: CountArgument = 5

    @Option(name: .customLong("sketch-size"), parsing: .unconditional, help: ArgumentHelp("Counters of the hot-key sketch (keys above 1/(size+1) of the stream are always found).", valueName: "counters"))
    var sketchSize: CountArgument = 1024

    @OptionGroup(title: "Producer model (records not placed by their key)")
    var producer: PartitionsProducerOptions

    @OptionGroup var report: ReportFormatOptions

    @Option(help: ArgumentHelp("Also write a per-partition bar chart (SVG, mean line) per partition count into this directory.", valueName: "dir"))
    var charts: String?

    @Flag(help: "Include run time and keys/s in every format (the table format always shows them; JSON and CSV stay free of timing without this flag).")
    var timing = false

    func validate() throws {
        let sources = [key != nil, keyHex != nil, nullKey, keys != nil, generate != nil, nullKeys != nil, list].filter { $0 }.count
        guard sources == 1 else {
            throw ValidationError("give exactly one of --key, --key-hex, --null-key, --keys, --generate, --null-keys, --list")
        }
        try validateCrossClient()
        try nullKeys?.check("--null-keys", in: 0...Int.max)
        let isStudy = keys != nil || generate != nil || nullKeys != nil
        _ = try partitionCounts(limit: isStudy ? PartitionStudyConfiguration.maximumPartitionCount : Int(Int32.max))
        do {
            _ = try StrategyRegistry.select(partitioner)
        } catch {
            throw ValidationError("--partitioner: \(error)")
        }
        _ = try singleKey()
        if keyType != nil, key == nil { throw ValidationError("--key-type applies to --key only") }
        if let generate {
            do { _ = try KeySpec(parsing: generate) } catch { throw ValidationError("--generate: \(error)") }
        }
        if !isStudy {
            for (given, name) in [(!resize.isEmpty, "--resize"), (charts != nil, "--charts")] where given {
                throw ValidationError("\(name) needs --keys, --generate or --null-keys")
            }
        }
        _ = try resizes()
        try hotKeys.check("--hot-keys", in: 0...Int.max)
        try sketchSize.check("--sketch-size", in: 1...PartitionStudyConfiguration.maximumSketchCapacity)
        try producer.validate()
    }

    func run() throws {
        if list { return try report.emit(StrategyListReport.document()) }
        let strategies = try StrategyRegistry.select(partitioner)
        if let perKey { return try runPerKey(to: perKey, strategies: strategies) }
        if let generate {
            var source = KeyGenerator(spec: try KeySpec(parsing: generate), seed: producer.seed)
            try runStudy(keys: &source, strategies: strategies)
        } else if let keys {
            var source: KeyFileReader
            do { source = try KeyFileReader(path: keys) } catch { throw CLIFailure(error.description) }
            try runStudy(keys: &source, strategies: strategies)
        } else if let nullKeys = nullKeys?.value {
            var study = try makeStudy(strategies: strategies)
            let progress = ProgressReporter(label: "partitions", total: nullKeys, unit: "records")
            try render(study.runNullKeys(count: nullKeys, progress: progress))
        } else {
            let counts = try partitionCounts(limit: Int(Int32.max))
            let (bytes, serialization) = try singleKey() ?? (nil, nil)
            let document = PartitionsKeyReport.document(
                key: bytes, serialization: serialization, partitionCounts: counts, strategies: strategies)
            try report.emit(document)
        }
    }

    /// Distribution study of a key stream, reported in the chosen format.
    private func runStudy<Source: KeySource>(keys source: inout Source, strategies: [PartitionStrategy]) throws {
        var study = try makeStudy(strategies: strategies)
        let progress = ProgressReporter(label: "partitions", total: source.expectedCount, unit: "keys")
        let result: PartitionStudyResult
        do { result = try study.run(keys: &source, progress: progress) } catch { throw CLIFailure(error.description) }
        try render(result)
    }

    /// The study the options describe.
    private func makeStudy(strategies: [PartitionStrategy]) throws -> PartitionDistributionStudy {
        let configuration = PartitionStudyConfiguration(
            strategies: strategies, partitionCounts: try partitionCounts(limit: PartitionStudyConfiguration.maximumPartitionCount),
            resizes: try resizes(), producer: producer.configuration, workload: producer.workload, seed: producer.seed,
            sketchCapacity: sketchSize.value, hotKeysPerPartition: hotKeys.value, migration: try migration())
        do { return try PartitionDistributionStudy(configuration: configuration) } catch { throw ValidationError(error.description) }
    }

    /// Renders a study's result in the chosen format (and its charts).
    private func render(_ result: PartitionStudyResult) throws {
        let document = PartitionsReport.document(result, options: PartitionsReportOptions(
            includeTiming: timing || report.format == .table, countTableLimit: report.format.isMachineReadable ? nil : 32))
        try report.emit(document)
        if let charts {
            try ReportOutput.writeCharts(of: document, to: charts)
        }
    }

    /// `-n` as validated partition counts (duplicates dropped, order kept).
    func partitionCounts(limit: Int) throws -> [PartitionCount] {
        var counts: [PartitionCount] = []
        for part in partitions.split(separator: ",", omittingEmptySubsequences: false) {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard let value = Int(text) else { throw ValidationError("--partitions: '\(text)' is not a whole number") }
            guard value >= 1, value <= limit else {
                throw ValidationError("--partitions must be between 1 and \(limit) (got \(value))")
            }
            let count = try PartitionCount(value)
            if !counts.contains(count) { counts.append(count) }
        }
        return counts
    }

    /// `--resize` values.
    private func resizes() throws -> [PartitionResize] {
        var parsed: [PartitionResize] = []
        for text in resize {
            do { parsed.append(try PartitionResize(parsing: text)) } catch { throw ValidationError("--resize: \(error)") }
        }
        return parsed
    }

    /// The single key's bytes and how they were made; nil when the source is not one key
    /// (a null key is `(nil, nil)`).
    private func singleKey() throws -> ([UInt8]?, String?)? {
        if nullKey { return (nil, nil) }
        if let keyHex {
            do { return (try Hex.decode(keyHex), nil) } catch { throw ValidationError("--key-hex: \(error)") }
        }
        guard let key else { return nil }
        let type = keyType ?? .string
        if type == .null { throw ValidationError("--key-type null: use --null-key for a null key") }
        do {
            let bytes = try type.serialize(key, field: "--key")
            return (bytes, "\(type) \(type.display(key)) (\(type.javaSerializer))")
        } catch {
            throw ValidationError(error.description)
        }
    }
}
