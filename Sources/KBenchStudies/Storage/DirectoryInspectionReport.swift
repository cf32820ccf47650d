import KafkaRecords
import KBenchReports

/// Turns a ``DirectoryInspection`` into a report: partitions, segments, batch sizes,
/// producers and transactions, leader epochs, faults, and the consumer groups of any
/// `__consumer_offsets` partition.
package enum DirectoryInspectionReport {
    /// The report's id.
    package static let id = "inspect-dir"

    /// The document for `inspection`.
    package static func document(_ inspection: DirectoryInspection) -> ReportDocument {
        ReportDocument(
            id: id,
            title: "Broker data directory",
            paragraphs: ["Each partition's segments read batch by batch (memory bounded by one batch), every CRC checked, the .index and .timeindex files checked against their .log as kafka-dump-log --verify-index-only does, producer state from the segments and the newest .snapshot."],
            parameters: [
                ReportFact("path", .text(inspection.path)),
                ReportFact("partitions", .integer(Int64(inspection.partitions.count))),
                ReportFact("records decoded", .text(recordsDecoded(inspection))),
                ReportFact("faults", .integer(Int64(inspection.faults.count))),
            ],
            sections: [
                ReportSection(id: "partitions", title: "Partitions", tables: [partitionsTable(inspection), segmentsTable(inspection), sizesTable(inspection)]),
                ReportSection(id: "producers", title: "Producers and transactions", tables: [producersTable(inspection), epochsTable(inspection)]),
                ReportSection(id: "faults", title: "Faults and gaps", paragraphs: faultsParagraphs(inspection), tables: faultsTables(inspection)),
            ] + [consumerGroupsSection(inspection)].compactMap { $0 }
        )
    }

    /// Which records were decoded: all with --check; else control records, and every record
    /// of a `__consumer_offsets` partition (for its consumer groups).
    static func recordsDecoded(_ inspection: DirectoryInspection) -> String {
        if inspection.decodedRecords { return "every record (--check)" }
        let offsets = inspection.partitions.contains { $0.consumerGroups != nil }
        return offsets ? "control records and every __consumer_offsets record (headers and CRCs for the rest)" : "control records only (headers and CRCs for the rest)"
    }

    static func time(_ milliseconds: Int64?) -> ReportValue {
        milliseconds.map { .text(String(describing: UTCDate(unixMilliseconds: $0))) } ?? .missing
    }

    static func counted(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func formats(_ counts: [Int8: Int]) -> String {
        counted(Dictionary(uniqueKeysWithValues: counts.map { ("v\($0.key)", $0.value) }))
    }

    static func indexHealth(_ segment: SegmentSummary) -> String {
        let parts = [segment.offsetIndex.map { $0.isHealthy ? "index ok" : "index faulty" } ?? "no index",
                     segment.timeIndex.map { $0.isHealthy ? "timeindex ok" : "timeindex faulty" } ?? "no timeindex"]
        return parts.joined(separator: ", ")
    }

    static func partitionsTable(_ inspection: DirectoryInspection) -> ReportTable {
        var table = ReportTable(id: "partitions", title: "Partitions", columns: [
            ReportColumn("partition"), ReportColumn("topic_id", header: "topic id"),
            ReportColumn("segments", format: .integer), ReportColumn("first_offset", header: "first offset", format: .integer),
            ReportColumn("last_offset", header: "last offset", format: .integer),
            ReportColumn("first_time", header: "first time (UTC)"), ReportColumn("last_time", header: "last time (UTC)"),
            ReportColumn("bytes", format: .bytes), ReportColumn("batches", format: .integer), ReportColumn("records", format: .integer),
            ReportColumn("formats"), ReportColumn("codecs"),
            ReportColumn("producers", format: .integer), ReportColumn("open_transactions", header: "open txns", format: .integer),
            ReportColumn("aborted_transactions", header: "aborted (txnindex)", format: .integer),
            ReportColumn("gaps", format: .integer), ReportColumn("faults", format: .integer),
            ReportColumn("other_files", header: "other files"),
        ], notes: ["Other files: names Kafka does not give a live partition's files (.deleted, .cleaned and .swap files of an interrupted deletion or compaction, strays)."])
        for partition in inspection.partitions {
            let segments = partition.segments
            var formatCounts: [Int8: Int] = [:], codecCounts: [String: Int] = [:]
            for segment in segments {
                formatCounts.merge(segment.formats, uniquingKeysWith: +)
                codecCounts.merge(segment.codecs, uniquingKeysWith: +)
            }
            table.addRow([
                .text(partition.name), ReportValue(partition.topicId),
                .integer(Int64(segments.count)),
                segments.first?.firstOffset.map { .integer($0) } ?? .missing,
                segments.last?.lastOffset.map { .integer($0) } ?? .missing,
                time(segments.compactMap(\.firstTimestamp).min()), time(segments.compactMap(\.lastTimestamp).max()),
                .integer(Int64(segments.reduce(0) { $0 + $1.bytes })),
                .integer(Int64(segments.reduce(0) { $0 + $1.batches })),
                .integer(Int64(segments.reduce(0) { $0 + $1.records })),
                .text(formats(formatCounts)), .text(counted(codecCounts)),
                .integer(Int64(partition.producers.count)),
                .integer(Int64(partition.producers.filter { $0.openTransactionFirstOffset != nil }.count)),
                .integer(Int64(partition.abortedTransactions.count)),
                .integer(Int64(partition.gaps.count)), .integer(Int64(partition.faults.count)),
                partition.ignoredFiles.isEmpty ? .text("none") : .text(partition.ignoredFiles.joined(separator: ", ")),
            ])
        }
        return table
    }

    static func segmentsTable(_ inspection: DirectoryInspection) -> ReportTable {
        var table = ReportTable(id: "segments", title: "Segments", columns: [
            ReportColumn("partition"), ReportColumn("base_offset", header: "base offset", format: .integer),
            ReportColumn("last_offset", header: "last offset", format: .integer),
            ReportColumn("bytes", format: .bytes), ReportColumn("batches", format: .integer), ReportColumn("records", format: .integer),
            ReportColumn("formats"), ReportColumn("index_entries", header: "index entries", format: .integer),
            ReportColumn("timeindex_entries", header: "timeindex entries", format: .integer), ReportColumn("indexes"),
        ])
        for partition in inspection.partitions {
            for segment in partition.segments {
                table.addRow([
                    .text(partition.name), .integer(segment.baseOffset), segment.lastOffset.map { .integer($0) } ?? .missing,
                    .integer(Int64(segment.bytes)), .integer(Int64(segment.batches)), .integer(Int64(segment.records)),
                    .text(formats(segment.formats)),
                    segment.offsetIndex.map { .integer(Int64($0.entries)) } ?? .missing,
                    segment.timeIndex.map { .integer(Int64($0.entries)) } ?? .missing,
                    .text(indexHealth(segment)),
                ])
            }
        }
        return table
    }

    static func sizesTable(_ inspection: DirectoryInspection) -> ReportTable {
        var table = ReportTable(id: "batch-sizes", title: "Batch sizes", columns: [
            ReportColumn("partition"), ReportColumn("from", header: "from", format: .bytes), ReportColumn("below", header: "below", format: .bytes),
            ReportColumn("batches", format: .integer),
        ], notes: ["Batches (v2) and legacy messages or wrappers, log header included."])
        for partition in inspection.partitions {
            var buckets = SizeBuckets()
            for segment in partition.segments { buckets.merge(segment.sizes) }
            for (bucket, count) in buckets.counts.enumerated() where count > 0 {
                table.addRow([.text(partition.name), .integer(Int64(1) << bucket), .integer(Int64(1) << (bucket + 1)), .integer(Int64(count))])
            }
        }
        return table
    }

    static func producersTable(_ inspection: DirectoryInspection) -> ReportTable {
        var table = ReportTable(id: "producers", title: "Producers", columns: [
            ReportColumn("partition"), ReportColumn("producer_id", header: "producer id", format: .text),
            ReportColumn("epoch", format: .integer), ReportColumn("batches", format: .integer), ReportColumn("records", format: .integer),
            ReportColumn("last_sequence", header: "last sequence", format: .integer),
            ReportColumn("committed", format: .integer), ReportColumn("aborted", format: .integer),
            ReportColumn("open_transaction", header: "open txn from"),
            ReportColumn("snapshot", header: "in newest snapshot"),
        ], notes: ["Transactions counted from control batches (COMMIT/ABORT markers); an open transaction has data but no marker yet."])
        for partition in inspection.partitions {
            let snapshotEntries = Dictionary(partition.snapshot?.entries.map { ($0.producerId, $0) } ?? [], uniquingKeysWith: { first, _ in first })
            for producer in partition.producers {
                let snapshotText: ReportValue = if let entry = snapshotEntries[producer.producerId] {
                    .text("last offset \(entry.lastOffset)" + (entry.hasOpenTransaction ? ", txn from \(entry.currentTxnFirstOffset)" : ""))
                } else {
                    partition.snapshot == nil ? .missing : .text("absent")
                }
                table.addRow([
                    .text(partition.name), .text(String(producer.producerId)), .integer(Int64(producer.epoch)),
                    .integer(Int64(producer.batches)), .integer(Int64(producer.records)), .integer(Int64(producer.lastSequence)),
                    .integer(Int64(producer.committed)), .integer(Int64(producer.aborted)),
                    producer.openTransactionFirstOffset.map { .text("offset \($0)") } ?? .text("none"),
                    snapshotText,
                ])
            }
            // Producers the newest snapshot remembers whose batches are gone (retention, compaction).
            let seen = Set(partition.producers.map(\.producerId))
            for entry in partition.snapshot?.entries ?? [] where !seen.contains(entry.producerId) {
                table.addRow([
                    .text(partition.name), .text(String(entry.producerId)), .integer(Int64(entry.epoch)),
                    .integer(0), .integer(0), .integer(Int64(entry.lastSequence)), .integer(0), .integer(0),
                    entry.hasOpenTransaction ? .text("offset \(entry.currentTxnFirstOffset)") : .text("none"),
                    .text("only there: last offset \(entry.lastOffset)"),
                ])
            }
        }
        return table
    }

    static func epochsTable(_ inspection: DirectoryInspection) -> ReportTable {
        var table = ReportTable(id: "leader-epochs", title: "Leader epochs (leader-epoch-checkpoint)", columns: [
            ReportColumn("partition"), ReportColumn("epoch", format: .integer), ReportColumn("start_offset", header: "start offset", format: .integer),
        ])
        for partition in inspection.partitions {
            for entry in partition.leaderEpochs {
                table.addRow([.text(partition.name), .integer(Int64(entry.epoch)), .integer(entry.startOffset)])
            }
        }
        return table
    }

    static func faultsParagraphs(_ inspection: DirectoryInspection) -> [String] {
        var paragraphs: [String] = []
        if inspection.faults.isEmpty { paragraphs.append("No fault: every CRC, index and file read back as Kafka wrote it.") }
        if inspection.partitions.allSatisfy(\.gaps.isEmpty) { paragraphs.append("No offset gap.") }
        return paragraphs
    }

    static func faultsTables(_ inspection: DirectoryInspection) -> [ReportTable] {
        var tables: [ReportTable] = []
        if !inspection.faults.isEmpty {
            var table = ReportTable(id: "faults", title: "Faults", columns: [ReportColumn("partition"), ReportColumn("file"), ReportColumn("fault")])
            for (partition, fault) in inspection.faults {
                table.addRow([.text(partition), .text(fault.file), .text(fault.message)])
            }
            tables.append(table)
        }
        if !inspection.partitions.allSatisfy(\.gaps.isEmpty) {
            var table = ReportTable(id: "gaps", title: "Offset gaps", columns: [
                ReportColumn("partition"), ReportColumn("expected", format: .integer), ReportColumn("found", format: .integer),
            ], notes: ["Offsets missing between consecutive batches: compaction and retention make them on purpose; anywhere else they mean lost data."])
            for partition in inspection.partitions {
                for gap in partition.gaps { table.addRow([.text(partition.name), .integer(gap.expected), .integer(gap.found)]) }
            }
            tables.append(table)
        }
        return tables
    }
}
