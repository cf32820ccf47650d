import KBenchReports

/// What a study varied: the offered rate (`--throughput 10k,50k,max`) or producer settings
/// (`--sweep`).
package enum ProduceStudyKind: String, Sendable, Hashable {
    /// Rate steps: a latency-vs-throughput curve and its knee.
    case steps
    /// A settings sweep: the Pareto front and a recommendation.
    case sweep
}

/// The report of a ``ProduceStudy``: one row per point, the knee (steps) or the Pareto front
/// and the recommendation (sweep), and a chart of latency against throughput.
package enum ProduceStudyReport {
    /// Said at the top of every study report.
    package static let clientSideNote = "figures are the client side of each run: on the embedded cluster, librdkafka's mock "
        + "cluster in this process (no network, no disk, not a Kafka broker), so they rank client settings, not a cluster"
    /// What the latency columns mean.
    static let latencyNote = "p99 for the knee, the front and the recommendation = response time (intended send time → delivery "
        + "report) at a fixed rate, service time (enqueue → delivery report) at max, which has no schedule; every run of a row "
        + "is merged (histograms added, percentiles read from the sum)"
    /// What the CPU column includes.
    static let cpuNote = "CPU = user + system time of the whole kbench process during the runs (getrusage): the sending thread, "
        + "librdkafka's threads, the --end-to-end consumers and, on the embedded cluster, the mock brokers' threads"

    /// The study as a report document (`id` `produce-steps` or `produce-sweep`).
    package static func document(
        _ kind: ProduceStudyKind, figures: [StudyFigures], rounds: Int, targetMilliseconds: Double?, parameters: [ReportFact]
    ) -> ReportDocument {
        var marks = Array(repeating: "", count: figures.count)
        var paragraphs = [clientSideNote]
        var facts: [ReportFact] = []
        var highlighted: [(name: String, kind: ChartHighlight.Kind, indices: [Int])] = []
        let finding: ReportFinding
        switch kind {
        case .steps:
            let knee = LatencyKnee(
                points: figures.map { ($0.achievedRecordsPerSecond, $0.latency.p99Milliseconds, !$0.saturated) },
                targetMilliseconds: targetMilliseconds)
            paragraphs.append(kneeLine(knee, figures: figures))
            finding = ReportFinding(topic: "knee of the latency curve", text: kneeFinding(knee, figures: figures), section: kind.rawValue)
            facts += [
                ReportFact("latency threshold (ms)", .number(knee.thresholdMilliseconds), format: .decimal(places: 3)),
                ReportFact("threshold from", .text(knee.thresholdSource)),
                ReportFact("knee", ReportValue(knee.index.map { figures[$0].label })),
                ReportFact("knee achieved records/s", knee.index.map { .number(figures[$0].achievedRecordsPerSecond) } ?? .missing, format: .decimal(places: 1)),
                ReportFact("knee p99 (ms)", knee.index.map { .number(figures[$0].latency.p99Milliseconds) } ?? .missing, format: .decimal(places: 3)),
            ]
            if let index = knee.index {
                marks[index] = "knee"
                highlighted.append(("knee", .ring, [index]))
            }
        case .sweep:
            let points = figures.map { ($0.achievedRecordsPerSecond, $0.latency.p99Milliseconds, $0.cpuMicrosecondsPerRecord) }
            let front = ParetoFront.indices(of: points)
            let recommendation = SweepRecommendation(points: points, targetMilliseconds: targetMilliseconds)
            paragraphs.append(recommendationLine(recommendation, figures: figures))
            finding = ReportFinding(topic: "recommended settings", text: recommendationFinding(recommendation, figures: figures), section: kind.rawValue)
            for index in front { marks[index] = "front" }
            if let index = recommendation.index { marks[index] += marks[index].isEmpty ? "recommended" : ", recommended" }
            facts += [
                ReportFact("latency threshold (ms)", .number(recommendation.thresholdMilliseconds), format: .decimal(places: 3)),
                ReportFact("threshold from", .text(recommendation.thresholdSource)),
                ReportFact("recommended", ReportValue(recommendation.index.map { figures[$0].label })),
                ReportFact("Pareto front", .text(front.map { figures[$0].label }.joined(separator: "; "))),
            ]
            highlighted.append(("Pareto front", .front, front))
            if let index = recommendation.index { highlighted.append(("recommended", .ring, [index])) }
        }
        if rounds > 1 {
            paragraphs.append("\(rounds) rounds in interleaved order (\(figures.map(\.label).joined(separator: ", ")), then again), each row the \(rounds) runs merged")
        }
        let chart = StudyChart.chart(kind, figures: figures, highlighted: highlighted)
        let section = ReportSection(
            id: kind.rawValue, title: kind == .steps ? "Latency against throughput" : "Settings sweep",
            paragraphs: paragraphs, facts: facts, tables: [table(kind, figures: figures, marks: marks)], charts: [chart])
        var sections = [section]
        let notes = figures.flatMap { point in point.notes.map { "\(point.label): \($0)" } }
        if !notes.isEmpty { sections.append(ReportSection(id: "notes", title: "Notes", paragraphs: notes)) }
        return ReportDocument(
            id: "produce-\(kind.rawValue)",
            title: kind == .steps ? "kbench produce: rate steps" : "kbench produce: settings sweep",
            parameters: parameters, findings: [finding], sections: sections)
    }

    /// `100,000 records/s: achieved 99,987 records/s, p99 1.90 ms ≤ 2.40 ms`, or why there is none.
    static func kneeFinding(_ knee: LatencyKnee, figures: [StudyFigures]) -> String {
        guard let index = knee.index else {
            return "none: no step that kept up had p99 ≤ \(LatencyKnee.milliseconds(knee.thresholdMilliseconds))"
        }
        let point = figures[index]
        return "\(readableStep(point.label)): achieved \(NumberRule.count(point.achievedRecordsPerSecond)) records/s, "
            + "p99 \(LatencyKnee.milliseconds(point.latency.p99Milliseconds)) ≤ \(LatencyKnee.milliseconds(knee.thresholdMilliseconds))"
    }

    /// A rate step's label for people: `1000000 records/s` (the label rows, files and
    /// `kbench merge` match on) as `1,000,000 records/s` by ``NumberRule``; any other label
    /// (`max`, a sweep combination) as it is.
    static func readableStep(_ label: String) -> String {
        let unit = " records/s"
        guard label.hasSuffix(unit), let rate = Int(label.dropLast(unit.count)) else { return label }
        return NumberRule.count(rate) + unit
    }

    /// `linger-ms=5 compression=lz4: 50,000 records/s, p99 2.10 ms ≤ 2.40 ms, 3.20 µs CPU per record`, or why there is none.
    static func recommendationFinding(_ recommendation: SweepRecommendation, figures: [StudyFigures]) -> String {
        guard let index = recommendation.index else {
            return "none: no combination kept p99 ≤ \(LatencyKnee.milliseconds(recommendation.thresholdMilliseconds))"
        }
        let point = figures[index]
        return "\(point.label): \(NumberRule.count(point.achievedRecordsPerSecond)) records/s, "
            + "p99 \(LatencyKnee.milliseconds(point.latency.p99Milliseconds)) ≤ \(LatencyKnee.milliseconds(recommendation.thresholdMilliseconds)), "
            + "\(NumberRule.quantity(point.cpuMicrosecondsPerRecord)) µs CPU per record"
    }

    /// `knee: 100,000 records/s: achieved 99,987 records/s, p99 1.90 ms ≤ 2.40 ms (2 × the lowest-load p99 (1.20 ms)): …`:
    /// the finding with where its threshold comes from and what the knee means.
    static func kneeLine(_ knee: LatencyKnee, figures: [StudyFigures]) -> String {
        "knee: \(kneeFinding(knee, figures: figures)) (\(knee.thresholdSource))"
            + (knee.index == nil ? "" : ": the highest achieved rate that kept up with its offered rate and kept p99 under the threshold")
    }

    /// `recommended: linger-ms=5 compression=lz4: …`: the finding with where its threshold
    /// comes from and how it was chosen.
    static func recommendationLine(_ recommendation: SweepRecommendation, figures: [StudyFigures]) -> String {
        var line = "recommended: \(recommendationFinding(recommendation, figures: figures)) (\(recommendation.thresholdSource))"
        guard recommendation.index != nil else {
            let lowest = figures.indices.min { figures[$0].latency.p99Milliseconds < figures[$1].latency.p99Milliseconds }
            return line + (lowest.map { "; the lowest p99 is \(figures[$0].label)'s" } ?? "")
        }
        line += ": the most throughput within the latency threshold"
        if recommendation.tied.count > 1 {
            line += "; \(recommendation.tied.count) combinations within \(Int(((1 - SweepRecommendation.tieShare) * 100).rounded())) % of that rate, the least CPU per record chosen"
        }
        return line
    }

    /// One row per point.
    static func table(_ kind: ProduceStudyKind, figures: [StudyFigures], marks: [String]) -> ReportTable {
        let hasEndToEnd = figures.contains { $0.endToEnd != nil }
        let hasWire = figures.contains { $0.wireBytes != nil }
        var columns = [
            ReportColumn(kind == .steps ? "step" : "combination"),
            ReportColumn("offered_per_second", header: "offered records/s", format: .integer),
            ReportColumn("achieved_per_second", header: "achieved records/s", format: .decimal(places: 1)),
            ReportColumn("achieved_spread", header: "achieved min–max"),
            ReportColumn("megabytes_per_second", header: "MB/s", format: .decimal(places: 2)),
        ]
        let latencyGroups = [("response", "response"), ("service", "service")] + (hasEndToEnd ? [("e2e", "end-to-end")] : [])
        for (id, name) in latencyGroups {
            for (label, suffix) in [("p50", "p50"), ("p99", "p99"), ("p99.9", "p999")] {
                columns.append(ReportColumn("\(id)_\(suffix)_ms", header: "\(name) \(label) (ms)", format: .decimal(places: 3)))
            }
        }
        columns.append(ReportColumn("p99_spread", header: "p99 min–max (ms)"))
        if hasWire {
            columns += [ReportColumn("wire_bytes", header: "wire bytes", format: .integer), ReportColumn("wire_ratio", header: "ratio", format: .decimal(places: 3))]
        }
        columns += [
            ReportColumn("cpu_seconds", header: "CPU (s)", format: .decimal(places: 2)),
            ReportColumn("cpu_per_record_us", header: "CPU µs/record", format: .decimal(places: 2)),
            ReportColumn("saturated"),
            ReportColumn("mark"),
        ]
        var table = ReportTable(id: kind.rawValue, title: kind == .steps ? "Rate steps" : "Combinations", columns: columns, notes: [
            latencyNote, cpuNote, "achieved and p99 min–max: the lowest and highest of the single runs (--repeat)",
        ] + (hasWire ? ["wire bytes = record batches as sent after compression (librdkafka statistics); ratio = key+value bytes ÷ wire bytes"] : []))
        table.comparison = comparison(kind, figures: figures)
        for (point, mark) in zip(figures, marks) {
            var row: [ReportValue] = [
                .text(point.label), point.offeredRecordsPerSecond.map { .integer(Int64($0)) } ?? .missing,
                .number(point.achievedRecordsPerSecond), .text(spread(point.rateSpread, places: 1)), .number(point.megabytesPerSecond),
            ]
            for percentiles in [point.response, point.service] + (hasEndToEnd ? [point.endToEnd] : []) {
                row += [percentiles?.p50Milliseconds, percentiles?.p99Milliseconds, percentiles?.p999Milliseconds].map { $0.map(ReportValue.number) ?? .missing }
            }
            row.append(.text(spread(point.p99Spread, places: 3)))
            if hasWire {
                row += [point.wireBytes.map { .integer(Int64($0)) } ?? .missing, point.wireRatio.map(ReportValue.number) ?? .missing]
            }
            row += [.number(point.cpuSeconds), .number(point.cpuMicrosecondsPerRecord), .text(point.saturated ? "SATURATED" : "no"), .text(mark)]
            table.addRow(row)
        }
        return table
    }

    /// What `kbench report --baseline` compares: the achieved rate and the p99 the knee uses
    /// (response time at a fixed rate, service time at max), each with the lowest and highest
    /// of the row's runs as its spread; nothing here is deterministic.
    static func comparison(_ kind: ProduceStudyKind, figures: [StudyFigures]) -> ReportTableComparison {
        func spread(_ range: ClosedRange<Double>, _ point: StudyFigures) -> ReportSpread {
            ReportSpread(low: range.lowerBound, high: range.upperBound, samples: point.runs)
        }
        return ReportTableComparison(keyColumns: [kind == .steps ? "step" : "combination"], timed: [
            "achieved_per_second": ReportTimedColumn(lowerIsFaster: false, spreads: figures.map { spread($0.rateSpread, $0) }),
            "response_p99_ms": ReportTimedColumn(lowerIsFaster: true, spreads: figures.map { $0.response == nil ? nil : spread($0.p99Spread, $0) }),
            "service_p99_ms": ReportTimedColumn(lowerIsFaster: true, spreads: figures.map { $0.response == nil ? spread($0.p99Spread, $0) : nil }),
        ])
    }

    /// `1.204–1.398`.
    static func spread(_ range: ClosedRange<Double>, places: Int) -> String {
        "\(NumberText.fixed(range.lowerBound, places: places))–\(NumberText.fixed(range.upperBound, places: places))"
    }
}
