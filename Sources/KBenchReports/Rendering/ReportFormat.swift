/// The output formats of every report command (`--format table|json|csv|markdown`).
///
/// A `String`-backed, `CaseIterable` enum: the CLI makes it an ArgumentParser argument
/// with an empty `extension ReportFormat: ExpressibleByArgument {}`.
package enum ReportFormat: String, CaseIterable, Sendable, Hashable, Codable {
    /// Aligned plain-text tables for a terminal (the default).
    case table
    /// Stable JSON of the report model: sorted keys, no timestamps — diffable in CI.
    case json
    /// RFC 4180 CSV of the tables, raw values in base units.
    case csv
    /// GitHub-flavoured Markdown.
    case markdown

    /// Parses a format name, case-insensitively, also accepting `md` and `text`.
    /// - Throws: ``ReportFormatError`` naming the accepted values.
    package init(parsing text: String) throws(ReportFormatError) {
        let name = String(text.unicodeScalars.filter { !$0.properties.isWhitespace }).lowercased()
        switch name {
        case "md": self = .markdown
        case "text", "txt": self = .table
        default:
            guard let format = ReportFormat(rawValue: name) else { throw ReportFormatError(input: text) }
            self = format
        }
    }

    /// Whether programs rather than people read this format (JSON, CSV): reports then carry
    /// every row and the raw measurements instead of a screen-sized excerpt.
    package var isMachineReadable: Bool { self == .json || self == .csv }

    /// File name extension for saved output: `txt`, `json`, `csv`, `md`.
    package var fileExtension: String {
        switch self {
        case .table: "txt"
        case .json: "json"
        case .csv: "csv"
        case .markdown: "md"
        }
    }

    /// `document` in this format, ending in a newline. Charts appear in JSON (as data) and
    /// are otherwise left to ``SVGChartRenderer``.
    /// - Throws: an `EncodingError` from JSON encoding (not expected for valid models).
    package func render(_ document: ReportDocument) throws -> String {
        switch self {
        case .table: PlainTextRenderer().render(document)
        case .json: try JSONReportRenderer().render(document)
        case .csv: CSVRenderer().render(document)
        case .markdown: MarkdownRenderer().render(document)
        }
    }
}

/// An unknown `--format` value.
package struct ReportFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that was given.
    package var input: String

    /// "unknown report format 'xml' (expected one of: table, json, csv, markdown)".
    package var description: String {
        let accepted = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        return "unknown report format '\(Escaping.singleLine(input))' (expected one of: \(accepted))"
    }
}
