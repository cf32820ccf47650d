import KafkaPartitioning
import KBenchReports

/// The cross-client answer for one key: where it lands under every chosen strategy, for one
/// or more partition counts side by side — the report of `kbench partitions --key`.
package enum PartitionsKeyReport {
    /// The report's id (file names, JSON).
    package static let id = "partitions-key"

    /// The document for `key` (nil: a null key). `serialization` says how the key bytes were
    /// made (e.g. `int32 1202 (IntegerSerializer)`), shown with the bytes.
    ///
    /// Table `placements`: one row per strategy with `strategy`, `client`, a column
    /// `partition_<n>` per partition count (null where the client does not place the key by
    /// its bytes) and `rule`.
    package static func document(
        key: [UInt8]?, serialization: String? = nil, partitionCounts: [PartitionCount], strategies: [PartitionStrategy]
    ) -> ReportDocument {
        let summary = PartitionsKeyText.summary(key)
        let countsText = partitionCounts.map { String($0.value) }.joined(separator: " / ")
        let single = partitionCounts.count == 1
        var columns = [ReportColumn("strategy"), ReportColumn("client")]
        columns += partitionCounts.map {
            ReportColumn("partition_\($0.value)", header: single ? "partition" : "n=\($0.value)", format: .integer)
        }
        columns.append(ReportColumn("rule"))
        var table = ReportTable(id: "placements", title: "\(summary), \(countsText) partitions", columns: columns)
        let placements = partitionCounts.map { KeyPlacement.placements(key: key, partitionCount: $0, strategies: strategies) }
        for (index, strategy) in strategies.enumerated() {
            let cells: [ReportValue] = placements.map { rows in rows[index].partition.map { .integer(Int64($0)) } ?? .missing }
            let rule = placements.first?[index].rule ?? ""
            table.addRow([.text(strategy.name), .text(strategy.client)] + cells + [.text(rule)])
        }
        if placements.joined().contains(where: { $0.partition == nil }) {
            table.notes.append("— : the client does not place this key by its bytes (random, round robin or sticky); --keys or --generate simulates those choices.")
        }
        var parameters = [ReportFact("key", .text(summary))]
        if let serialization { parameters.append(ReportFact("serialized as", .text(serialization))) }
        parameters.append(ReportFact("partition counts", .text(partitionCounts.map { String($0.value) }.joined(separator: ", "))))
        return ReportDocument(
            id: id,
            title: "Where one key lands under every client",
            parameters: parameters,
            sections: [ReportSection(id: "placements", title: "Placements", tables: [table])])
    }
}
