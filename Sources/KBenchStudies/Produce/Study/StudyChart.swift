import KBenchReports

/// The chart of a study: p99 latency (log scale) against achieved throughput — or, for a
/// sweep whose combinations all achieved the same rate, against CPU per record — drawn by the
/// report charts' ``SVGChartRenderer``.
enum StudyChart {
    /// Rate steps: a line per latency (response, service, end-to-end p99) through the steps;
    /// sweep: a scatter of the combinations' p99, labelled. `highlighted` points (the knee, the
    /// Pareto front, the recommendation) are marked: ringed, or joined by the front's line.
    ///
    /// At a fixed offered rate every combination that keeps up achieves it: a throughput axis
    /// would stack them all on one vertical line, so the sweep's x axis is then CPU µs per
    /// record, the front's third objective (the rate is named in the title).
    static func chart(_ kind: ProduceStudyKind, figures: [StudyFigures],
                      highlighted: [(name: String, kind: ChartHighlight.Kind, indices: [Int])]) -> Chart {
        let sweep = kind == .sweep
        let rates = figures.map(\.achievedRecordsPerSecond)
        let oneRate = sweep && (rates.min() ?? 0) >= (rates.max() ?? 0) * ParetoFront.rateTolerance
        let short = shortLabels(figures.map(\.label))
        func point(_ figure: StudyFigures, _ milliseconds: Double?, label: String?) -> ChartPoint? {
            let x = oneRate ? figure.cpuMicrosecondsPerRecord : figure.achievedRecordsPerSecond
            return milliseconds.map { ChartPoint(x: x, y: $0, label: label) }
        }
        var series: [ChartSeries] = []
        let curves: [(String, (StudyFigures) -> Double?)] = sweep
            ? [("p99 per combination", { $0.latency.p99Milliseconds })]
            : [("response p99", { $0.response?.p99Milliseconds }), ("service p99", { $0.service.p99Milliseconds }),
               ("end-to-end p99", { $0.endToEnd?.p99Milliseconds })]
        for (name, value) in curves {
            let points = figures.indices.compactMap { point(figures[$0], value(figures[$0]), label: sweep ? short.labels[$0] : nil) }
            if !points.isEmpty { series.append(ChartSeries(name: name, points: points)) }
        }
        let highlights = highlighted.filter { !$0.indices.isEmpty }.map { name, kind, indices in
            ChartHighlight(name: name, kind: kind, points: indices.compactMap { point(figures[$0], figures[$0].latency.p99Milliseconds, label: figures[$0].label) })
        }
        let rateText = NumberText.grouped(Int64((rates.max() ?? 0).rounded()))
        return .xy(XYChart(
            id: sweep ? "p99" : "latency-vs-throughput",
            title: !sweep ? "Latency against throughput"
                : oneRate ? "Settings sweep: p99 against CPU per record, every combination at \(rateText) records/s"
                : "Settings sweep: p99 against throughput",
            subtitle: clientSubtitle + (sweep ? short.legend.map { "; points labelled \($0)" } ?? "" : ""),
            style: sweep ? .scatter : .line,
            // Steps span decades (10k … max): a log axis keeps the low steps apart.
            xAxis: !sweep ? ChartAxis(label: "achieved records/s", scale: .log10, startsAtZero: false)
                : oneRate ? ChartAxis(label: "CPU µs per record (whole process)")
                : ChartAxis(label: "achieved records/s"),
            yAxis: ChartAxis(label: "p99 latency (ms)", scale: .log10, startsAtZero: false),
            series: series, highlights: highlights))
    }

    /// Sweep labels without the option names when every label sets the same options in the
    /// same order (`linger-ms=20 compression=zstd` → `20 · zstd`), and the names for the
    /// subtitle (`linger-ms · compression`); the labels unchanged otherwise.
    static func shortLabels(_ labels: [String]) -> (labels: [String], legend: String?) {
        let pairs = labels.map { $0.split(separator: " ").map { $0.split(separator: "=", maxSplits: 1) } }
        guard let names = pairs.first?.map({ $0.first.map(String.init) ?? "" }), !names.isEmpty,
              pairs.allSatisfy({ $0.allSatisfy { $0.count == 2 } && $0.map { String($0[0]) } == names })
        else { return (labels, nil) }
        return (pairs.map { $0.map { String($0[1]) }.joined(separator: " · ") }, names.joined(separator: " · "))
    }

    /// Under every study chart.
    static let clientSubtitle = "client side only (on the embedded cluster: librdkafka's mock cluster, not Kafka)"
}
