import KBenchReports

/// The report of `kbench merge` on study files: the study's own report (``ProduceStudyReport``:
/// table, knee or Pareto front and recommendation, chart) of the merged rows, with the
/// machines and what merging means stated.
package enum ProduceStudyMergeReport {
    /// How a merged study's rows are computed.
    package static func semantics(machines: Int) -> String {
        "merged from \(machines) machines' files: each row's runs of one round are merged as kbench merge merges single runs "
            + "(counts summed, histograms added, percentiles read from the sum); offered = the rate per machine × \(machines); "
            + "achieved = the machines' own rates added when their windows overlapped, else delivered ÷ the merged window"
    }

    /// Says which rows' runs did not all overlap (the machines did not run them together, so
    /// their rates count the gaps), nil when every merged run overlapped.
    static func apartNote(_ study: ProduceStudyRecord) -> String? {
        let apart = study.rows.filter { row in row.runs.contains { $0.run.parts.count > 1 && $0.run.commonWindow == nil } }
        guard !apart.isEmpty else { return nil }
        return "NOTE: the machines' runs of \(apart.map(\.label).joined(separator: "; ")) did not all overlap: they did not run together, "
            + "so achieved = delivered ÷ the merged window, which counts the gaps between them (run the machines at the same time)"
    }

    /// The merged study as a report document (`id` `produce-steps` or `produce-sweep`, as the
    /// study's own), `inputs` naming the files merged.
    package static func document(_ study: ProduceStudyRecord, inputs: [String]) -> ReportDocument {
        let firstRuns = study.rows.compactMap(\.runs.first?.run)
        var parameters = [
            ReportFact("machines", .integer(Int64(study.machines))),
            ReportFact("inputs", .text(inputs.joined(separator: ", "))),
            ReportFact("hosts", .text(firstRuns.first.map { $0.parts.map(\.host).joined(separator: ", ") } ?? "")),
        ]
        if var settings = firstRuns.first?.settings {
            // A sweep's rows differ in the swept properties: the parameters give those all rows share.
            settings.properties = settings.properties.filter { key, value in firstRuns.allSatisfy { $0.settings.properties[key] == value } }
            parameters += ProduceMergeReport.settingsFacts(settings, throughput: study.kind == .sweep)
        }
        parameters.append(ReportFact("repeat", .integer(Int64(study.rounds))))
        var document = ProduceStudyReport.document(
            study.kind, figures: study.figures, rounds: study.rounds, targetMilliseconds: study.latencyTargetMilliseconds,
            parameters: parameters)
        if !document.sections.isEmpty {
            document.sections[0].paragraphs.insert(semantics(machines: study.machines), at: 1)
            if let note = apartNote(study) { document.sections[0].paragraphs.insert(note, at: 2) }
        }
        return document
    }
}
