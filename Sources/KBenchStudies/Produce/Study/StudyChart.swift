import KBenchReports

/// The chart of a study: p99 latency (log scale) against achieved throughput — or, for a
/// sweep whose combinations all achieved the same rate, against CPU per record — drawn by the
/// report charts' ``SVGChartRenderer``.
enum StudyChart {
    /// Rate steps: a line per latency (response, service, end-to-end p99) through the steps;
    /// sweep: a scatter of the combinations' p99, labelled. `highlighted` points (the knee, the
    /// Pareto front, the recommendation) are drawn again as series of their own.
    ///
    /// At a fixed offered rate every combination that keeps up achieves it: a throughput axis
    /// would stack them all on one vertical line, so the sweep's x axis is then CPU µs per
    /// record, the front's third objective (the rate is named in the title).
    static func chart(_ kind: ProduceStudyKind, figures: [StudyFigures], highlighted: [(name: String, indices: [Int])]) -> Chart {
        let sweep = kind == .sweep
        let rates = figures.map(\.achievedRecordsPerSecond)
        let oneRate = sweep && (rates.min() ?? 0) >= (rates.max() ?? 0) * ParetoFront.rateTolerance
        func point(_ figure: StudyFigures, _ milliseconds: Double?, labelled: Bool) -> ChartPoint? {
            let x = oneRate ? figure.cpuMicrosecondsPerRecord : figure.achievedRecordsPerSecond
            return milliseconds.map { ChartPoint(x: x, y: $0, label: labelled ? figure.label : nil) }
        }
        var series: [ChartSeries] = []
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
        let rateText = NumberText.grouped(Int64((rates.max() ?? 0).rounded()))
        return .xy(XYChart(
            id: sweep ? "p99" : "latency-vs-throughput",
            title: !sweep ? "Latency against throughput"
                : oneRate ? "Settings sweep: p99 against CPU per record, every combination at \(rateText) records/s"
                : "Settings sweep: p99 against throughput",
            subtitle: clientSubtitle,
            style: sweep ? .scatter : .line,
            // Steps span decades (10k … max): a log axis keeps the low steps apart.
            xAxis: !sweep ? ChartAxis(label: "achieved records/s", scale: .log10, startsAtZero: false)
                : oneRate ? ChartAxis(label: "CPU µs per record (whole process)")
                : ChartAxis(label: "achieved records/s"),
            yAxis: ChartAxis(label: "p99 latency (ms)", scale: .log10, startsAtZero: false),
            series: series))
    }

    /// Under every study chart.
    static let clientSubtitle = "client side only (on the embedded cluster: librdkafka's mock cluster, not Kafka)"
}
