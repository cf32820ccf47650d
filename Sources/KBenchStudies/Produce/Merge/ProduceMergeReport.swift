import KBenchReports

/// The report of `kbench merge` (`id` `merge`): combined counts and rates, latency
/// percentiles read from the merged histograms, and one line per machine's run.
package enum ProduceMergeReport {
    /// How the combined figures are computed, for the report and `--help`.
    package static let semantics = [
        "Counts are summed; latency percentiles are read from the runs' HdrHistograms added together (never averaged)",
        "Records/s = every delivered message ÷ the merged window (earliest start → latest end, UTC wall clock); "
            + "summed records/s = the runs' own rates (each delivered ÷ its own window) added, given only when every run's window overlaps the others",
    ]

    /// The note of runs whose windows do not all overlap (producer or consumer runs).
    static let apartNote = "the runs' windows do not all overlap: they did not run together, so no summed rate is given; "
        + "records/s counts the gaps between them"

    /// The merged run as a report document.
    package static func document(_ run: ProduceRun) -> ReportDocument {
        let settings = run.settings
        let parameters = [ReportFact("runs", .integer(Int64(run.parts.count)))] + settingsFacts(settings, throughput: true)
        return ReportDocument(
            id: "merge", title: "kbench merge: \(settings.topic), \(run.parts.count) runs",
            parameters: parameters,
            sections: [summarySection(run), latencySection(run.histograms), inputsSection(run.parts)]
                + notesSection(run))
    }

    /// The settings every merged run shares, as report parameters: topic, partitions,
    /// partitioner, keys, values, limit, (with `throughput`) the offered rate, producers,
    /// end-to-end, librdkafka properties and cluster.
    package static func settingsFacts(_ settings: ProduceRunSettings, throughput: Bool) -> [ReportFact] {
        var parameters = [
            ReportFact("topic", .text(settings.topic)),
            ReportFact("partitions", .integer(Int64(settings.partitions))),
            ReportFact("partitioner", .text(settings.partitioner)),
            ReportFact("keys", .text(settings.keys)),
            ReportFact("values", .text(settings.values)),
            ReportFact("limit per run", .text(settings.limit)),
        ]
        if throughput {
            parameters.append(ReportFact("throughput per run", .text(settings.offeredRecordsPerSecond.map { "\($0) records/s offered" } ?? "max")))
        }
        if settings.producers > 1 { parameters.append(ReportFact("producers per run", .integer(Int64(settings.producers)))) }
        if settings.endToEnd { parameters.append(ReportFact("end-to-end", .text("on"))) }
        if let backlog = settings.backlogBytes { parameters.append(ReportFact("backlog per run", .integer(Int64(backlog)), format: .bytes)) }
        parameters.append(ReportFact("settings", .text(settings.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))))
        parameters.append(ReportFact("cluster", .text(settings.cluster)))
        return parameters
    }

    private static func summarySection(_ run: ProduceRun) -> ReportSection {
        var facts = [
            ReportFact("sent", .integer(Int64(run.counts.sent))),
            ReportFact("delivered", .integer(Int64(run.counts.delivered))),
            ReportFact("failed", .integer(Int64(run.counts.failed))),
            ReportFact("delivered bytes", .integer(Int64(run.counts.deliveredBytes))),
        ] + run.windowFacts
        if let offered = run.settings.offeredRecordsPerSecond {
            facts.append(ReportFact("offered records/s (all runs)", .integer(Int64(offered * run.parts.count))))
        }
        return ReportSection(id: "summary", title: "Combined throughput", paragraphs: semantics, facts: facts)
    }

    private static func latencySection(_ histograms: ProduceHistograms) -> ReportSection {
        let named = histograms.named.map { ($0.name, LatencyPercentiles($0.histogram.histogram)) }
        var table = ReportTable(id: "latency", title: "Latency of the merged histograms (ms)",
                                columns: [ReportColumn("percentile")] + named.map { name, _ in
                                    ReportColumn("\(name.replacingOccurrences(of: "-", with: "_"))_ms", header: "\(name) (ms)", format: .decimal(places: 3))
                                })
        for (index, figure) in LatencyPercentiles.labels.enumerated() {
            table.addRow([.text(figure)] + named.map { _, percentiles in .number(percentiles.figures[index].milliseconds) })
        }
        return ReportSection(id: "latency", title: "Latency (HdrHistogram, merged)",
                             facts: named.map { name, percentiles in ReportFact("\(name) values", .integer(Int64(percentiles.count))) },
                             tables: [table])
    }

    private static func inputsSection(_ parts: [ProduceRunPart]) -> ReportSection {
        var table = ReportTable(id: "inputs", title: "Per run", columns: [
            ReportColumn("input"), ReportColumn("host"), ReportColumn("start"), ReportColumn("end"),
            ReportColumn("seconds", format: .decimal(places: 3)),
            ReportColumn("sent", format: .integer), ReportColumn("delivered", format: .integer), ReportColumn("failed", format: .integer),
            ReportColumn("records_per_second", header: "records/s", format: .decimal(places: 1)),
            ReportColumn("p99_ms", header: "p99 (ms)", format: .decimal(places: 3)),
        ], notes: ["p99: of the response time for fixed-rate runs, else of the service time"])
        for part in parts {
            table.addRow([
                .text(part.source ?? "-"), .text(part.host),
                .text(WallClockWindow.text(part.window.startMilliseconds)), .text(WallClockWindow.text(part.window.endMilliseconds)),
                .number(part.window.seconds), .integer(Int64(part.counts.sent)), .integer(Int64(part.counts.delivered)),
                .integer(Int64(part.counts.failed)), .number(part.recordsPerSecond), .number(part.p99Milliseconds),
            ])
        }
        return ReportSection(id: "inputs", title: "Runs", tables: [table])
    }

    private static func notesSection(_ run: ProduceRun) -> [ReportSection] {
        var notes: [String] = []
        if run.commonWindow == nil && run.parts.count > 1 { notes.append(apartNote) }
        if run.counts.failed > 0 { notes.append("\(run.counts.failed) of \(run.counts.sent) messages were NOT delivered") }
        return notes.isEmpty ? [] : [ReportSection(id: "notes", title: "Notes", paragraphs: notes)]
    }
}
