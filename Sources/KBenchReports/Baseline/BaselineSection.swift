extension BaselineComparison {
    /// Lists longer than this are cut, with the number left out.
    static let listLimit = 12
    /// Tables longer than this are cut, a note giving the number left out.
    static let tableLimit = 50

    /// The "Compared with baseline" section (id `baseline`): what moved beyond noise under
    /// `rule`, the rule itself, rows in one run only, and deterministic figures that changed.
    package func section(baseline directory: String, rule: NoiseRule) -> ReportSection {
        guard baselineHasReport else {
            return ReportSection(id: "baseline", title: "Compared with baseline",
                                 paragraphs: ["The baseline \(directory) has no \(report) report: nothing compared."])
        }
        var paragraphs = [summaryLine(baseline: directory), rule.description]
        if !parameterDifferences.isEmpty {
            paragraphs.append("Not like for like: parameters differ from the baseline's (this run first): \(Self.list(parameterDifferences)).")
        }
        if !added.isEmpty { paragraphs.append("Only in this run (not compared): \(Self.list(added)).") }
        if !removed.isEmpty { paragraphs.append("Only in the baseline (not compared): \(Self.list(removed)).") }
        paragraphs.append(changedResults.isEmpty
            ? "No deterministic figure (ratio, byte count, distribution statistic) changed."
            : "\(changedResults.count) deterministic figure\(changedResults.count == 1 ? "" : "s") changed (listed as changed results: they should never change between builds).")
        var tables: [ReportTable] = []
        if !moved.isEmpty {
            var table = ReportTable(id: "baseline-moved", title: "Moved beyond noise", columns: [
                ReportColumn("cell"), ReportColumn("baseline", alignment: .right), ReportColumn("current", header: "this run", alignment: .right),
                ReportColumn("change", alignment: .right), ReportColumn("direction"),
            ])
            for cell in moved.prefix(Self.tableLimit) {
                table.addRow([.text(cell.label), .text(cell.baselineText), .text(cell.currentText), .text(BaselineCell.percentText(cell.change)), .text(cell.slower ? "slower" : "faster")])
            }
            table.notes += Self.cutNote(moved.count)
            tables.append(table)
        }
        if !changedResults.isEmpty {
            var table = ReportTable(id: "baseline-changed-results", title: "Changed results", columns: [
                ReportColumn("figure"), ReportColumn("baseline", alignment: .right), ReportColumn("current", header: "this run", alignment: .right),
            ])
            for change in changedResults.prefix(Self.tableLimit) { table.addRow([.text(change.label), .text(change.baselineText), .text(change.currentText)]) }
            table.notes += Self.cutNote(changedResults.count)
            tables.append(table)
        }
        return ReportSection(id: "baseline", title: "Compared with baseline", paragraphs: paragraphs, tables: tables)
    }

    /// `Against old/: 48 timed cells compared; 2 moved beyond noise (2 slower, 0 faster).`
    package func summaryLine(baseline directory: String) -> String {
        let head = "Against \(directory): \(comparedCells) timed cell\(comparedCells == 1 ? "" : "s") compared; "
        guard !moved.isEmpty else { return head + "none moved beyond noise." }
        return head + "\(moved.count) moved beyond noise (\(slowdowns.count) slower, \(moved.count - slowdowns.count) faster)."
    }

    /// `the first 50 of 1266 shown`, when a table of `count` rows was cut.
    static func cutNote(_ count: Int) -> [String] {
        count > tableLimit ? ["the first \(tableLimit) of \(count) shown"] : []
    }

    /// `a, b, c and 4 more`.
    static func list(_ items: [String]) -> String {
        let shown = items.prefix(listLimit).joined(separator: "; ")
        return items.count > listLimit ? "\(shown) and \(items.count - listLimit) more" : shown
    }
}
