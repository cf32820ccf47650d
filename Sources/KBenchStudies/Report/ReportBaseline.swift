import KBenchReports

/// `kbench report --baseline DIR`: an earlier results directory every stage's report is
/// compared with (``BaselineComparison``), under a ``NoiseRule``.
package struct ReportBaseline: Sendable {
    /// The earlier run.
    package var run: BaselineRun
    /// When a timed cell moved beyond noise.
    package var rule: NoiseRule

    /// A baseline from its parts.
    package init(run: BaselineRun, rule: NoiseRule) {
        self.run = run
        self.rule = rule
    }

    /// `outcome` with its report compared: a change column after each timed table's columns,
    /// the "Compared with baseline" section first, and the comparison kept.
    func compare(_ outcome: ReportStageOutcome) -> ReportStageOutcome {
        let name = outcome.stage.rawValue
        var (comparison, document) = BaselineComparison.compare(outcome.document, with: run.documents[name], report: name, rule: rule)
        document.sections.insert(comparison.section(baseline: run.directory, rule: rule), at: 0)
        var compared = outcome
        compared.document = document
        compared.comparison = comparison
        return compared
    }

    /// The one line the runner logs for `comparison`.
    static func logLine(_ comparison: BaselineComparison, baseline: String) -> String {
        guard comparison.baselineHasReport else { return "\(comparison.report): the baseline \(baseline) has no \(comparison.report) report" }
        var line = "\(comparison.report): \(comparison.summaryLine(baseline: baseline))"
        if !comparison.changedResults.isEmpty { line += " \(comparison.changedResults.count) changed results." }
        return line
    }
}
