import KafkaLive
import KBenchReports

extension ProduceReport {
    /// One line on the wire figures: `on the wire: 1.2 MiB in 71 batches (41.0 records/batch,
    /// 167.3 B/record), ratio 2.31 (key+value ÷ wire); the study predicts 2.29 (+0.9 %)`.
    package static func wireLine(_ wire: ProduceWire) -> String {
        let totals = wire.totals
        var line = "on the wire: \(UnitText.bytes(Double(totals.batchBytes))) in \(NumberText.grouped(Int64(totals.batches))) batches "
            + "(\(NumberText.fixed(totals.recordsPerBatch, places: 1)) records/batch, \(NumberText.fixed(totals.bytesPerRecord, places: 1)) B/record), "
            + "ratio \(NumberText.fixed(wire.ratio, places: 3)) (key+value ÷ wire)"
        if let prediction = wire.prediction, let difference = wire.ratioDifference {
            line += "; kbench compress --client librdkafka predicts \(NumberText.fixed(prediction.ratio, places: 3)) "
                + "(\(difference >= 0 ? "+" : "")\(NumberText.fixed(difference * 100, places: 2)) %) for \(prediction.setting) at batch.size \(NumberText.grouped(Int64(prediction.batchSize)))"
        } else {
            line += "; no prediction (the keys cannot be read again, or the study failed)"
        }
        return line
    }

    /// The section on the bytes on the wire (`id` `wire`): librdkafka's totals and, per source,
    /// records per batch, bytes per record and ratio.
    static func wireSection(_ wire: ProduceWire) -> ReportSection {
        let totals = wire.totals
        var table = ReportTable(id: "wire-vs-prediction", title: "On the wire against the compression study", columns: [
            ReportColumn("source"), ReportColumn("setting"),
            ReportColumn("batches", format: .integer), ReportColumn("records", format: .integer),
            ReportColumn("records/batch", format: .decimal(places: 1)), ReportColumn("wire B/record", format: .decimal(places: 1)),
            ReportColumn("ratio", format: .decimal(places: 3)),
        ], notes: ["ratio = key and value bytes ÷ batch bytes on the wire (61-byte headers and codec framing included)"])
        table.addRow([
            .text("librdkafka statistics"), wire.prediction.map { .text($0.setting.label) } ?? .missing,
            .integer(Int64(totals.batches)), .integer(Int64(totals.batchRecords)),
            .number(totals.recordsPerBatch), .number(totals.bytesPerRecord), .number(wire.ratio),
        ])
        if let prediction = wire.prediction {
            table.addRow([
                .text("study prediction (first \(NumberText.grouped(Int64(prediction.records))) messages)"), .text(prediction.setting.label),
                .integer(Int64(prediction.batches)), .integer(Int64(prediction.records)),
                .number(prediction.recordsPerBatch), .number(prediction.bytesPerRecord), .number(prediction.ratio),
            ])
        }
        return ReportSection(
            id: "wire", title: "Bytes on the wire (librdkafka statistics)",
            paragraphs: [wireLine(wire)] + wire.notes,
            facts: [
                ReportFact("batch bytes", .integer(Int64(totals.batchBytes)), format: .integer, unit: "bytes"),
                ReportFact("batches", .integer(Int64(totals.batches))),
                ReportFact("records in batches", .integer(Int64(totals.batchRecords))),
                ReportFact("key+value bytes", .integer(Int64(totals.transmittedRecordBytes)), format: .integer, unit: "bytes"),
                ReportFact("request bytes (all requests)", .integer(Int64(totals.requestBytes)), format: .integer, unit: "bytes"),
                ReportFact("ratio (key+value ÷ wire)", .number(wire.ratio), format: .decimal(places: 3)),
                ReportFact("predicted ratio", wire.prediction.map { .number($0.ratio) } ?? .missing, format: .decimal(places: 3)),
                ReportFact("ratio vs prediction", wire.ratioDifference.map { .number($0) } ?? .missing, format: .percent(places: 2)),
                ReportFact("statistics emissions", .integer(Int64(totals.emissions))),
            ],
            tables: [table])
    }
}
