import KafkaLive

/// Report model for `kbench audit`: the verdict, each key rule's share, the partitioners
/// found and keys that break each candidate.
public enum AuditReport {
    /// The audit as a report document (`id` `audit`).
    public static func document(_ result: AuditResult, parameters extra: [ReportFact] = []) -> ReportDocument {
        let parameters: [ReportFact] = [
            ReportFact("topic", .text(result.topic)),
            ReportFact("partitions", .integer(Int64(result.partitionCount))),
            ReportFact("records read", .integer(Int64(result.records))),
            ReportFact("read", .text(result.readWholeTopic ? "whole topic" : "sample (--max-records)")),
        ] + extra
        let verdict = ReportSection(
            id: "verdict", title: "Verdict",
            paragraphs: [result.summary],
            facts: [
                ReportFact("verdict", .text(result.verdict.rawValue)),
                ReportFact("keyed records", .integer(Int64(result.keyedRecords))),
                ReportFact("null-key records", .integer(Int64(result.nullKeyRecords))),
                ReportFact("empty-key records", .integer(Int64(result.emptyKeyRecords))),
                ReportFact("unexplained keyed records", .integer(Int64(result.unexplainedRecords))),
                ReportFact("share by chance (1/n)", .number(result.chanceShare), format: .percent(places: 2)),
            ])
        var components = ReportTable(id: "components", title: "Partitioners found", columns: [
            ReportColumn("strategies"), ReportColumn("rule"), ReportColumn("records", format: .integer),
            ReportColumn("share", format: .percent(places: 2)),
        ])
        for component in result.components {
            components.addRow([.text(component.strategies.joined(separator: ", ")), .text(component.rule),
                               .integer(Int64(component.records)),
                               result.keyedRecords > 0 ? .number(Double(component.records) / Double(result.keyedRecords)) : .missing])
        }
        var candidates = ReportTable(
            id: "candidates", title: "Each key rule against the keyed records",
            columns: [
                ReportColumn("rule"), ReportColumn("strategies"), ReportColumn("matched", format: .integer),
                ReportColumn("share", format: .percent(places: 2)), ReportColumn("breaking keys (key: in → predicted)"),
            ],
            notes: ["A rule that did not write the records still matches about 1/n of them by chance (\(NumberText.fixed(100 * result.chanceShare, places: 2))%)."])
        for candidate in result.candidates {
            let examples = candidate.counterexamples.map { "\($0.key): \($0.partition) → \($0.predicted)" }.joined(separator: "; ")
            candidates.addRow([.text(candidate.rule), .text(candidate.strategies.joined(separator: ", ")),
                               .integer(Int64(candidate.matched)),
                               candidate.checked > 0 ? .number(candidate.share) : .missing,
                               .text(examples.isEmpty ? "—" : examples)])
        }
        let detail = ReportSection(id: "rules", title: "Key rules", tables: [components, candidates])
        return ReportDocument(id: "audit", title: "kbench audit: \(result.topic)", parameters: parameters, sections: [verdict, detail])
    }
}
