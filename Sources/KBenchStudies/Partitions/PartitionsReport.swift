import KafkaPartitioning
import KBenchReports

/// What a partitions report shows besides the statistics.
package struct PartitionsReportOptions: Sendable, Hashable {
    /// Adds the run time and records per second to the parameters (off by default, so JSON
    /// stays identical from run to run).
    package var includeTiming: Bool
    /// Per-partition count tables are included for partition counts up to this (nil: always).
    /// Large counts make wide tables: JSON and CSV consumers usually want them all.
    package var countTableLimit: Int?
    /// Adds a per-partition bar chart (with the mean line) per partition count.
    package var includeCharts: Bool

    /// Options; by default no timing, count tables up to 32 partitions, charts on.
    package init(includeTiming: Bool = false, countTableLimit: Int? = 32, includeCharts: Bool = true) {
        self.includeTiming = includeTiming
        self.countTableLimit = countTableLimit
        self.includeCharts = includeCharts
    }
}

/// Turns a ``PartitionStudyResult`` into a report: per partition count a statistics table
/// (min, max, mean, max÷mean, CV, χ², p-value, hottest partition, its share and the hot keys
/// behind it), the per-partition counts, the hot keys per hottest partition and a bar chart
/// per strategy with the mean line; then the stream's hot keys and each resize's key movement.
package enum PartitionsReport {
    /// The report's id (file names, JSON).
    package static let id = "partitions"

    /// The document for `result`.
    package static func document(_ result: PartitionStudyResult, options: PartitionsReportOptions = PartitionsReportOptions()) -> ReportDocument {
        var sections = result.partitionCounts.map { countSection(result, partitionCount: $0, options: options) }
        if !result.agreements.isEmpty && result.records > result.nullKeys { sections.append(agreementSection(result)) }
        if !result.migrations.isEmpty { sections.append(migrationSection(result)) }
        sections.append(hotKeySection(result))
        if !result.resizes.isEmpty { sections.append(resizeSection(result)) }
        return ReportDocument(
            id: id,
            title: "Partition distribution: \(result.source)",
            paragraphs: [
                "Every key goes through each strategy exactly as its client places it; records a client does not place by key (null keys, empty keys under consistent_random and kafka-go's CRC32 balancer, every record of round-robin, random and uniform-sticky strategies) are simulated with the producer batch model below.",
                "max÷mean = hottest partition ÷ average (1 is perfectly even); CV = standard deviation ÷ mean (uniform random placement gives about √((n−1)/records)); χ² and p test the counts against equal shares (p near 0: less even than chance; near 1: more even than chance, as round robin is).",
            ],
            parameters: parameters(result, options: options),
            findings: result.partitionCounts.compactMap { evennessFinding(result, partitionCount: $0) },
            sections: sections)
    }

    static func parameters(_ result: PartitionStudyResult, options: PartitionsReportOptions) -> [ReportFact] {
        let producer = result.producer
        var facts = [
            ReportFact("keys", .text(result.source)),
            ReportFact("records", .integer(Int64(result.records))),
        ]
        if result.emptyKeys > 0 { facts.append(ReportFact("empty keys", .integer(Int64(result.emptyKeys)))) }
        if result.nullKeys > 0 { facts.append(ReportFact("null keys", .integer(Int64(result.nullKeys)))) }
        facts += [
            ReportFact("partition counts", .text(result.partitionCounts.map(String.init).joined(separator: ", "))),
            ReportFact("strategies", .text(strategyNames(result).joined(separator: ", "))),
            ReportFact("producer model", .text(
                "batch.size \(producer.batchSize) B, linger.ms \(NumberText.trimmingZeros(NumberText.fixed(producer.lingerMilliseconds, places: 3))), "
                + "sticky.partitioning.linger.ms \(NumberText.trimmingZeros(NumberText.fixed(producer.stickyPartitioningLingerMilliseconds, places: 3))), "
                + "round robin \(producer.javaRoundRobinModel.rawValue), \(NumberText.compact(result.workload.recordsPerSecond)) records/s, "
                + "values of \(result.workload.valueLength) B")),
            ReportFact("seed", .integer(Int64(bitPattern: result.seed))),
            ReportFact("hot-key sketch", .text("Misra–Gries, \(result.sketchCapacity) counters, counts low by at most \(result.sketchMaximumError)")),
        ]
        if options.includeTiming, let seconds = result.elapsedSeconds {
            facts.append(ReportFact("run time", .number(seconds), format: .duration))
            if let rate = result.recordsPerSecond {
                facts.append(ReportFact("throughput", .number(rate), format: .rate(unit: "keys")))
            }
        }
        return facts
    }

    /// Per partition count: the most and the least even strategy by max÷mean, and the share
    /// of records the least even one puts on its hottest partition (the worst skew).
    static func evennessFinding(_ result: PartitionStudyResult, partitionCount: PartitionCount) -> ReportFinding? {
        let ranked = result.distributions(partitionCount: partitionCount).filter { $0.summary.maximumOverMean != nil }
            .sorted { ($0.summary.maximumOverMean ?? 0) < ($1.summary.maximumOverMean ?? 0) }
        guard let best = ranked.first, let worst = ranked.last else { return nil }
        func ratio(_ distribution: StrategyDistribution) -> String {
            NumberText.fixed(distribution.summary.maximumOverMean ?? 0, places: 3)
        }
        let share = worst.summary.hottestShare.map { ", its hottest partition \(UnitText.percent($0, places: 2)) of the records" } ?? ""
        return ReportFinding(
            topic: partitionsText(partitionCount),
            text: "most even \(best.strategy) (max÷mean \(ratio(best))); least even \(worst.strategy) (max÷mean \(ratio(worst))\(share))",
            section: "n\(partitionCount)")
    }

    static func strategyNames(_ result: PartitionStudyResult) -> [String] {
        guard let first = result.partitionCounts.first else { return [] }
        return result.distributions(partitionCount: first).map(\.strategy)
    }

    // MARK: One partition count

    /// `1 partition`, `12 partitions`.
    static func partitionsText(_ count: PartitionCount) -> String {
        count.value == 1 ? "1 partition" : "\(count) partitions"
    }

    static func countSection(_ result: PartitionStudyResult, partitionCount: PartitionCount, options: PartitionsReportOptions) -> ReportSection {
        let distributions = result.distributions(partitionCount: partitionCount)
        var tables = [statisticsTable(distributions, partitionCount: partitionCount)]
        if options.countTableLimit.map({ Int(partitionCount.value) <= $0 }) ?? true {
            tables.append(countsTable(distributions, partitionCount: partitionCount))
        }
        let hot = hotKeyTable(distributions, partitionCount: partitionCount)
        if !hot.rows.isEmpty { tables.append(hot) }
        var facts: [ReportFact] = []
        let ranked = distributions.filter { $0.summary.maximumOverMean != nil }
            .sorted { ($0.summary.maximumOverMean ?? 0) < ($1.summary.maximumOverMean ?? 0) }
        if let best = ranked.first, let worst = ranked.last {
            facts.append(ReportFact("most even", .text("\(best.strategy) (max÷mean \(NumberText.fixed(best.summary.maximumOverMean ?? 0, places: 3)))")))
            facts.append(ReportFact("least even", .text("\(worst.strategy) (max÷mean \(NumberText.fixed(worst.summary.maximumOverMean ?? 0, places: 3)))")))
        }
        let charts = options.includeCharts ? [Chart.bars(chart(distributions, partitionCount: partitionCount, source: result.source))] : []
        return ReportSection(id: "n\(partitionCount)", title: partitionsText(partitionCount), facts: facts, tables: tables, charts: charts)
    }

    static func statisticsTable(_ distributions: [StrategyDistribution], partitionCount: PartitionCount) -> ReportTable {
        var table = ReportTable(id: "distribution-n\(partitionCount)", title: "Spread over \(partitionsText(partitionCount))", columns: [
            ReportColumn("strategy"),
            ReportColumn("records", format: .integer),
            ReportColumn("simulated", format: .integer),
            ReportColumn("min", format: .integer),
            ReportColumn("max", format: .integer),
            ReportColumn("mean", format: .decimal(places: 1)),
            ReportColumn("max_over_mean", header: "max÷mean", format: .decimal(places: 3)),
            ReportColumn("cv", header: "CV", format: .significant(digits: NumberRule.significantDigits)),
            ReportColumn("chi_square", header: "χ²", format: .significant(digits: NumberRule.significantDigits)),
            ReportColumn("p_value", header: "p", format: .probability(digits: NumberRule.significantDigits)),
            ReportColumn("hottest", format: .integer),
            ReportColumn("hottest_share", header: "share", format: .percent(places: 2)),
            ReportColumn("hot_keys", header: "hot keys behind it"),
        ])
        for distribution in distributions {
            let summary = distribution.summary
            let hotKeys = distribution.hotKeys.map {
                "\(PartitionsKeyText.display($0.key.key, truncated: $0.key.isTruncated)) (\(UnitText.percent($0.shareOfPartition, places: 1)))"
            }
            table.addRow([
                .text(distribution.strategy),
                .integer(Int64(summary.records)),
                .integer(Int64(distribution.simulatedRecords)),
                .integer(Int64(summary.minimum)),
                .integer(Int64(summary.maximum)),
                .number(summary.mean),
                summary.maximumOverMean.map(ReportValue.number) ?? .missing,
                summary.coefficientOfVariation.map(ReportValue.number) ?? .missing,
                summary.records > 0 && summary.partitionCount.value > 1 ? .number(summary.chiSquare.statistic) : .missing,
                summary.chiSquare.pValue.map(ReportValue.number) ?? .missing,
                summary.records > 0 ? .integer(Int64(summary.hottestPartition)) : .missing,
                summary.hottestShare.map(ReportValue.number) ?? .missing,
                hotKeys.isEmpty ? .missing : .text(hotKeys.joined(separator: ", ")),
            ], collapsingOn: "strategy", group: ruleGroup(distribution))
        }
        if distributions.contains(where: { $0.simulatedRecords > 0 }) {
            table.notes.append("simulated: records placed by the producer model (see the parameters), not by their key.")
        }
        table.notes.append("hot keys: frequent keys (sketch) landing on the hottest partition, with their share of its records; — when no key stands out or records do not follow keys.")
        return table
    }

    static func countsTable(_ distributions: [StrategyDistribution], partitionCount: PartitionCount) -> ReportTable {
        let columns = [ReportColumn("strategy")] + (0..<Int(partitionCount.value)).map { ReportColumn("p\($0)", header: "\($0)", format: .integer) }
        var table = ReportTable(id: "counts-n\(partitionCount)", title: "Records per partition (\(partitionsText(partitionCount)))", columns: columns)
        for distribution in distributions {
            table.addRow([.text(distribution.strategy)] + distribution.counts.map { .integer(Int64($0)) },
                         collapsingOn: "strategy", group: ruleGroup(distribution))
        }
        return table
    }

    /// What lets strategies share a row people read: the key rule (its formula), when every
    /// record follows it; `nil` (never shared) for strategies that ignore keys.
    static func ruleGroup(_ distribution: StrategyDistribution) -> String? {
        distribution.keyRule.map(StrategyDescriptor.formula)
    }

    /// Hot keys behind each hottest partition; strategies with the same partition and keys
    /// share rows.
    static func hotKeyTable(_ distributions: [StrategyDistribution], partitionCount: PartitionCount) -> ReportTable {
        var table = ReportTable(id: "hot-keys-n\(partitionCount)", title: "Hot keys behind the hottest partition (\(partitionsText(partitionCount)))", columns: [
            ReportColumn("strategies"),
            ReportColumn("partition", format: .integer),
            ReportColumn("rank", format: .integer),
            ReportColumn("key"),
            ReportColumn("key_hex", header: "key (hex)"),
            ReportColumn("records", header: "records ≥", format: .integer),
            ReportColumn("share_of_partition", header: "share of partition", format: .percent(places: 2)),
        ])
        var groups: [(names: [String], partition: Int, keys: [PartitionHotKey])] = []
        for distribution in distributions where !distribution.hotKeys.isEmpty {
            let partition = distribution.summary.hottestPartition
            if let index = groups.firstIndex(where: { $0.partition == partition && $0.keys == distribution.hotKeys }) {
                groups[index].names.append(distribution.strategy)
            } else {
                groups.append(([distribution.strategy], partition, distribution.hotKeys))
            }
        }
        for group in groups {
            for (rank, hot) in group.keys.enumerated() {
                table.addRow([
                    .text(group.names.joined(separator: ", ")), .integer(Int64(group.partition)), .integer(Int64(rank + 1)),
                    .text(PartitionsKeyText.display(hot.key.key, truncated: hot.key.isTruncated)),
                    .text(PartitionsKeyText.hex(hot.key.key, truncated: hot.key.isTruncated)),
                    .integer(Int64(hot.key.count)), .number(hot.shareOfPartition),
                ])
            }
        }
        return table
    }

    /// Records per partition as the deviation from the mean, one panel per distinct set of
    /// counts (strategies sharing a rule share a panel, named in its heading), the hottest
    /// partition highlighted; all panels on one scale, so the uneven strategies stand out.
    static func chart(_ distributions: [StrategyDistribution], partitionCount: PartitionCount, source: String) -> BarChart {
        var groups: [(names: [String], distribution: StrategyDistribution)] = []
        for distribution in distributions {
            if let index = groups.firstIndex(where: { $0.distribution.counts == distribution.counts }) {
                groups[index].names.append(distribution.strategy)
            } else {
                groups.append(([distribution.strategy], distribution))
            }
        }
        let panels = groups.map { group in
            let ratio = group.distribution.summary.maximumOverMean.map { "max÷mean \(NumberText.fixed($0, places: 3))" }
            return BarPanel(title: group.names.joined(separator: ", "), counts: group.distribution.counts,
                            highlightMaximum: true, note: ratio)
        }
        return BarChart(
            id: "distribution-n\(partitionCount)", title: "Records per partition, \(partitionsText(partitionCount))",
            subtitle: source, categoryLabel: "partition", valueLabel: "records",
            seriesName: "records per partition vs the mean", highlightName: "hottest partition", panels: panels,
            deviationFromMean: true)
    }

    // MARK: Hot keys and resizes

    static func hotKeySection(_ result: PartitionStudyResult) -> ReportSection {
        var table = ReportTable(id: "hot-keys", title: "Most frequent keys", columns: [
            ReportColumn("rank", format: .integer),
            ReportColumn("key"),
            ReportColumn("key_hex", header: "key (hex)"),
            ReportColumn("length", format: .integer),
            ReportColumn("records", header: "records ≥", format: .integer),
            ReportColumn("records_at_most", header: "≤", format: .integer),
            ReportColumn("share", format: .percent(places: 2)),
        ])
        let denominator = Double(max(result.records - result.nullKeys, 1))
        for (rank, hitter) in result.hotKeys.enumerated() {
            table.addRow([
                .integer(Int64(rank + 1)),
                .text(PartitionsKeyText.display(hitter.key, truncated: hitter.isTruncated)),
                .text(PartitionsKeyText.hex(hitter.key, truncated: hitter.isTruncated)),
                .integer(Int64(hitter.length)),
                .integer(Int64(hitter.count)),
                .integer(Int64(hitter.count + hitter.maximumError)),
                .number(Double(hitter.count) / denominator),
            ])
        }
        let paragraph = result.hotKeys.isEmpty
            ? "No key stands out: no key was seen twice with a count above the \(result.sketchCapacity)-counter sketch's error bound (\(result.sketchMaximumError))."
            : "Keys seen at least twice whose count in the \(result.sketchCapacity)-counter Misra–Gries sketch exceeds its error bound: each key's frequency lies between the two counts shown; every key above 1/\(result.sketchCapacity + 1) of the stream is found."
        return ReportSection(id: "hot-keys", title: "Hot keys", paragraphs: [paragraph], tables: result.hotKeys.isEmpty ? [] : [table])
    }

    static func resizeSection(_ result: PartitionStudyResult) -> ReportSection {
        var resizes: [(PartitionCount, PartitionCount)] = []
        for outcome in result.resizes where !resizes.contains(where: { $0 == (outcome.from, outcome.to) }) {
            resizes.append((outcome.from, outcome.to))
        }
        let tables = resizes.map { from, to in
            var table = ReportTable(id: "resize-\(from)-\(to)", title: "Records whose key changes partition from \(from) to \(partitionsText(to))", columns: [
                ReportColumn("strategy"),
                ReportColumn("rule"),
                ReportColumn("records", format: .integer),
                ReportColumn("moved", format: .integer),
                ReportColumn("moved_fraction", header: "moved", format: .percent(places: 2)),
                ReportColumn("expected_fraction", header: "expected", format: .percent(places: 2)),
            ])
            for outcome in result.resizes where outcome.from == from && outcome.to == to {
                guard let rule = outcome.keyRule else {
                    table.addRow([.text(outcome.strategy), .text("keys ignored"), .missing, .missing, .missing, .missing],
                                 collapsingOn: "strategy", group: "keys ignored")
                    continue
                }
                table.addRow([
                    .text(outcome.strategy), .text(StrategyDescriptor.formula(rule)), .integer(Int64(outcome.records)),
                    .integer(Int64(outcome.moved)), outcome.movedFraction.map(ReportValue.number) ?? .missing,
                    outcome.expectedMovedFraction.map(ReportValue.number) ?? .missing,
                ], collapsingOn: "strategy", group: StrategyDescriptor.formula(rule))
            }
            table.notes.append("expected: 1 − min(N, M) ÷ lcm(N, M) for a uniform hash; — (n/a): the strategy ignores keys, so there is no key→partition mapping to keep.")
            return table
        }
        return ReportSection(
            id: "resize", title: "Resizing the topic",
            paragraphs: [
                "Adding partitions remaps keys under hash % n: per-key ordering and any state kept per partition (compacted topics, Kafka Streams stores) break for the keys that move.",
                "Counted per record: with repeated keys the moved share is the share of traffic whose partition changes; with distinct keys, the share of keys.",
            ],
            tables: tables)
    }
}
