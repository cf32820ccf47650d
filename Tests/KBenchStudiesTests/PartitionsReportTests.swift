import Foundation
import KafkaPartitioning
import KBenchReports
import KBenchWorkloads
import Testing
import TestSupport
@testable import KBenchReports
@testable import KBenchStudies

@Suite("Partitions report: study runner, report model, single-key report")
struct PartitionsReportTests {
    static func strategies(_ names: String) throws -> [PartitionStrategy] {
        try StrategyRegistry.select(names)
    }

    static func run(_ spec: String, counts: [Int] = [12], strategies: String = "all", resizes: [String] = [],
                    progress: ProgressReporter? = nil) throws -> PartitionStudyResult {
        var study = try PartitionDistributionStudy(configuration: PartitionStudyConfiguration(
            strategies: try Self.strategies(strategies), partitionCounts: try counts.map { try PartitionCount($0) },
            resizes: try resizes.map { try PartitionResize(parsing: $0) }, seed: 3))
        var keys = try KeyGenerator(parsing: spec, seed: 3)
        return try study.run(keys: &keys, progress: progress)
    }

    @Test("the runner streams a generator in batches: same result as one batch, progress per key, timed")
    func runner() throws {
        let progress = ProgressReporter(label: "test", total: 10_000, enabled: true, initialDelay: .seconds(3600))
        let streamed = try Self.run("zipf:1.3:10000", counts: [6, 12], progress: progress)
        #expect(progress.completed == 10_000)
        #expect(streamed.records == 10_000)
        #expect(streamed.source == "zipf:1.3:10000 (seed 3)")
        #expect((streamed.elapsedSeconds ?? -1) >= 0)
        var generator = try KeyGenerator(parsing: "zipf:1.3:10000", seed: 3)
        let batch = KeyBatch(try generator.collectKeys())
        var study = try PartitionDistributionStudy(configuration: PartitionStudyConfiguration(
            partitionCounts: [try PartitionCount(6), try PartitionCount(12)], seed: 3))
        study.add(batch)
        let whole = study.result(source: streamed.source)
        #expect(whole.distributions == streamed.distributions)
        #expect(whole.hotKeys == streamed.hotKeys)
    }

    @Test("document: a section per partition count with statistics, counts, hot keys and a grouped bar chart")
    func document() throws {
        let result = try Self.run("zipf:1.2:20000", counts: [12])
        let document = PartitionsReport.document(result)
        #expect(document.id == "partitions")
        #expect(document.sections.map(\.id) == ["n12", "agreement", "hot-keys"])
        let statistics = try #require(document.table("distribution-n12"))
        #expect(statistics.rows.count == StrategyRegistry.all.count)
        #expect(statistics.values(column: "strategy").first == .text("java"))
        let java = try #require(result.distribution(strategy: "java", partitionCount: .valid(12)))
        #expect(statistics.value(row: 0, column: "max_over_mean") == .number(java.summary.maximumOverMean ?? 0))
        #expect(statistics.value(row: 0, column: "p_value") == .number(java.summary.chiSquare.pValue ?? 1))
        #expect(statistics.value(row: 0, column: "hot_keys")?.textValue?.hasPrefix("key-1 (") == true)
        #expect(document.table("counts-n12")?.columns.count == 13)
        // Strategies sharing a rule share hot-key rows and chart panels.
        let hot = try #require(document.table("hot-keys-n12"))
        #expect(hot.values(column: "strategies").contains { $0.textValue?.hasPrefix("java, java:sticky, librdkafka:murmur2") == true })
        let chart = try #require(document.allCharts.first)
        guard case .bars(let bars) = chart else {
            Issue.record("expected a bar chart")
            return
        }
        #expect(bars.id == "distribution-n12")
        let distinct = Set(result.distributions.map(\.counts)).count
        #expect(bars.panels.count == distinct)
        #expect(bars.panels.allSatisfy { $0.values.count == 12 && $0.referenceLines.first?.label == "mean" && $0.highlighted.count == 1 })
        // Strategies sharing a rule share a panel, every name in its heading; the figure in its note.
        #expect(bars.panels[0].title.hasPrefix("java, java:sticky, librdkafka:murmur2, "))
        #expect(bars.panels[0].note == "max÷mean \(NumberText.fixed(java.summary.maximumOverMean ?? 0, places: 3))")
        #expect(bars.deviationFromMean)
        #expect(bars.panels[0].highlighted == [java.summary.hottestPartition])
        // Global hot keys: key-1 first, bounds around it.
        let keys = try #require(document.table("hot-keys"))
        #expect(keys.value(row: 0, column: "key") == .text("key-1"))
        let low = try #require(keys.value(row: 0, column: "records")?.numericValue)
        let high = try #require(keys.value(row: 0, column: "records_at_most")?.numericValue)
        #expect(low <= high)
    }

    @Test("options: timing only when asked, count tables up to the limit, JSON round trip")
    func options() throws {
        let result = try Self.run("seq:user-:3000", counts: [6, 64], strategies: "java,librdkafka:random")
        let plain = PartitionsReport.document(result)
        #expect(!plain.parameters.contains { $0.label == "run time" })
        #expect(plain.table("counts-n6") != nil)
        #expect(plain.table("counts-n64") == nil)
        #expect(plain.table("hot-keys-n6") == nil)  // distinct keys: none is hot
        #expect(plain.sections.first { $0.id == "hot-keys" }?.paragraphs.first?.hasPrefix("No key stands out") == true)
        let full = PartitionsReport.document(result, options: PartitionsReportOptions(includeTiming: true, countTableLimit: nil, includeCharts: false))
        #expect(full.parameters.contains { $0.label == "run time" })
        #expect(full.parameters.contains { $0.label == "throughput" })
        #expect(full.table("counts-n64")?.rows.count == 2)
        #expect(full.allCharts.isEmpty)
        let json = try JSONReportRenderer().render(plain)
        #expect(try JSONReportRenderer().decode(Data(json.utf8)) == plain)
        #expect(try JSONReportRenderer().render(PartitionsReport.document(result)) == json)
    }

    @Test("resize tables: measured and expected movement; keyless strategies are n/a")
    func resize() throws {
        let result = try Self.run("uuid:20000", counts: [12], strategies: "java,java:round-robin", resizes: ["12:13"])
        let document = PartitionsReport.document(result)
        let table = try #require(document.table("resize-12-13"))
        #expect(table.values(column: "strategy") == [.text("java"), .text("java:round-robin")])
        let moved = try #require(table.value(row: 0, column: "moved_fraction")?.numericValue)
        #expect(abs(moved - 12.0 / 13) < 0.01)
        #expect(table.value(row: 0, column: "rule") == .text("(murmur2(key) & 0x7fffffff) % n"))
        #expect(table.value(row: 1, column: "rule") == .text("keys ignored"))
        #expect(table.value(row: 1, column: "moved_fraction") == .missing)
        #expect(table.notes.contains { $0.contains("n/a") })
    }

    @Test("single-key report: a partition column per count, — where the key does not decide")
    func singleKey() throws {
        let document = PartitionsKeyReport.document(
            key: Array("kafka".utf8), serialization: "string \"kafka\" (StringSerializer)",
            partitionCounts: [try PartitionCount(12), try PartitionCount(1009)],
            strategies: try Self.strategies("java,librdkafka:fnv1a,java:round-robin"))
        let table = try #require(document.table("placements"))
        #expect(table.title == "key \"kafka\" (5 bytes, hex 6b61666b61), 12 / 1009 partitions")
        #expect(table.columns.map(\.id) == ["strategy", "client", "partition_12", "partition_1009", "rule"])
        #expect(table.value(row: 0, column: "partition_1009") == .integer(0x5067_cf64 % 1009))
        #expect(table.value(row: 1, column: "partition_1009") == .integer(0x0d33_c4e1 % 1009))
        #expect(table.value(row: 2, column: "partition_12") == .missing)
        #expect(table.notes.count == 1)
        #expect(document.parameters.contains { $0.label == "serialized as" })
        let null = PartitionsKeyReport.document(key: nil, partitionCounts: [try PartitionCount(6)], strategies: try Self.strategies("librdkafka:murmur2"))
        #expect(null.table("placements")?.value(row: 0, column: "partition_6") == .integer(3))
        #expect(null.table("placements")?.columns[2].header == "partition")
    }

    @Test("keys as text: printable UTF-8 as is, binary as hex, long and truncated keys with an ellipsis")
    func keyText() {
        #expect(PartitionsKeyText.display(Array("user-42".utf8)) == "user-42")
        #expect(PartitionsKeyText.display([0, 0, 4, 0xb2]) == "0x000004b2")
        #expect(PartitionsKeyText.display([]) == "(empty)")
        #expect(PartitionsKeyText.display(Array("tab\there".utf8)) == "0x" + Hex.encode(Array("tab\there".utf8)))
        #expect(PartitionsKeyText.display(Array(repeating: 0x61, count: 60)) == String(repeating: "a", count: 48) + "…")
        #expect(PartitionsKeyText.display(Array("abc".utf8), truncated: true) == "abc…")
        #expect(PartitionsKeyText.hex([1, 2], truncated: true) == "0102…")
        #expect(PartitionsKeyText.summary(nil) == "null key")
        #expect(PartitionsKeyText.summary([]) == "empty key")
        #expect(PartitionsKeyText.summary([0, 0, 4, 0xb2]) == "key of 4 bytes, hex 000004b2")
        #expect(PartitionsKeyText.summary(Array("a b".utf8)) == "key \"a b\" (3 bytes, hex 612062)")
    }
}
