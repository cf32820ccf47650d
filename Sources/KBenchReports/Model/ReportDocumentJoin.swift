/// One report inside a joined report: its sections go under a prefix.
package struct ReportDocumentPart: Sendable, Hashable {
    /// File-name-safe prefix of the part's section, table and chart ids (`zipf-1.1`).
    package var id: String
    /// Heading of the part (`Key set zipf:1.1:1000000`).
    package var title: String
    /// A sentence under the heading, if any.
    package var summary: String?
    /// The part's report.
    package var document: ReportDocument

    /// A part.
    package init(id: String, title: String, summary: String? = nil, document: ReportDocument) {
        self.id = id
        self.title = title
        self.summary = summary
        self.document = document
    }
}

extension ReportDocument {
    /// Several reports of one kind as one: the first part's introduction, the given
    /// parameters, every part's findings (topics prefixed with the part's id), then per part a section holding its title, summary and parameters followed by its
    /// sections — every section, table and chart id prefixed with the part's id (so chart
    /// files stay distinct) and every section and chart title with the part's title.
    package static func joining(
        _ parts: [ReportDocumentPart], id: String, title: String, parameters: [ReportFact]
    ) -> ReportDocument {
        var sections: [ReportSection] = []
        for part in parts {
            sections.append(ReportSection(id: part.id, title: part.title, paragraphs: part.summary.map { [$0] } ?? [],
                                          facts: part.document.parameters))
            for var section in part.document.sections {
                section.id = "\(part.id)-\(section.id)"
                section.title = "\(section.title) — \(part.id)"
                section.tables = section.tables.map { table in
                    var table = table
                    table.id = "\(part.id)-\(table.id)"
                    return table
                }
                section.charts = section.charts.map { $0.prefixed(id: part.id, title: part.id) }
                sections.append(section)
            }
        }
        let findings = parts.flatMap { part in
            part.document.findings.map { ReportFinding(topic: "\(part.id): \($0.topic)", text: $0.text, section: "\(part.id)-\($0.section)") }
        }
        return ReportDocument(id: id, title: title, paragraphs: parts.first?.document.paragraphs ?? [],
                              parameters: parameters, findings: findings, sections: sections)
    }
}

extension Chart {
    /// The chart with `id-` before its id and `title: ` before its title.
    func prefixed(id prefix: String, title label: String) -> Chart {
        switch self {
        case .bars(var chart):
            chart.id = "\(prefix)-\(chart.id)"
            chart.title = "\(label): \(chart.title)"
            return .bars(chart)
        case .xy(var chart):
            chart.id = "\(prefix)-\(chart.id)"
            chart.title = "\(label): \(chart.title)"
            return .xy(chart)
        case .heatmap(var chart):
            chart.id = "\(prefix)-\(chart.id)"
            chart.title = "\(label): \(chart.title)"
            return .heatmap(chart)
        }
    }
}
