import ArgumentParser
import Foundation
import KafkaLive
import KBenchReports

/// `kbench audit`: which partitioner(s) wrote this topic?
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Infer which client partitioner(s) wrote a topic from its keys and partitions.",
        discussion: """
            Consumes the topic (all of it, or --max-records spread over the partitions) and, \
            for each key rule of every client (Java/librdkafka murmur2, librdkafka/Sarama CRC-32, \
            Sarama/kafka-go FNV-1a, KafkaJS legacy murmur2, …), the share of keyed records whose \
            partition it predicts. One rule at 100%: the topic was written by one partitioner \
            (strategies sharing a rule cannot be told apart). Several rules each explaining a \
            distinct part: MIXED producers, the classic Java-vs-librdkafka mismatch that breaks \
            co-partitioning and ordering per key. Keys that break each rule are listed. A wrong \
            rule still matches about 1/partitions of the keys by chance.

            Exit status 0 whatever the verdict (it is in the report; --fail-on-mixed makes a \
            mixed or unexplained topic exit 1, for CI).

            Examples:
              kbench audit --bootstrap broker:9092 --topic orders
              kbench audit --bootstrap broker:9092 --topic orders --max-records 100000 --format json
            """
    )

    @OptionGroup var cluster: LiveClusterOptions

    @Option(help: ArgumentHelp("Topic to audit.", valueName: "name"))
    var topic: String

    @Option(name: .customLong("max-records"), help: ArgumentHelp("Read at most this many records, spread evenly over the partitions (default: all).", valueName: "n"))
    var maxRecords: Int?

    @Option(help: ArgumentHelp("Breaking keys listed per rule.", valueName: "n"))
    var examples = 3

    @Flag(name: .customLong("fail-on-mixed"), help: "Exit 1 when the verdict is mixed or unexplained.")
    var failOnMixed = false

    @Option(help: ArgumentHelp("Output: table, json, csv or markdown.", valueName: "format"))
    var format: ReportFormat = .table

    func validate() throws {
        if let maxRecords, maxRecords < 1 { throw ValidationError("--max-records must be at least 1, got \(maxRecords)") }
        guard (0...100).contains(examples) else { throw ValidationError("--examples must be 0…100, got \(examples)") }
    }

    func run() throws {
        let (configuration, mockCluster) = try cluster.connect()
        let result: AuditResult
        do {
            result = try PartitionAudit.run(PartitionAudit.Settings(
                topic: topic, maxRecords: maxRecords, configuration: configuration,
                timeout: cluster.timeout.duration, examplesPerRule: examples))
        } catch {
            throw CLIFailure("cannot audit \(topic) on \(cluster.bootstrap ?? "the embedded cluster"): \(error)")
        }
        withExtendedLifetime(mockCluster) {}
        try ReportOutput.emit(AuditReport.document(result), format: format, to: nil)
        if failOnMixed, result.verdict == .mixed || result.verdict == .unexplained {
            throw CLIFailure("\(topic): \(result.summary)")
        }
    }
}
