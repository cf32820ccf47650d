import KBenchReports

/// The chart of a study: p99 latency (log scale) against achieved throughput, drawn by the
/// report charts' ``SVGChartRenderer``.
enum StudyChart {
    /// Rate steps: a line per latency (response, service, end-to-end p99) through the steps;
    /// sweep: a scatter of the combinations' p99. `highlighted` points (the knee, the Pareto
    /// front, the recommendation) are drawn again as series of their own.
    static func chart(_ kind: ProduceStudyKind, figures: [StudyFigures], highlighted: [(name: String, indices: [Int])]) -> Chart {
        func point(_ figure: StudyFigures, _ milliseconds: Double?, labelled: Bool) -> ChartPoint? {
            milliseconds.map { ChartPoint(x: figure.achievedRecordsPerSecond, y: $0, label: labelled ? figure.label : nil) }
        }
        var series: [ChartSeries] = []
        let sweep = kind == .sweep
        let curves: [(String, (StudyFigures) -> Double?)] = sweep
            ? [("p99 per combination", { $0.latency.p99Milliseconds })]
            : [("response p99", { $0.response?.p99Milliseconds }), ("service p99", { $0.service.p99Milliseconds }),
               ("end-to-end p99", { $0.endToEnd?.p99Milliseconds })]
        for (name, value) in curves {
            let points = figures.compactMap { point($0, value($0), labelled: sweep) }
            if !points.isEmpty { series.append(ChartSeries(name: name, points: points)) }
        }
        for (name, indices) in highlighted where !indices.isEmpty {
            series.append(ChartSeries(name: name, points: indices.compactMap { point(figures[$0], figures[$0].latency.p99Milliseconds, labelled: !sweep) }))
        }
        return .xy(XYChart(
            id: sweep ? "p99-vs-throughput" : "latency-vs-throughput",
            title: sweep ? "Settings sweep: p99 against throughput" : "Latency against throughput",
            subtitle: clientSubtitle,
            style: sweep ? .scatter : .line,
            // Steps span decades (10k … max): a log axis keeps the low steps apart.
            xAxis: sweep ? ChartAxis(label: "achieved records/s") : ChartAxis(label: "achieved records/s", scale: .log10, startsAtZero: false),
            yAxis: ChartAxis(label: "p99 latency (ms)", scale: .log10, startsAtZero: false),
            series: series))
    }

    /// Under every study chart.
    static let clientSubtitle = "client side only (on the embedded cluster: librdkafka's mock cluster, not Kafka)"
}
