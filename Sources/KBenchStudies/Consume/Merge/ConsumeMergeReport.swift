import KBenchReports

/// The report of `kbench merge` on consume runs (`id` `merge`): combined counts and rates,
/// the merged progress windows, one line per machine's run.
package enum ConsumeMergeReport {
    /// How the combined figures are computed, for the report and `--help`.
    package static let semantics = [
        "Records and bytes (key+value) are summed; records/s and MB/s = the totals ÷ the merged window (earliest start → latest end, UTC); "
            + "summed rates = the runs' own rates added, given only when every run's window overlaps the others",
        "Progress windows: one grid of the report interval from the earliest start, each run's window added into the slot holding its middle",
    ]

    /// The merged run as a report document.
    package static func document(_ run: ConsumeRun) -> ReportDocument {
        let settings = run.settings
        var parameters = [
            ReportFact("runs", .integer(Int64(run.parts.count))),
            ReportFact("topic", .text(settings.topic)),
            ReportFact("partitions", .integer(Int64(settings.partitions))),
            ReportFact("consumers per run", .integer(Int64(settings.consumers))),
            ReportFact("group", .text(settings.group ?? "none")),
        ]
        if let recorded = settings.recorded {
            parameters.append(ReportFact("messages per run", .text(recorded.messages.map(String.init) ?? "all the topic held")))
            parameters.append(ReportFact("settings", .text(recorded.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))))
        }
        let summary = ReportSection(id: "summary", title: "Combined consumer throughput", paragraphs: semantics, facts: [
            ReportFact("records read", .integer(Int64(run.records))),
            ReportFact("bytes read (key+value)", .integer(Int64(run.bytes)), format: .bytes),
        ] + run.windowFacts + [
            ReportFact("summed MB/s (MiB)", run.summedMegabytesPerSecond.map { .number($0) } ?? .missing, format: .decimal(places: 2)),
        ])
        return ReportDocument(
            id: "merge", title: "kbench merge: consume \(settings.topic), \(run.parts.count) runs", parameters: parameters,
            sections: [summary, ConsumeReport.windowsSection(run.windows), inputsSection(run.parts)] + notesSection(run))
    }

    private static func inputsSection(_ parts: [ConsumeRunPart]) -> ReportSection {
        var table = ReportTable(id: "inputs", title: "Per run", columns: [
            ReportColumn("input"), ReportColumn("host"), ReportColumn("start"), ReportColumn("end"),
            ReportColumn("seconds", format: .decimal(places: 3)),
            ReportColumn("records", format: .integer), ReportColumn("bytes", format: .integer),
            ReportColumn("records_per_second", header: "records/s", format: .decimal(places: 1)),
            ReportColumn("megabytes_per_second", header: "MB/s", format: .decimal(places: 2)),
            ReportColumn("complete"),
        ])
        for part in parts {
            table.addRow([
                .text(part.source ?? "-"), .text(part.host),
                .text(WallClockWindow.text(part.window.startMilliseconds)), .text(WallClockWindow.text(part.window.endMilliseconds)),
                .number(part.window.seconds), .integer(Int64(part.records)), .integer(Int64(part.bytes)),
                .number(part.recordsPerSecond), .number(part.megabytesPerSecond), .text(part.complete ? "yes" : "no"),
            ])
        }
        return ReportSection(id: "inputs", title: "Runs", tables: [table])
    }

    private static func notesSection(_ run: ConsumeRun) -> [ReportSection] {
        var notes: [String] = []
        if run.commonWindow == nil && run.parts.count > 1 { notes.append(ProduceMergeReport.apartNote) }
        let incomplete = run.parts.filter { !$0.complete }.count
        if incomplete > 0 { notes.append("\(incomplete) of \(run.parts.count) runs read less than their target (they gave up waiting)") }
        return notes.isEmpty ? [] : [ReportSection(id: "notes", title: "Notes", paragraphs: notes)]
    }
}
