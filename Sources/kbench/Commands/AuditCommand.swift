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

            Exit status 0 whatever the verdict (it is in the report; --fail-on-mixed makes a \
            mixed or unexplained topic exit 1, for CI); 1 when the topic does not exist.

            Examples:
              kbench audit --bootstrap 127.0.0.1:PORT --topic orders
              kbench audit --bootstrap 127.0.0.1:PORT --topic orders --max-records 1200
              kbench audit --bootstrap 127.0.0.1:PORT --topic orders --format json
            """
    )

    @OptionGroup var cluster: ExistingClusterOptions

    @Option(help: ArgumentHelp("Topic to audit.", valueName: "name"))
    var topic: String

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
        try cluster.requireBootstrap()
    }

    func run() throws {
        let result: AuditResult
        do {
            result = try PartitionAudit.run(PartitionAudit.Settings(
                topic: topic, maxRecords: maxRecords?.value, configuration: cluster.configuration(),
                timeout: cluster.client.timeout.duration, examplesPerRule: examples.value))
        } catch {
            if case .topicNotFound = error { throw CLIFailure("audit: \(error)") }
            throw CLIFailure("cannot audit '\(shownTopic)' on \(cluster.servers): \(error)")
        }
        try ReportOutput.emit(AuditReport.document(result), format: format, to: nil)
        if failOnMixed, result.verdict == .mixed || result.verdict == .unexplained {
            throw CLIFailure("\(shownTopic): \(result.summary)")
        }
    }

    /// The topic name as it may be shown (escaped when not printable).
    private var shownTopic: String { Array(topic.utf8).withUnsafeBytes { displayKey($0) } }
}
