import KafkaPartitioning
import KBenchReports

/// The cross-client sections of a partitions report: the agreement matrix per partition count
/// (table and heatmap) and, with `--from A --to B`, the keys that move.
extension PartitionsReport {
    /// One table and one heatmap per partition count: the share of keyed records each pair of
    /// strategy groups places on the same partition.
    static func agreementSection(_ result: PartitionStudyResult) -> ReportSection {
        var tables: [ReportTable] = []
        var charts: [Chart] = []
        for agreement in result.agreements {
            let n = agreement.partitionCount
            let columns = [ReportColumn("group"), ReportColumn("strategies"), ReportColumn("rule"), ReportColumn("empty_key", header: "empty key")]
                + agreement.groups.indices.map { ReportColumn("g\($0 + 1)", header: agreement.groups[$0].name, format: .percent(places: 2)) }
            var table = ReportTable(id: "agreement-n\(n)", title: "Keys placed alike (\(partitionsText(n)))", columns: columns)
            for (row, group) in agreement.groups.enumerated() {
                table.addRow([
                    .text(group.name), .text(group.strategies.joined(separator: ", ")), .text(StrategyDescriptor.formula(group.keyRule)),
                    .text(group.emptyKey == .hashed ? "hashed" : "like null"),
                ] + agreement.groups.indices.map { agreement.share(row, $0).map(ReportValue.number) ?? .missing })
            }
            table.notes.append("Each cell: keyed records both groups place on the same partition ÷ keyed records both place by key. Strategies in one group share a key rule and empty-key handling, so they agree on every key; two unrelated rules agree on about 1/\(n) of the keys.")
            tables.append(table)
            charts.append(.heatmap(HeatmapChart(
                id: "agreement-n\(n)", title: "Keys placed on the same partition, \(partitionsText(n))", subtitle: result.source,
                rowLabels: agreement.groups.map(\.name), columnLabels: agreement.groups.map(\.name),
                values: agreement.groups.indices.map { row in agreement.groups.indices.map { agreement.share(row, $0) } },
                valueLabel: "keys on the same partition")))
        }
        return ReportSection(
            id: "agreement", title: "Do the clients agree?",
            paragraphs: [
                "Producers of one topic must place a key alike, or records of one key split over partitions (ordering per key, co-partitioning and compaction break). Strategies are grouped by key rule and empty-key handling; null keys never follow a key and are left out.",
            ],
            tables: tables, charts: charts)
    }

    /// Per partition count: how many keyed records move from `--from` to `--to`, the hottest
    /// moved keys and the per-partition outflow and inflow.
    static func migrationSection(_ result: PartitionStudyResult) -> ReportSection {
        guard let first = result.migrations.first else { return ReportSection(id: "migration", title: "Migration") }
        var summary = ReportTable(id: "migration", title: "Records whose key moves from \(first.from) to \(first.to)", columns: [
            ReportColumn("partitions", format: .integer), ReportColumn("records", format: .integer),
            ReportColumn("moved", format: .integer), ReportColumn("moved_fraction", header: "moved share", format: .percent(places: 2)),
        ])
        var tables: [ReportTable] = []
        for migration in result.migrations {
            let n = migration.partitionCount
            summary.addRow([
                .integer(Int64(n.value)), .integer(Int64(migration.records)), .integer(Int64(migration.moved)),
                migration.movedFraction.map(ReportValue.number) ?? .missing,
            ])
            var flows = ReportTable(id: "migration-flow-n\(n)", title: "Moved records per partition (\(partitionsText(n)))", columns: [
                ReportColumn("partition", format: .integer), ReportColumn("outflow", format: .integer),
                ReportColumn("inflow", format: .integer), ReportColumn("net", format: .integer),
            ])
            for partition in 0..<Int(n.value) {
                let (out, into) = (migration.outflow[partition], migration.inflow[partition])
                flows.addRow([.integer(Int64(partition)), .integer(Int64(out)), .integer(Int64(into)), .integer(Int64(into - out))])
            }
            tables.append(flows)
            var hot = ReportTable(id: "migration-hot-keys-n\(n)", title: "Hottest moved keys (\(partitionsText(n)))", columns: [
                ReportColumn("rank", format: .integer), ReportColumn("key"), ReportColumn("key_hex", header: "key (hex)"),
                ReportColumn("records", header: "records ≥", format: .integer),
                ReportColumn("from_partition", header: "from", format: .integer), ReportColumn("to_partition", header: "to", format: .integer),
            ])
            for (rank, moved) in migration.hotMovedKeys.enumerated() {
                hot.addRow([
                    .integer(Int64(rank + 1)), .text(PartitionsKeyText.display(moved.key.key, truncated: moved.key.isTruncated)),
                    .text(PartitionsKeyText.hex(moved.key.key, truncated: moved.key.isTruncated)), .integer(Int64(moved.key.count)),
                    .integer(Int64(moved.fromPartition)), .integer(Int64(moved.toPartition)),
                ])
            }
            if !hot.rows.isEmpty { tables.append(hot) }
        }
        return ReportSection(
            id: "migration", title: "Moving from \(first.from) to \(first.to)",
            paragraphs: ["A moved key's records are on its old partition before the switch and on its new one after: consumers see the key's order break once, and per-key state keyed by partition must move. outflow: moved records leaving a partition; inflow: arriving."],
            tables: [summary] + tables)
    }
}
