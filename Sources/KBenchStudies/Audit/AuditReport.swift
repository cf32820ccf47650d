import KBenchReports

/// Report model for `kbench audit`: the verdict, what was read, the partitioners found with
/// their estimated shares, each key rule's matches and keys that break each candidate.
package enum AuditReport {
    /// The audit as a report document (`id` `audit`).
    package static func document(_ result: AuditResult, parameters extra: [ReportFact] = []) -> ReportDocument {
        let parameters: [ReportFact] = [
            ReportFact("topic", .text(result.topic)),
            ReportFact("partitions", .integer(Int64(result.partitionCount))),
            ReportFact("records read", .integer(Int64(result.records))),
            ReportFact("read", .text(sampleSentence(result.sample))),
        ] + extra
        let verdict = ReportSection(
            id: "verdict", title: "Verdict",
            paragraphs: [result.summary],
            facts: [
                ReportFact("verdict", .text(result.verdict.rawValue)),
                ReportFact("keyed records", .integer(Int64(result.keyedRecords))),
                ReportFact("null-key records", .integer(Int64(result.nullKeyRecords))),
                ReportFact("empty-key records", .integer(Int64(result.emptyKeyRecords))),
                ReportFact("ambiguous keyed records (several partitioners found explain them)", .integer(Int64(result.ambiguousRecords))),
                ReportFact("unexplained keyed records", .integer(Int64(result.unexplainedRecords))),
                ReportFact("estimated share written by no partitioner found", .number(result.otherShare), format: .percent(places: 2)),
                ReportFact("share by chance (1/n)", .number(result.chanceShare), format: .percent(places: 2)),
            ])
        let detail = ReportSection(id: "rules", title: "Key rules", tables: [components(result), candidates(result)])
        let sample = ReportSection(id: "sample", title: "What was read", paragraphs: [sampleSentence(result.sample)], tables: [partitions(result.sample)])
        return ReportDocument(id: "audit", title: "kbench audit: \(result.topic)", parameters: parameters, sections: [verdict, detail, sample])
    }

    /// `sampled 1,200 of 20,000 records: 12 partitions × 16 windows spread over each
    /// partition's offsets`, or `read all 20,000 records of 12 partitions`.
    package static func sampleSentence(_ sample: AuditSamplePlan) -> String {
        let total = NumberText.grouped(sample.totalRecords)
        let read = NumberText.grouped(Int64(sample.recordsRead))
        let partitions = sample.partitionsRead == 1 ? "1 partition" : "\(sample.partitionsRead) partitions"
        if sample.wholeTopic { return "read all \(read) of \(total) records of \(partitions)" }
        let windows = sample.windowsPerPartition.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" } ?? "0"
        return "sampled \(read) of \(total) records: \(partitions) × \(windows) windows spread over each partition's offsets"
    }

    private static func components(_ result: AuditResult) -> ReportTable {
        var table = ReportTable(
            id: "components", title: "Partitioners found",
            columns: [
                ReportColumn("strategies"), ReportColumn("rule"),
                ReportColumn("estimated share", format: .percent(places: 2)), ReportColumn("≈ records", format: .integer),
                ReportColumn("only it explains", format: .integer), ReportColumn("ambiguous", format: .integer),
                ReportColumn("test: k of m", format: .text), ReportColumn("p-value", format: .probability(digits: 2)),
            ],
            notes: [
                "Found: " + PartitionAudit.significanceRule + " (a p-value below 1e-300, one that underflowed to 0 among them, reads < 1e-300).",
                "Shares: " + PartitionAudit.shareRule + ".",
            ])
        for component in result.components {
            table.addRow([
                .text(component.strategies.joined(separator: ", ")), .text(component.rule),
                .number(component.share), .integer(Int64(component.records)),
                .integer(Int64(component.exclusiveRecords)), .integer(Int64(component.ambiguousRecords)),
                .text("\(component.testedMatches) of \(component.testedRecords)"), .number(component.pValue),
            ])
        }
        return table
    }

    private static func candidates(_ result: AuditResult) -> ReportTable {
        var table = ReportTable(
            id: "candidates", title: "Each key rule against the keyed records",
            columns: [
                ReportColumn("rule"), ReportColumn("strategies"), ReportColumn("matched", format: .integer),
                ReportColumn("share", format: .percent(places: 2)), ReportColumn("p-value vs chance", format: .probability(digits: 2)),
                ReportColumn("breaking keys (key: in → predicted)"),
            ],
            notes: ["A rule that did not write the records still matches about 1/n of them by chance (\(NumberText.fixed(100 * result.chanceShare, places: 2))%); the p-value is the chance of matching at least as many if it placed none (exact binomial tail)."])
        for candidate in result.candidates {
            let examples = candidate.counterexamples.map { "\($0.key): \($0.partition) → \($0.predicted)" }.joined(separator: "; ")
            table.addRow([
                .text(candidate.rule), .text(candidate.strategies.joined(separator: ", ")),
                .integer(Int64(candidate.matched)),
                candidate.checked > 0 ? .number(candidate.share) : .missing,
                candidate.checked > 0 ? .number(candidate.pValue) : .missing,
                .text(examples.isEmpty ? "—" : examples),
            ])
        }
        return table
    }

    private static func partitions(_ sample: AuditSamplePlan) -> ReportTable {
        var table = ReportTable(id: "partitions", title: "Offsets read per partition", columns: [
            ReportColumn("partition", format: .integer), ReportColumn("low", format: .integer), ReportColumn("high", format: .integer),
            ReportColumn("records", format: .integer), ReportColumn("read", format: .integer), ReportColumn("windows", format: .integer),
            ReportColumn("offsets read [start, end)"),
        ])
        for partition in sample.partitions {
            let ranges = partition.windows.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
            table.addRow([
                .integer(Int64(partition.partition)), .integer(partition.low), .integer(partition.high),
                .integer(partition.available), .integer(Int64(partition.recordsRead)), .integer(Int64(partition.windows.count)),
                .text(ranges.isEmpty ? "—" : ranges),
            ])
        }
        return table
    }
}
