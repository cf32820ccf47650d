/// Renders report tables as CSV (RFC 4180): CRLF line ends, fields quoted when they hold a
/// comma, quote or line break, raw values in the format's base unit (bytes, seconds,
/// per-second, fractions) with the unit in the header — numbers for spreadsheets, not text.
///
/// A document with exactly one table and no facts is that table alone: plain RFC 4180.
/// Otherwise blocks follow each other separated by an empty line, each introduced by a
/// `# title` line: first `# summary` (columns `section,label,value`) when there are
/// parameters or facts, then each table.
package struct CSVRenderer: Sendable {
    /// Line terminator: `"\r\n"` as RFC 4180 asks (the default), or `"\n"`.
    package var lineEnding: String

    /// A renderer.
    package init(lineEnding: String = "\r\n") {
        self.lineEnding = lineEnding
    }

    /// The document's facts and tables (see the type's documentation for the layout).
    package func render(_ document: ReportDocument) -> String {
        let tables = document.allTables
        let hasFacts = !document.parameters.isEmpty || document.sections.contains { !$0.facts.isEmpty }
        if tables.count == 1, !hasFacts, let table = tables.first { return render(table) }
        var blocks: [String] = []
        if hasFacts {
            var records = [["section", "label", "value"]]
            records += document.parameters.map { ["parameters", $0.label, $0.format.raw($0.value)] }
            for section in document.sections {
                records += section.facts.map { [section.title, $0.label, $0.format.raw($0.value)] }
            }
            blocks.append(comment("summary") + text(records))
        }
        blocks += tables.map { comment($0.title) + render($0) }
        return blocks.joined(separator: lineEnding)
    }

    /// One table: a header record (`header (raw unit)`) and one record per row.
    package func render(_ table: ReportTable) -> String {
        var records = [table.columns.map(\.rawHeader)]
        records += table.rows.map { row in zip(table.columns, row).map { column, cell in column.format.raw(cell) } }
        return text(records)
    }

    private func text(_ records: [[String]]) -> String {
        records.map { record in record.map(Escaping.csvField).joined(separator: ",") + lineEnding }.joined()
    }

    private func comment(_ title: String) -> String {
        "# " + Escaping.singleLine(title) + lineEnding
    }
}
