import KBenchTerminal

/// Renders reports as aligned plain text for a terminal: underlined headings, `label: value`
/// summaries and tables whose columns are sized by display width (accents, CJK and emoji
/// line up), numbers right-aligned. Lines carry no trailing spaces.
package struct PlainTextRenderer: Sendable {
    /// Text cells wider than this many columns are cut with `…` (`nil`: never cut).
    /// Numeric cells are never cut.
    package var maximumTextWidth: Int?

    /// A renderer; long text cells are cut at 60 columns by default.
    package init(maximumTextWidth: Int? = 60) {
        self.maximumTextWidth = maximumTextWidth
    }

    /// The whole document: title, introduction, parameters, then each section's paragraphs,
    /// facts and tables. Charts are left to SVG, so a section holding only charts is
    /// skipped. Ends with a newline.
    package func render(_ document: ReportDocument) -> String {
        var blocks: [String] = [heading(document.title, rule: "═")]
        blocks += document.paragraphs.map(Escaping.singleLine)
        if !document.parameters.isEmpty { blocks.append(render(facts: document.parameters)) }
        for section in document.sections where section.hasText {
            blocks.append(heading(section.title, rule: "─"))
            blocks += section.paragraphs.map(Escaping.singleLine)
            if !section.facts.isEmpty { blocks.append(render(facts: section.facts)) }
            blocks += section.tables.map { render($0) }
        }
        return blocks.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }.joined(separator: "\n\n") + "\n"
    }

    /// One table: its title, header row, a rule, the rows and its notes, each line ending
    /// in a newline. A table without rows says `(no rows)`. Rows the table collapses are one
    /// row listing their names; grouped headers name their group.
    package func render(_ table: ReportTable) -> String {
        let headers = table.columns.map { Escaping.singleLine($0.flatHeader) }
        let rows = table.collapsedRows().map { row in
            zip(table.columns, row.cells).map { column, text in cell(text, format: column.format) }
        }
        let widths = table.columns.indices.map { index in
            rows.reduce(DisplayWidth.of(headers[index])) { max($0, DisplayWidth.of($1[index])) }
        }
        var lines = [Escaping.singleLine(table.title)]
        lines.append(line(headers, widths: widths, alignments: table.columns.map(\.alignment)))
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for row in rows {
            lines.append(line(row, widths: widths, alignments: table.columns.map(\.alignment)))
        }
        if rows.isEmpty { lines.append("(no rows)") }
        lines += table.notes.map(Escaping.singleLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A key-value summary: `label: value` lines with the values aligned. Ends with a newline.
    package func render(facts: [ReportFact]) -> String {
        let labels = facts.map { Escaping.singleLine($0.label) + ":" }
        let width = labels.map(DisplayWidth.of).max() ?? 0
        return zip(labels, facts).map { label, fact in
            DisplayWidth.padded(label, to: width, alignment: .left) + " " + Escaping.singleLine(fact.displayValue)
        }.joined(separator: "\n") + "\n"
    }

    private func heading(_ title: String, rule: Character) -> String {
        let text = Escaping.singleLine(title)
        return text + "\n" + String(repeating: rule, count: max(DisplayWidth.of(text), 1))
    }

    private func cell(_ text: String, format: ValueFormat) -> String {
        let single = Escaping.singleLine(text)
        guard format == .text, let maximumTextWidth else { return single }
        return DisplayWidth.truncated(single, to: maximumTextWidth)
    }

    private func line(_ cells: [String], widths: [Int], alignments: [ReportAlignment]) -> String {
        var parts: [String] = []
        for index in cells.indices {
            parts.append(DisplayWidth.padded(cells[index], to: widths[index], alignment: alignments[index]))
        }
        return trimmingTrailingSpaces(parts.joined(separator: "  "))
    }

    private func trimmingTrailingSpaces(_ text: String) -> String {
        var result = Substring(text)
        while result.hasSuffix(" ") { result = result.dropLast() }
        return String(result)
    }
}
