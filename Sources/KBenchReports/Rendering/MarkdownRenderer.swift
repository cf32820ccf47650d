import KBenchTerminal

/// Renders reports as GitHub-flavoured Markdown: `#` headings, `- label: value` lists,
/// pipe tables with alignment rows and padded cells (readable as source too), and charts as
/// images when the renderer knows where their SVG files are. All text is escaped (`|` →
/// `\|`, line breaks → `<br>`…).
package struct MarkdownRenderer: Sendable {
    /// Where a chart's SVG file is, relative to the Markdown file; `nil` leaves charts out.
    package var chartPath: (@Sendable (Chart) -> String)?

    /// A renderer; pass `chartPath` to embed charts as images (``ResultsWriter`` does).
    package init(chartPath: (@Sendable (Chart) -> String)? = nil) {
        self.chartPath = chartPath
    }

    /// The whole document, ending with a newline: title, findings (each linking to its
    /// section), introduction, parameters, sections. Without ``chartPath`` a section holding
    /// only charts is skipped.
    package func render(_ document: ReportDocument) -> String {
        let sections = document.sections.filter { $0.hasText || (chartPath != nil && !$0.charts.isEmpty) }
        let anchors = sectionAnchors(document, sections: sections)
        var blocks = ["# " + Escaping.markdown(document.title)]
        let findings = document.findings.filter { anchors[$0.section] != nil }
        if !findings.isEmpty {
            blocks.append("## Findings")
            blocks.append(findings.map { finding in
                "- [\(Escaping.markdown(finding.topic))](#\(anchors[finding.section] ?? "")): \(Escaping.markdown(finding.text))"
            }.joined(separator: "\n"))
        }
        blocks += document.paragraphs.map(Escaping.markdown)
        if !document.parameters.isEmpty { blocks.append(render(facts: document.parameters)) }
        for section in sections {
            blocks.append("## " + Escaping.markdown(section.title))
            blocks += section.paragraphs.map(Escaping.markdown)
            if !section.facts.isEmpty { blocks.append(render(facts: section.facts)) }
            for table in section.tables {
                blocks.append("### " + Escaping.markdown(table.title))
                blocks.append(render(table))
                blocks += table.notes.map(Escaping.markdown)
            }
            if let chartPath {
                blocks += section.charts.map { chart in
                    "![\(Escaping.markdown(chart.title))](\(Self.escapedPath(chartPath(chart))))"
                }
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// Each rendered section's id → the anchor GitHub gives its heading, counting every
    /// heading before it as ``render(_:)`` writes them.
    private func sectionAnchors(_ document: ReportDocument, sections: [ReportSection]) -> [String: String] {
        var anchors = MarkdownAnchors()
        _ = anchors.next(document.title)
        if !document.findings.isEmpty { _ = anchors.next("Findings") }
        var result: [String: String] = [:]
        for section in sections {
            result[section.id] = result[section.id] ?? anchors.next(section.title)
            for table in section.tables { _ = anchors.next(table.title) }
        }
        return result
    }

    /// A pipe table with an alignment row; lines end with newlines except the last. Rows the
    /// table collapses are one row listing their names; grouped headers name their group.
    package func render(_ table: ReportTable) -> String {
        let headers = table.columns.map { Escaping.markdown($0.flatHeader) }
        let rows = table.collapsedRows().map { $0.cells.map(Escaping.markdown) }
        let widths = table.columns.indices.map { index in
            rows.reduce(max(DisplayWidth.of(headers[index]), 3)) { max($0, DisplayWidth.of($1[index])) }
        }
        let alignments = table.columns.map(\.alignment)
        var lines = [line(headers, widths: widths, alignments: alignments)]
        lines.append("| " + zip(widths, alignments).map { width, alignment in
            switch alignment {
            case .left: ":" + String(repeating: "-", count: width - 1)
            case .right: String(repeating: "-", count: width - 1) + ":"
            case .center: ":" + String(repeating: "-", count: width - 2) + ":"
            }
        }.joined(separator: " | ") + " |")
        lines += rows.map { line($0, widths: widths, alignments: alignments) }
        return lines.joined(separator: "\n")
    }

    /// A bullet list of `label: value` lines.
    package func render(facts: [ReportFact]) -> String {
        facts.map { "- \(Escaping.markdown($0.label)): \(Escaping.markdown($0.displayValue))" }
            .joined(separator: "\n")
    }

    private func line(_ cells: [String], widths: [Int], alignments: [ReportAlignment]) -> String {
        let padded = cells.indices.map { DisplayWidth.padded(cells[$0], to: widths[$0], alignment: alignments[$0]) }
        return "| " + padded.joined(separator: " | ") + " |"
    }

    /// A link target with spaces and parentheses percent-encoded.
    static func escapedPath(_ path: String) -> String {
        var result = ""
        for character in path {
            switch character {
            case " ": result += "%20"
            case "(": result += "%28"
            case ")": result += "%29"
            case "<": result += "%3C"
            case ">": result += "%3E"
            default: result.append(character)
            }
        }
        return result
    }
}
