/// One report of this run compared with the same report of a baseline run (`kbench report
/// --baseline DIR`), table by table as each table's ``ReportTableComparison`` describes it:
/// rows matched by their key columns; timed cells judged by a ``NoiseRule``; deterministic
/// figures that differ listed apart; rows in one run only listed as added or removed.
package struct BaselineComparison: Sendable, Hashable {
    /// The report (`hash`).
    package var report: String
    /// Whether the baseline has this report at all.
    package var baselineHasReport: Bool
    /// Timed cells present in both runs.
    package var comparedCells: Int
    /// Timed cells that moved beyond noise, in table order.
    package var moved: [BaselineCell]
    /// Rows (or tables) of this run the baseline lacks: `murmur2 batch 16 B`.
    package var added: [String]
    /// Rows (or tables) of the baseline this run lacks.
    package var removed: [String]
    /// Deterministic figures that differ.
    package var changedResults: [BaselineResultChange]
    /// Parameters of the report that differ from the baseline's (the run time aside): `key
    /// sets: random:16:20000 vs random:16:1000000`. Figures of runs with other parameters are
    /// not like for like.
    package var parameterDifferences: [String] = []

    /// Parameters that differ between any two runs and say nothing about the figures.
    static let volatileParameters: Set<String> = ["run time"]

    /// The cells that moved beyond noise and got slower: what `--fail-on-regression` fails on.
    package var slowdowns: [BaselineCell] { moved.filter(\.slower) }

    /// Compares `current` (the report named `report`) with `baseline` (nil when the baseline
    /// has no such report) under `rule`; returns the comparison and `current` with a change
    /// column after each timed table's columns (``changeColumnID(_:)``).
    package static func compare(
        _ current: ReportDocument, with baseline: ReportDocument?, report: String, rule: NoiseRule
    ) -> (comparison: BaselineComparison, document: ReportDocument) {
        var comparison = BaselineComparison(report: report, baselineHasReport: baseline != nil, comparedCells: 0, moved: [],
                                            added: [], removed: [], changedResults: [])
        var document = current
        guard let baseline else { return (comparison, document) }
        let baselineParameters = Dictionary(baseline.parameters.map { ($0.label, $0.displayValue) }, uniquingKeysWith: { first, _ in first })
        comparison.parameterDifferences = current.parameters.compactMap { fact in
            guard !volatileParameters.contains(fact.label), let old = baselineParameters[fact.label], old != fact.displayValue else { return nil }
            return "\(fact.label): \(fact.displayValue) vs \(old)"
        }
        let baselineTables = Dictionary(baseline.allTables.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let currentIDs = Set(current.allTables.map(\.id))
        for sectionIndex in document.sections.indices {
            for tableIndex in document.sections[sectionIndex].tables.indices {
                let table = document.sections[sectionIndex].tables[tableIndex]
                guard table.comparison != nil else { continue }
                guard let old = baselineTables[table.id] else {
                    comparison.added.append("table \(table.id)")
                    continue
                }
                document.sections[sectionIndex].tables[tableIndex] = comparison.compare(table, with: old, rule: rule)
            }
        }
        for table in baseline.allTables where table.comparison != nil && !currentIDs.contains(table.id) {
            comparison.removed.append("table \(table.id)")
        }
        return (comparison, document)
    }

    /// The id of the change column of timed column `column`: `<column>_vs_baseline`.
    package static func changeColumnID(_ column: String) -> String { "\(column)_vs_baseline" }

    /// Compares one table; returns it with its change columns.
    private mutating func compare(_ table: ReportTable, with old: ReportTable, rule: NoiseRule) -> ReportTable {
        guard let description = table.comparison else { return table }
        let keys = Self.rowKeys(table, columns: description.keyColumns)
        let oldKeys = Self.rowKeys(old, columns: description.keyColumns)
        let oldIndex = Dictionary(oldKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        added += keys.filter { oldIndex[$0] == nil }.map { "\(table.id) \($0)" }
        removed += oldKeys.filter { !keys.contains($0) }.map { "\(table.id) \($0)" }
        let timed = table.columns.filter { description.timed[$0.id] != nil }
        var changes = Array(repeating: [ReportValue](repeating: .missing, count: timed.count), count: table.rows.count)
        for (position, column) in timed.enumerated() {
            guard let timing = description.timed[column.id], let oldColumn = old.columnIndex(column.id),
                  let currentColumn = table.columnIndex(column.id) else { continue }
            for (row, key) in keys.enumerated() {
                // A row without a spread of its own is not one this column times (e.g. service p99 beside a response p99).
                guard timing.spreads.indices.contains(row), let nowSpread = timing.spreads[row],
                      let oldRow = oldIndex[key], let now = table.rows[row][currentColumn].numericValue,
                      let then = old.rows[oldRow][oldColumn].numericValue, then != 0, now.isFinite, then.isFinite else { continue }
                comparedCells += 1
                let change = now / then - 1
                changes[row][position] = .text(BaselineCell.percentText(change))
                let thenSpread = Self.spread(old.comparison?.timed[column.id]?.spreads ?? [], oldRow, value: then)
                guard rule.moved(current: now, nowSpread, baseline: then, thenSpread) else { continue }
                moved.append(BaselineCell(
                    report: report, table: table.id, row: key, column: Self.name(of: column),
                    baselineText: column.format.display(old.rows[oldRow][oldColumn]), currentText: column.format.display(table.rows[row][currentColumn]),
                    change: change, slower: timing.lowerIsFaster ? change > 0 : change < 0))
            }
        }
        for column in table.columns where description.deterministicColumns.contains(column.id) {
            guard let currentColumn = table.columnIndex(column.id), let oldColumn = old.columnIndex(column.id) else { continue }
            for (row, key) in keys.enumerated() {
                guard let oldRow = oldIndex[key] else { continue }
                let now = table.rows[row][currentColumn], then = old.rows[oldRow][oldColumn]
                if !Self.same(now, then) {
                    changedResults.append(BaselineResultChange(label: "\(report) \(table.id) \(key), \(Self.name(of: column))",
                                                               baselineText: column.format.display(then), currentText: column.format.display(now)))
                }
            }
        }
        guard !timed.isEmpty else { return table }
        let added = timed.map { ReportColumn(Self.changeColumnID($0.id), header: "\($0.header) vs baseline", alignment: .right, group: $0.group) }
        return table.adding(columns: added) { changes[$0] }
    }

    /// A column as the summary names it: its group, header and unit (`kbench time (per key)`).
    static func name(of column: ReportColumn) -> String { column.flatHeader }

    /// Each row's key: its key columns' values as shown, joined by spaces.
    private static func rowKeys(_ table: ReportTable, columns: [String]) -> [String] {
        let indices = columns.compactMap { table.columnIndex($0) }
        return table.rows.map { row in indices.map { table.columns[$0].format.display(row[$0]) }.joined(separator: " ") }
    }

    /// The spread recorded for `row`, or the value alone when none was.
    private static func spread(_ spreads: [ReportSpread?], _ row: Int, value: Double) -> ReportSpread {
        (spreads.indices.contains(row) ? spreads[row] : nil) ?? ReportSpread(low: value, high: value, samples: 1)
    }

    /// Whether two deterministic figures agree (numbers to 1 part in 10⁹: JSON round trips).
    private static func same(_ lhs: ReportValue, _ rhs: ReportValue) -> Bool {
        if lhs == rhs { return true }
        guard let a = lhs.numericValue, let b = rhs.numericValue else { return false }
        if a.isNaN && b.isNaN { return true }
        return abs(a - b) <= 1e-9 * Swift.max(abs(a), abs(b))
    }
}
