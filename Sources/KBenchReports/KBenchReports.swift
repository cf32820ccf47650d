// KBenchReports — everything that turns measurements into reports, independent of Kafka: it
// depends on KBenchTerminal only (the engines that measure live in KBenchStudies; callers pass
// the librdkafka version in).
//
// Model (Model/): a `ReportDocument` has parameters (`ReportFact`s) and `ReportSection`s;
// a section has paragraphs, facts, `ReportTable`s (typed `ReportValue` cells, columns with a
// `ValueFormat`) and `Chart`s (`BarChart` small multiples, `XYChart` scatter/line). Every
// output is rendered from the model, so all formats show the same numbers.
//
// Rendering (Rendering/, Charts/): `ReportFormat` (`table|json|csv|markdown`) dispatches to
// `PlainTextRenderer`, `JSONReportRenderer`, `CSVRenderer`, `MarkdownRenderer`;
// `SVGChartRenderer` draws charts; `HTMLRenderer` builds `index.html`.
//
// Output (Results/, Machine/): `ResultsWriter` writes a results directory for a list of
// `ResultsReport`s plus `MachineInfo.current(kbenchVersion:librdkafkaVersion:)`.
//
// Progress (Progress/): `ProgressReporter` draws a throttled bar on stderr only on a TTY.
// Formatting (Formatting/): `NumberText`, `UnitText`, `SampleSummary`, `DisplayWidth.padded`
// (column widths themselves: `DisplayWidth` in KBenchTerminal).
//
// Typical use in a command:
//
//     var table = ReportTable(id: "codecs", title: "Codecs", columns: [
//         ReportColumn("codec"),
//         ReportColumn("ratio", unit: "×", format: .decimal(places: 2)),
//         ReportColumn("compress", format: .rate(unit: "B")),
//     ])
//     table.addRow([.text("zstd -3"), .number(ratio), .number(bytesPerSecond)])
//     let document = ReportDocument(id: "compress", title: "Compression", sections: [
//         ReportSection(id: "codecs", title: "Codecs", tables: [table]),
//     ])
//     print(try format.render(document), terminator: "")
//
//     try ResultsWriter(directory: URL(filePath: "results"))
//         .write([ResultsReport(name: "compress", document: document)],
//                machine: .current(kbenchVersion: KBenchVersion.current, librdkafkaVersion: version))
