import ArgumentParser
import Foundation
import KafkaLive
import KBenchReports
import KBenchStudies

/// `kbench audit`: which partitioner(s) wrote this topic?
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Infer which client partitioner(s) wrote a topic from its keys and partitions.",
        discussion: """
            Consumes the topic of a running cluster (--bootstrap is required; audit never \
            creates a topic: a missing one is an error) and, for each key rule of every \
            client (Java/librdkafka murmur2, librdkafka/Sarama CRC-32, Sarama/kafka-go FNV-1a, \
            KafkaJS legacy murmur2, …), counts the keyed records whose partition it predicts. \
            A rule that did not write a record still matches it with chance 1/partitions, so \
            \(PartitionAudit.significanceRule). One rule found explaining every keyed record: a \
            single partitioner (strategies sharing a rule cannot be told apart). Several rules \
            found: MIXED producers, the classic Java-vs-librdkafka mismatch that breaks \
            co-partitioning and ordering per key; \(PartitionAudit.shareRule). No rule found, or \
            records left that no found rule explains: unexplained (explicit partitions, a custom \
            partitioner, a changed partition count). Keys that break each rule are listed.

            --max-records reads a sample: the limit is spread over the partitions, and each \
            partition's part is read as up to \(AuditSamplePlan.maximumWindows) windows spread \
            evenly over its offsets (not only its oldest records); the report says what was read.

            Offline: --records FILE ('-' for standard input) reads lines key<TAB>partition \
            instead of a cluster — a topic exported with kcat -f '%k\\t%p\\n', or a client's \
            test output — and gives the same verdicts (keys as text, or hex with --hex; the \
            partition count is --partitions N, or inferred from a file as the highest \
            partition + 1, which the report notes). A malformed line is an error naming its \
            line number.

            Exit status 0 whatever the verdict (it is in the report; --fail-on-mixed makes a \
            mixed or unexplained topic exit 1, for CI); 1 when the topic does not exist.

            Examples:
              kbench audit --bootstrap 127.0.0.1:PORT --topic orders
              kbench audit --bootstrap 127.0.0.1:PORT --topic orders --max-records 1200
              kbench audit --bootstrap 127.0.0.1:PORT --topic orders --format json
              kbench audit --records records.tsv --partitions 12
              kbench partitions --keys keys.txt -n 12 --partitioner java --per-key - \\
                  | tail -n +2 | tr , '\\t' | kbench audit --records - --partitions 12 --fail-on-mixed
            """
    )

    @OptionGroup var cluster: ExistingClusterOptions

    @Option(help: ArgumentHelp("Topic to audit.", valueName: "name"))
    var topic: String?

    @Option(help: ArgumentHelp("Audit exported records instead of a topic: lines key<TAB>partition ('-': standard input).", valueName: "file"))
    var records: String?

    @Flag(help: "--records keys are hex.")
    var hex = false

    @Option(parsing: .unconditional, help: ArgumentHelp("--records: the topic's partition count (default: the highest partition + 1, from a file).", valueName: "n"))
    var partitions: CountArgument?

    @Option(name: .customLong("max-records"), parsing: .unconditional, help: ArgumentHelp("Read at most this many records, spread evenly over the partitions and over each partition's offsets (default: all).", valueName: "n"))
    var maxRecords: CountArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Breaking keys listed per rule.", valueName: "n"))
    var examples: CountArgument = 3

    @Flag(name: .customLong("fail-on-mixed"), help: "Exit 1 when the verdict is mixed or unexplained.")
    var failOnMixed = false

    @Option(help: ArgumentHelp("Output: table, json, csv or markdown.", valueName: "format"))
    var format: ReportFormat = .table

    func validate() throws {
        try maxRecords?.check("--max-records", in: 1...Int.max)
        try examples.check("--examples", in: 0...100)
        guard (topic == nil) != (records == nil) else { throw ValidationError("give exactly one of --topic (with --bootstrap) and --records") }
        if records != nil {
            if maxRecords != nil { throw ValidationError("--max-records applies to --topic only") }
            try partitions?.check("--partitions", in: 1...Int(Int32.max))
            return
        }
        if hex || partitions != nil { throw ValidationError("--hex and --partitions apply to --records only") }
        try cluster.requireBootstrap()
    }

    func run() throws {
        guard let topic else { return try runOffline() }
        let shownTopic = Self.shown(topic)
        let result: AuditResult
        do {
            result = try PartitionAudit.run(PartitionAudit.Settings(
                topic: topic, maxRecords: maxRecords?.value, configuration: cluster.configuration(),
                timeout: cluster.client.timeout.duration, examplesPerRule: examples.value))
        } catch {
            if case .topicNotFound = error { throw CLIFailure("audit: \(error)") }
            throw CLIFailure("cannot audit '\(shownTopic)' on \(cluster.servers): \(error)")
        }
        try finish(result, document: AuditReport.document(result), name: shownTopic)
    }

    /// `--records`: the same analysis over exported lines.
    private func runOffline() throws {
        guard let records else { return }
        let outcome: RecordFileAudit.Outcome
        do {
            outcome = try RecordFileAudit.run(RecordFileAudit.Settings(
                path: records, hexKeys: hex, partitionCount: partitions?.value, examplesPerRule: examples.value))
        } catch {
            throw CLIFailure("audit --records: \(error)")
        }
        let note = outcome.inferredPartitionCount
            ? [ReportFact("partition count", .text("inferred: the highest partition in the file + 1 (give --partitions N if the last partitions may hold no record)"))]
            : []
        try finish(outcome.result, document: AuditReport.document(outcome.result, parameters: note), name: Self.shown(outcome.result.topic))
    }

    /// Prints the report; with --fail-on-mixed a mixed or unexplained verdict exits 1.
    private func finish(_ result: AuditResult, document: ReportDocument, name: String) throws {
        try ReportOutput.emit(document, format: format, to: nil)
        if failOnMixed, result.verdict == .mixed || result.verdict == .unexplained {
            throw CLIFailure("\(name): \(result.summary)")
        }
    }

    /// A name as it may be shown (escaped when not printable).
    private static func shown(_ name: String) -> String { Array(name.utf8).withUnsafeBytes { displayKey($0) } }
}
