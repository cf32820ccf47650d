import Foundation
@testable import KBenchReports

/// Small, fully known report models shared by the renderer tests.
enum Fixtures {
    /// A codec table exercising every numeric format, a missing value and a note.
    static func codecTable() -> ReportTable {
        var table = ReportTable(id: "codecs", title: "Codecs on JSON events", columns: [
            ReportColumn("codec"),
            ReportColumn("level", format: .integer),
            ReportColumn("ratio", unit: "×", format: .decimal(places: 2)),
            ReportColumn("compress", format: .rate(unit: "B")),
            ReportColumn("batch", header: "batch size", format: .bytes),
            ReportColumn("share", format: .percent(places: 1)),
        ], notes: ["ratio includes batch framing"])
        table.addRow(["zstd", 3, 4.123, 412.5e6, 16384, 0.5])
        table.addRow(["lz4", 1, 2.5, 1.2e9, 1_048_576, 0.25])
        table.addRow(["none", nil, 1, 3.4e9, 16384, 0.25])
        return table
    }

    /// A table whose text needs quoting or escaping in every format.
    static func awkwardTable() -> ReportTable {
        var table = ReportTable(id: "awkward", title: "Keys | odd", columns: [
            ReportColumn("key"),
            ReportColumn("count", format: .integer),
        ])
        table.addRow(["a,b", 1])
        table.addRow(["say \"hi\"", 22])
        table.addRow(["line1\nline2", 333])
        table.addRow(["pipe|cell", 4444])
        table.addRow(["<b>&amp;</b>", 5])
        return table
    }

    static func partitionChart(partitions: Int = 12, strategies: [String] = ["java", "librdkafka"]) -> BarChart {
        let panels = strategies.enumerated().map { index, name in
            BarPanel(title: name, values: (0..<partitions).map { Double(100 + ($0 * 7 + index * 3) % 11) },
                     highlighted: [index])
        }
        return BarChart(id: "partitions", title: "Keys per partition", categoryLabel: "partition",
                        valueLabel: "keys", seriesName: "keys per partition", highlightName: "hottest", panels: panels)
    }

    static func scatterChart() -> XYChart {
        XYChart(id: "ratio-vs-speed", title: "Ratio vs throughput <codecs & levels>", style: .scatter,
                xAxis: ChartAxis(label: "ratio (×)", format: .multiplier, startsAtZero: false),
                yAxis: ChartAxis(label: "compress (MB/s)", scale: .log10),
                series: [
                    ChartSeries(name: "zstd", points: [
                        ChartPoint(x: 4.1, y: 410, label: "zstd -3"),
                        ChartPoint(x: 4.9, y: 55, label: "zstd -19"),
                    ]),
                    ChartSeries(name: "lz4", points: [ChartPoint(x: 2.5, y: 1200, label: "lz4 -1")]),
                    ChartSeries(name: "gzip", points: [
                        ChartPoint(x: 3.9, y: 90, label: "gzip -6"),
                        ChartPoint(x: 3.0, y: 0, label: "not on a log axis"),
                    ]),
                ])
    }

    static func lineChart() -> XYChart {
        let sizes = (3...16).map { Double(1 << $0) }
        return XYChart(id: "throughput", title: "Throughput vs key size", style: .line,
                       xAxis: ChartAxis(label: "key size", scale: .log2, format: .bytes),
                       yAxis: ChartAxis(label: "GB/s"),
                       series: [
                           ChartSeries(name: "kbench murmur2", points: sizes.map { ChartPoint(x: $0, y: 3 * $0 / ($0 + 32)) }),
                           ChartSeries(name: "librdkafka", points: sizes.map { ChartPoint(x: $0, y: 2 * $0 / ($0 + 32)) }),
                       ])
    }

    /// A document with parameters, facts, two tables and one chart of each kind.
    static func document() -> ReportDocument {
        ReportDocument(
            id: "compress", title: "Compression",
            paragraphs: ["Codecs compared on real batches."],
            parameters: [ReportFact("seed", 42), ReportFact("batch size", .number(16384), format: .bytes)],
            sections: [
                ReportSection(id: "codecs", title: "Codecs",
                              facts: [ReportFact("best for ratio", "zstd -3"), ReportFact("max÷mean", 1.0061, unit: "×")],
                              tables: [codecTable()],
                              charts: [.xy(scatterChart())]),
                ReportSection(id: "keys", title: "Keys", tables: [awkwardTable()],
                              charts: [.bars(partitionChart()), .xy(lineChart())]),
            ])
    }
}
