import KafkaPartitioning
import KBenchReports

/// `kbench partitions --list` and the strategy section of `kbench report`: every registered
/// strategy with its client, rule, null- and empty-key behaviour, and the groups of strategies
/// that place every keyed record alike (interchangeable for keyed records).
package enum StrategyListReport {
    /// The report's id.
    package static let id = "strategies"

    /// The strategy table and the interchangeable groups of `strategies`.
    package static func section(_ strategies: [PartitionStrategy] = StrategyRegistry.all) -> ReportSection {
        let groups = PlacementGroup.grouping(strategies)
        var table = ReportTable(id: "strategies", title: "Every strategy", columns: [
            ReportColumn("strategy"), ReportColumn("client"), ReportColumn("client_default", header: "default"),
            ReportColumn("matches", header: "client API"), ReportColumn("key_rule", header: "keyed record"),
            ReportColumn("empty_key", header: "empty key"), ReportColumn("null_key", header: "null key"),
            ReportColumn("group", header: "same keyed placement as"),
        ])
        for strategy in strategies {
            let descriptor = strategy.descriptor
            let group = groups.first { $0.strategies.contains(strategy.name) }
            let empty: String
            switch (descriptor.keyRule, descriptor.emptyKey) {
            case (nil, _): empty = "ignored"
            case (_, .hashed): empty = "hashed"
            case (_, .likeNullKey): empty = "like a null key"
            }
            table.addRow([
                .text(strategy.name), .text(strategy.client), .text(descriptor.isClientDefault ? "yes" : ""), .text(descriptor.matches),
                .text(descriptor.keyRule.map(StrategyDescriptor.formula) ?? "keys ignored"), .text(empty),
                .text(descriptor.keyless.summary), .text(group.map(\.name) ?? "—"),
            ])
        }
        var interchangeable = ReportTable(id: "interchangeable", title: "Interchangeable for keyed records", columns: [
            ReportColumn("group"), ReportColumn("rule"), ReportColumn("empty_key", header: "empty key"), ReportColumn("strategies"),
        ])
        for group in groups {
            interchangeable.addRow([
                .text(group.name), .text(StrategyDescriptor.formula(group.keyRule)),
                .text(group.emptyKey == .hashed ? "hashed" : "like a null key"), .text(group.strategies.joined(separator: ", ")),
            ])
        }
        interchangeable.notes.append("Strategies of one group put every non-empty key, and every empty key, on the same partition; strategies with the same rule but a different empty-key handling agree on every non-empty key. Null keys never follow a key (see the null key column).")
        return ReportSection(
            id: "strategies", title: "Partitioners by client",
            paragraphs: ["Every client strategy kbench reproduces (names for --partitioner, --from and --to), how it places a keyed, an empty and a null key, and which strategies place keys alike."],
            tables: [table, interchangeable])
    }

    /// The list as a document of its own (`kbench partitions --list`).
    package static func document() -> ReportDocument {
        ReportDocument(
            id: id, title: "kbench partitioners: \(StrategyRegistry.all.count) strategies",
            parameters: [ReportFact("strategies", .integer(Int64(StrategyRegistry.all.count)))],
            sections: [section()])
    }
}

extension ReportDocument {
    /// The document with `section` added after its sections.
    package func appending(_ section: ReportSection) -> ReportDocument {
        var document = self
        document.sections.append(section)
        return document
    }
}
