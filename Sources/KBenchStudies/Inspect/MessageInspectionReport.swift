import KafkaCompression
import KafkaPartitioning
import KafkaRecords
import KBenchReports

/// Turns a ``MessageInspection`` into a report: the message, the record field by field with a
/// hex dump, where the bytes go, the batch field by field, and the partition under every
/// strategy.
package enum MessageInspectionReport {
    /// The report's id.
    package static let id = "inspect-message"
    /// Bytes shown per hex-dump row.
    package static let bytesPerRow = 16
    /// Bytes of a field shown in the field tables (the rest is counted).
    package static let bytesPerField = 8

    /// The document for `inspection`.
    package static func document(_ inspection: MessageInspection) -> ReportDocument {
        let input = inspection.input
        var sections = [
            messageSection(inspection),
            recordSection(inspection),
            sizesSection(inspection),
            batchSection(inspection.anatomy.batch, id: "batch", title: "One-record batch (uncompressed)", limit: input.dumpLimit),
        ]
        if let compressed = inspection.compressedBatch {
            sections.append(compressedSection(compressed, inspection: inspection))
        }
        sections.append(partitionsSection(inspection))
        return ReportDocument(
            id: id,
            title: "Message anatomy",
            paragraphs: ["Key and value serialized as the Java serializers do, encoded as a RecordBatch v2 record and as a one-record batch; offsets count from the first byte of the record or batch, shares are of its size."],
            parameters: [
                ReportFact("topic", .text(input.topic)),
                ReportFact("timestamp", .text(timestampText(input.timestamp))),
                ReportFact("codec", .text(input.compression == .none ? "none" : CompressionSetting(input.compression, level: input.compressionLevel ?? CompressionLevels.of(input.compression).defaultLevel).label)),
                ReportFact("partitions", .integer(Int64(input.partitionCount))),
            ],
            sections: sections
        )
    }

    static func timestampText(_ milliseconds: Int64) -> String {
        "\(milliseconds) (\(UTCDate(unixMilliseconds: milliseconds)))"
    }

    static func messageSection(_ inspection: MessageInspection) -> ReportSection {
        let input = inspection.input, message = inspection.message
        func bytesText(_ bytes: [UInt8]?) -> String {
            guard let bytes else { return "null (length -1)" }
            return bytes.isEmpty ? "(empty, 0 bytes)" : "\(HexText.spaced(bytes, limit: 64)) (\(bytes.count) bytes)"
        }
        var facts = [
            ReportFact("key", .text(input.key == nil ? "null" : "\(input.keyType.display(input.key)) as \(input.keyType) (Java \(input.keyType.javaSerializer))")),
            ReportFact("key bytes", .text(bytesText(message.key))),
            ReportFact("value", .text(input.value == nil ? "null (a tombstone on compacted topics)" : "\(input.valueType.display(input.value)) as \(input.valueType) (Java \(input.valueType.javaSerializer))")),
            ReportFact("value bytes", .text(bytesText(message.value))),
        ]
        for (index, header) in message.headers.enumerated() {
            facts.append(ReportFact("header \(index)", .text("\(MessageValueType.string.display(header.key)) = \(header.value.map { "\(HexText.spaced($0, limit: 32)) (\($0.count) bytes)" } ?? "null")")))
        }
        return ReportSection(id: "message", title: "Message", facts: facts)
    }

    static func recordSection(_ inspection: MessageInspection) -> ReportSection {
        let anatomy = inspection.anatomy
        return ReportSection(
            id: "record", title: "Record (\(anatomy.recordSize) bytes)",
            paragraphs: ["A record inside a batch: length (varint), attributes, timestamp and offset deltas from the batch's base, then key, value and each header with zigzag-varint lengths (-1 = null)."],
            facts: [ReportFact("record bytes", .text(HexText.spaced(anatomy.recordBytes, limit: 64)))],
            tables: [
                fieldTable(id: "record-fields", title: "Record fields", fields: anatomy.recordFields, bytes: anatomy.recordBytes),
                dumpTable(id: "record-hex", title: "Record hex dump", bytes: anatomy.recordBytes, limit: inspection.input.dumpLimit),
            ]
        )
    }

    static func sizesSection(_ inspection: MessageInspection) -> ReportSection {
        let anatomy = inspection.anatomy
        var table = ReportTable(id: "sizes", title: "Where the bytes go", columns: [
            ReportColumn("part"),
            ReportColumn("bytes", format: .integer),
            ReportColumn("record_share", header: "of record", format: .percent(places: 1)),
            ReportColumn("batch_share", header: "of batch", format: .percent(places: 1)),
        ])
        let batchShares = anatomy.batch.shares
        for category in AnatomyField.Category.allCases {
            let inRecord = anatomy.recordShares.first { $0.category == category }
            let inBatch = batchShares.first { $0.category == category }
            guard let bytes = inBatch?.bytes ?? inRecord?.bytes else { continue }
            table.addRow([
                .text(category.description), ReportValue(bytes),
                inRecord.map { ReportValue($0.share) } ?? .missing, ReportValue(inBatch?.share ?? .nan),
            ])
        }
        table.addRow([.text("total"), ReportValue(anatomy.batchSize), ReportValue(anatomy.recordSize > 0 ? 1.0 : 0), 1.0])
        var facts = [
            ReportFact("record", .integer(Int64(anatomy.recordSize)), unit: "bytes"),
            ReportFact("one-record batch", .integer(Int64(anatomy.batchSize)), unit: "bytes"),
            ReportFact("batch overhead", .text("\(MessageAnatomy.batchOverhead) bytes of header, \(UnitText.percent(Double(MessageAnatomy.batchOverhead) / Double(anatomy.batchSize), places: 1)) of this batch; shared by every record of a fuller batch")),
        ]
        if let compressed = inspection.compressedBatch {
            facts.append(ReportFact("\(inspection.input.compression) batch", .text("\(compressed.size) bytes (ratio \(NumberText.fixed(Double(anatomy.batchSize) / Double(compressed.size), places: 2))×; a single small record rarely compresses)")))
        }
        return ReportSection(id: "sizes", title: "Sizes", facts: facts, tables: [table])
    }

    static func batchSection(_ batch: BatchAnatomy, id: String, title: String, limit: Int) -> ReportSection {
        ReportSection(
            id: id, title: "\(title), \(batch.size) bytes",
            facts: [ReportFact("CRC-32C", .text(batch.isCRCValid ? "\(batch.header.crc) (valid)" : "\(batch.header.crc) (invalid)"))],
            tables: [
                fieldTable(id: "\(id)-fields", title: "Batch fields", fields: batch.fields, bytes: batch.bytes),
                dumpTable(id: "\(id)-hex", title: "Batch hex dump", bytes: batch.bytes, limit: limit),
            ]
        )
    }

    static func compressedSection(_ batch: BatchAnatomy, inspection: MessageInspection) -> ReportSection {
        var section = batchSection(batch, id: "compressed-batch", title: "One-record batch (\(inspection.input.compression))", limit: inspection.input.dumpLimit)
        section.paragraphs = ["The records block (from byte 61) is compressed as one unit; the fields inside it are counted in the decompressed bytes."]
        let inner = inspection.anatomy.recordBytes
        section.tables.insert(fieldTable(id: "compressed-batch-records", title: "Records inside the compressed block", fields: batch.decompressedRecordFields, bytes: inner), at: 1)
        return section
    }

    static func partitionsSection(_ inspection: MessageInspection) -> ReportSection {
        let count = inspection.input.partitionCount
        var table = ReportTable(id: "partitions", title: "Partition under every client strategy (\(count) partitions)", columns: [
            ReportColumn("strategy"),
            ReportColumn("client"),
            ReportColumn("default"),
            ReportColumn("partition", format: .integer),
            ReportColumn("simulated", format: .integer),
            ReportColumn("rule"),
        ], notes: ["partition: exact, from the key bytes alone. simulated: strategies that do not hash this key choose by producer state (random, round-robin, sticky); shown is the first choice of a fresh producer seeded with \(inspection.input.seed) (--seed)."])
        for placement in inspection.placements {
            table.addRow([
                .text(placement.strategy), .text(placement.client), .text(placement.isClientDefault ? "yes" : ""),
                placement.partition.map { ReportValue($0) } ?? .missing,
                placement.simulatedPartition.map { ReportValue($0) } ?? .missing,
                .text(placement.rule),
            ])
        }
        var tables = [table]
        if !inspection.keyHashes.isEmpty {
            var hashes = ReportTable(id: "key-hashes", title: "The key under each hash rule", columns: [
                ReportColumn("formula"),
                ReportColumn("hash"),
                ReportColumn("dividend", format: .text, alignment: .right),
                ReportColumn("partition", format: .integer),
                ReportColumn("strategies"),
            ], notes: ["hash: the 32-bit hash of the key bytes (hex); dividend: the value taken modulo \(count)."])
            for evaluation in inspection.keyHashes {
                hashes.addRow([
                    .text(evaluation.formula), .text("0x" + Hex.word(evaluation.hash)),
                    ReportValue(evaluation.dividend), ReportValue(evaluation.partition),
                    .text(evaluation.strategies.joined(separator: ", ")),
                ])
            }
            tables.append(hashes)
        }
        let keyed = inspection.placements.compactMap(\.partition)
        var facts: [ReportFact] = []
        if let java = inspection.placements.first(where: { $0.strategy == "java" }) {
            facts.append(ReportFact("java (default partitioner)", java.partition.map { .integer(Int64($0)) } ?? .text("sticky — depends on producer state")))
        }
        if !keyed.isEmpty {
            facts.append(ReportFact("distinct partitions among key-hashing strategies", .integer(Int64(Set(keyed).count))))
        }
        return ReportSection(id: "partitions", title: "Partitions", facts: facts, tables: tables)
    }

    /// One row per field: offset, length, the bytes (first 8 in hex), label, decoded value, share.
    static func fieldTable(id: String, title: String, fields: [AnatomyField], bytes: [UInt8]) -> ReportTable {
        var table = ReportTable(id: id, title: title, columns: [
            ReportColumn("offset", format: .integer),
            ReportColumn("length", format: .integer),
            ReportColumn("bytes"),
            ReportColumn("field"),
            ReportColumn("value"),
            ReportColumn("share", format: .percent(places: 1)),
        ])
        for field in fields {
            let range = field.range.clamped(to: 0..<bytes.count)
            table.addRow([
                ReportValue(field.offset), ReportValue(field.length),
                .text(HexText.spaced(bytes[range], limit: bytesPerField)),
                .text(field.label), .text(field.value), ReportValue(field.share),
            ])
        }
        return table
    }

    /// A classic hex dump: offset, 16 bytes in hex, the same bytes as ASCII.
    static func dumpTable(id: String, title: String, bytes: [UInt8], limit: Int) -> ReportTable {
        let shown = limit > 0 ? Swift.min(limit, bytes.count) : bytes.count
        var notes: [String] = []
        if shown < bytes.count { notes.append("… \(bytes.count - shown) more bytes (raise --dump-limit, or 0 for no limit)") }
        var table = ReportTable(id: id, title: title, columns: [
            ReportColumn("offset", format: .integer),
            ReportColumn("hex"),
            ReportColumn("text"),
        ], notes: notes)
        for start in stride(from: 0, to: shown, by: bytesPerRow) {
            let row = bytes[start..<Swift.min(start + bytesPerRow, shown)]
            table.addRow([ReportValue(start), .text(HexText.spaced(row)), .text(HexText.ascii(row))])
        }
        return table
    }
}
