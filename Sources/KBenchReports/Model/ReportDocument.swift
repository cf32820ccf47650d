/// One labelled value in a key-value summary: "best codec for ratio: zstd -19",
/// "keys: 1,000,000", "max÷mean: 1.006".
package struct ReportFact: Sendable, Hashable {
    /// What the value is (shown before it).
    package var label: String
    /// The value, typed.
    package var value: ReportValue
    /// How the value is formatted for people.
    package var format: ValueFormat
    /// Unit shown after formats that do not carry their own (e.g. `"×"`); `nil` for none.
    package var unit: String?

    /// A fact. The format defaults from the value: text as text, integers grouped, real
    /// numbers with four significant digits.
    package init(_ label: String, _ value: ReportValue, format: ValueFormat? = nil, unit: String? = nil) {
        let format = format ?? Self.defaultFormat(for: value)
        self.label = label
        self.value = format.normalized(value)
        self.format = format
        self.unit = unit
    }

    /// The value formatted for people, with its unit: `"1.006 ×"`, `"16 KiB"`.
    package var displayValue: String {
        let text = format.display(value)
        guard let unit, value != .missing else { return text }
        return "\(text) \(unit)"
    }

    private static func defaultFormat(for value: ReportValue) -> ValueFormat {
        switch value {
        case .text, .missing: .text
        case .integer: .integer
        case .number: .significant(digits: 4)
        }
    }
}

extension ReportFact: Codable {
    private enum CodingKeys: String, CodingKey {
        case label, value, format, unit
    }

    /// Writes `label`, `value` (a plain JSON scalar), `format` and `unit` if any.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(value, forKey: .value)
        try container.encode(format, forKey: .format)
        try container.encodeIfPresent(unit, forKey: .unit)
    }

    /// Reads the form ``encode(to:)`` writes, decoding the value with its format.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        label = try container.decode(String.self, forKey: .label)
        format = try container.decode(ValueFormat.self, forKey: .format)
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
        value = container.contains(.value) ? try container.decodeValue(forKey: .value, format: format) : .missing
    }
}

/// A titled part of a report: explanatory paragraphs, a key-value summary, tables and
/// charts, rendered in that order.
package struct ReportSection: Sendable, Hashable, Codable {
    /// Stable machine name within the document (e.g. `"codecs-16k"`); also the HTML anchor.
    package var id: String
    /// Heading shown to people.
    package var title: String
    /// Explanatory paragraphs (plain text; renderers escape it).
    package var paragraphs: [String]
    /// Key-value summary ("best codec for ratio: …").
    package var facts: [ReportFact]
    /// Tables, in order.
    package var tables: [ReportTable]
    /// Charts, in order (rendered to SVG; text formats list them by title).
    package var charts: [Chart]

    /// A section; everything but the id and title defaults to empty.
    package init(
        id: String,
        title: String,
        paragraphs: [String] = [],
        facts: [ReportFact] = [],
        tables: [ReportTable] = [],
        charts: [Chart] = []
    ) {
        self.id = id
        self.title = title
        self.paragraphs = paragraphs
        self.facts = facts
        self.tables = tables
        self.charts = charts
    }
}

extension ReportSection {
    /// Whether the section has anything besides charts (paragraphs, facts or tables).
    package var hasText: Bool {
        !paragraphs.isEmpty || !facts.isEmpty || !tables.isEmpty
    }
}

/// A complete report (the output of one command, e.g. `kbench compress`): title,
/// introduction, run parameters and sections. Every output format — table, JSON, CSV,
/// Markdown, HTML, SVG — is rendered from this model alone, so they all show the same
/// numbers.
///
/// The model holds no timestamp or machine detail unless the caller puts one in, so its
/// JSON is stable enough for CI to diff; machine and date go to ``MachineInfo``.
package struct ReportDocument: Sendable, Hashable, Codable {
    /// Version of this JSON layout; bumped when a field changes meaning or disappears.
    package static let currentSchemaVersion = 1

    /// Layout version the document was written with (``currentSchemaVersion`` for new ones).
    package var schemaVersion: Int
    /// Stable machine name of the report (e.g. `"compress"`).
    package var id: String
    /// Title shown to people.
    package var title: String
    /// Introduction paragraphs (plain text).
    package var paragraphs: [String]
    /// Run parameters: seed, key count, partition counts… (shown before the sections).
    package var parameters: [ReportFact]
    /// The answers, shown first, each linking to its section (computed from the results).
    package var findings: [ReportFinding]
    /// The sections, in order.
    package var sections: [ReportSection]

    /// A document with the current schema version.
    package init(
        id: String,
        title: String,
        paragraphs: [String] = [],
        parameters: [ReportFact] = [],
        findings: [ReportFinding] = [],
        sections: [ReportSection] = []
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.id = id
        self.title = title
        self.paragraphs = paragraphs
        self.parameters = parameters
        self.findings = findings
        self.sections = sections
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, id, title, paragraphs, parameters, findings, sections
    }

    /// Writes every field; `findings` only when there are some, so documents without
    /// findings keep the layout they always had.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(paragraphs, forKey: .paragraphs)
        try container.encode(parameters, forKey: .parameters)
        if !findings.isEmpty { try container.encode(findings, forKey: .findings) }
        try container.encode(sections, forKey: .sections)
    }

    /// Reads a document; `findings`, absent when there are none, is then empty.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        paragraphs = try container.decode([String].self, forKey: .paragraphs)
        parameters = try container.decode([ReportFact].self, forKey: .parameters)
        findings = try container.decodeIfPresent([ReportFinding].self, forKey: .findings) ?? []
        sections = try container.decode([ReportSection].self, forKey: .sections)
    }

    /// Every table of every section, in order.
    package var allTables: [ReportTable] {
        sections.flatMap(\.tables)
    }

    /// Every chart of every section, in order.
    package var allCharts: [Chart] {
        sections.flatMap(\.charts)
    }

    /// The first table with id `id` in any section.
    package func table(_ id: String) -> ReportTable? {
        allTables.first { $0.id == id }
    }
}
