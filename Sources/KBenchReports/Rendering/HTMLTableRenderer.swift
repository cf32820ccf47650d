/// Renders a ``ReportTable`` as HTML for the results page: inside a box that scrolls
/// sideways on its own (first column and header sticky, see ``HTMLPageAssets``), group
/// headings spanning their columns, rows collapsed as the table says, numeric cells carrying
/// their raw value in `data-v` for the sort script, and long lists cut to their first items
/// with the rest in a `<details>` element.
struct HTMLTableRenderer {
    /// A text cell longer than this many characters that lists items (`a, b, c`) shows its
    /// first items and a `<details>` element holding the rest.
    static let listSummaryLength = 44

    /// The table, its notes after it as `<p class="note">`.
    func render(_ table: ReportTable) -> String {
        var html = [
            "<div class=\"table-scroll\">",
            "<table id=\"table-\(Escaping.xml(table.id))\" class=\"sortable\">",
            "<caption>\(Escaping.xml(table.title))</caption>",
            "<thead>\(headerRows(table.columns))</thead>",
            "<tbody>",
        ]
        for row in table.collapsedRows() {
            let cells = table.columns.indices.map { index in
                cell(row.cells[index], value: row.values[index], column: table.columns[index])
            }
            html.append("<tr>" + cells.joined() + "</tr>")
        }
        html += ["</tbody>", "</table>", "</div>"]
        html += table.notes.map { "<p class=\"note\">\(Escaping.xml($0))</p>" }
        return html.joined(separator: "\n")
    }

    /// One header row, or two when columns are grouped: the group headings spanning their
    /// columns above, the columns' own headers below (ungrouped columns span both rows).
    /// Every column header carries `data-col`, its index, for the sort script.
    func headerRows(_ columns: [ReportColumn]) -> String {
        guard columns.contains(where: { $0.group != nil }) else {
            return "<tr>" + columns.indices.map { header(columns[$0], index: $0, text: columns[$0].displayHeader) }.joined() + "</tr>"
        }
        var top: [String] = []
        var bottom: [String] = []
        var index = 0
        while index < columns.count {
            guard let group = columns[index].group else {
                top.append(header(columns[index], index: index, text: columns[index].displayHeader, rowSpan: 2))
                index += 1
                continue
            }
            var end = index
            while end + 1 < columns.count, columns[end + 1].group == group { end += 1 }
            top.append("<th scope=\"colgroup\" colspan=\"\(end - index + 1)\" class=\"group\">\(Escaping.xml(group))</th>")
            for member in index...end {
                bottom.append(header(columns[member], index: member, text: columns[member].displayHeader))
            }
            index = end + 1
        }
        return "<tr>" + top.joined() + "</tr><tr>" + bottom.joined() + "</tr>"
    }

    private func header(_ column: ReportColumn, index: Int, text: String, rowSpan: Int = 1) -> String {
        let span = rowSpan > 1 ? " rowspan=\"\(rowSpan)\"" : ""
        return "<th scope=\"col\"\(span)\(alignmentClass(column)) data-col=\"\(index)\">\(Escaping.xml(text))</th>"
    }

    private func cell(_ text: String, value: ReportValue, column: ReportColumn) -> String {
        let cls = alignmentClass(column)
        switch (value, column.format) {
        case (.text, _), (_, .text):
            return "<td\(cls)>\(listCell(text))</td>"
        default:
            // Missing values carry an empty data-v: the sort script puts them last.
            return "<td\(cls) data-v=\"\(Escaping.xml(column.format.raw(value)))\">\(Escaping.xml(text))</td>"
        }
    }

    /// `a, b, c, d` longer than ``listSummaryLength``: the first items and `+N more`, every
    /// item inside a `<details>` element; shorter or unlisted text as it is.
    func listCell(_ text: String) -> String {
        let items = text.components(separatedBy: ", ")
        guard text.count > Self.listSummaryLength, items.count > 2 else { return Escaping.xml(text) }
        var shown = 1
        var length = items[0].count
        while shown < items.count - 1, length + 2 + items[shown].count <= Self.listSummaryLength {
            length += 2 + items[shown].count
            shown += 1
        }
        let summary = items[..<shown].joined(separator: ", ") + " +\(items.count - shown) more"
        return "<details><summary>\(Escaping.xml(summary))</summary>\(Escaping.xml(text))</details>"
    }

    private func alignmentClass(_ column: ReportColumn) -> String {
        switch column.alignment {
        case .left: ""
        case .right: " class=\"num\""
        case .center: " class=\"center\""
        }
    }
}
