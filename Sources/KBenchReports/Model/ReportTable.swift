/// A column of a ``ReportTable``: a stable identifier (the JSON key of its cells), the
/// header people read, an optional unit, and how its values are formatted and aligned.
package struct ReportColumn: Sendable, Hashable, Codable {
    /// Stable machine name, unique within the table: the key of this column's cells in JSON
    /// rows (e.g. `"max_over_mean"`). Keep it stable so CI diffs stay meaningful.
    package var id: String
    /// Header shown to people (e.g. `"max÷mean"`).
    package var header: String
    /// Unit shown after the header for formats that do not carry their own unit (e.g.
    /// `"MB/s"` for a decimal column); `nil` for none.
    package var unit: String?
    /// How values are formatted for people.
    package var format: ValueFormat
    /// Horizontal alignment in tables.
    package var alignment: ReportAlignment
    /// The heading over this column and its neighbours with the same group (`"kbench"` over
    /// per key, keys/s and bytes/s), so the headers below need not repeat it; `nil` for none.
    package var group: String?

    /// A column; `header` defaults to `id`, `alignment` to the format's default (text left,
    /// numbers right).
    package init(
        _ id: String,
        header: String? = nil,
        unit: String? = nil,
        format: ValueFormat = .text,
        alignment: ReportAlignment? = nil,
        group: String? = nil
    ) {
        self.id = id
        self.header = header ?? id
        self.unit = unit
        self.format = format
        self.alignment = alignment ?? format.defaultAlignment
        self.group = group
    }

    /// The header with its unit for people: `"throughput (MB/s)"`.
    package var displayHeader: String {
        unit.map { "\(header) (\($0))" } ?? header
    }

    /// The header with its group and unit, for formats that cannot draw a group heading
    /// over several columns (Markdown, plain text): `"kbench keys (keys/s)"`.
    package var flatHeader: String {
        group.map { "\($0) \(displayHeader)" } ?? displayHeader
    }

    /// The header with the unit of raw values for CSV: `"compress (B/s)"` for a rate of
    /// bytes, `"share (fraction)"` for a percentage, `"ratio (×)"` for a decimal column with
    /// unit `×`.
    /// A grouped column's header starts with its group: `"kbench keys (keys/s)"`.
    package var rawHeader: String {
        let named = group.map { "\($0) \(header)" } ?? header
        guard let unit = format.rawUnit ?? unit else { return named }
        return "\(named) (\(unit))"
    }
}

/// A table of typed values: the core of every report. Cells are ``ReportValue``s (not
/// pre-formatted strings), so every output format shows the same numbers.
///
/// In JSON each row is an object keyed by column id: `{"codec": "zstd", "ratio": 3.21}`.
package struct ReportTable: Sendable, Hashable {
    /// Stable machine name of the table within its document (e.g. `"distribution"`).
    package var id: String
    /// Title shown above the table.
    package var title: String
    /// The columns, in display order. Fixed at creation so rows always match them.
    package private(set) var columns: [ReportColumn]
    /// The rows: one value per column, each normalised to its column's storage
    /// (see ``addRow(_:)``).
    package private(set) var rows: [[ReportValue]]
    /// Footnotes shown under the table (one line each).
    package var notes: [String]
    /// How rows showing the same numbers for the same reason are shown as one (`nil`: never).
    package private(set) var collapse: RowCollapse?
    /// How the table compares with a baseline run (``ReportTableComparison``: the columns
    /// naming a row, the timed cells with the spread of their rounds, the deterministic
    /// columns); nil for tables not compared. Written to JSON only, as `comparison`.
    package var comparison: ReportTableComparison?

    /// An empty table. Column ids must be unique (a programming error otherwise).
    package init(id: String, title: String, columns: [ReportColumn], notes: [String] = []) {
        precondition(Set(columns.map(\.id)).count == columns.count, "duplicate column id in table \(id)")
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = []
        self.notes = notes
    }

    /// The table with `columns` added after its own, each row extended by `cells(row index)`
    /// (one value per added column, normalised as ``addRow(_:)`` does); everything else kept.
    package func adding(columns added: [ReportColumn], cells: (Int) -> [ReportValue]) -> ReportTable {
        precondition(Set((columns + added).map(\.id)).count == columns.count + added.count, "duplicate column id in table \(id)")
        var table = self
        table.columns += added
        table.rows = rows.enumerated().map { index, row in
            let extra = cells(index)
            precondition(extra.count == added.count, "table \(id): \(extra.count) cells for \(added.count) added columns")
            return row + zip(added, extra).map { column, cell in column.format.normalized(cell) }
        }
        return table
    }

    /// Appends a row with one value per column, in column order. Whole numbers in integer
    /// columns become `.integer` and integers in real-valued columns become `.number`, so the
    /// JSON form decodes back to an equal table. A row of the wrong length is a programming
    /// error.
    package mutating func addRow(_ cells: [ReportValue]) {
        precondition(cells.count == columns.count,
                     "table \(id): row has \(cells.count) cells for \(columns.count) columns")
        rows.append(zip(columns, cells).map { column, cell in column.format.normalized(cell) })
        collapse?.groups.append(nil)
    }

    /// Appends a row that people may see merged with other rows of the same `group` showing
    /// the same values (see ``RowCollapse``); the table collapses on `nameColumn` from now on.
    package mutating func addRow(_ cells: [ReportValue], collapsingOn nameColumn: String, group: String?) {
        precondition(columnIndex(nameColumn) != nil, "table \(id): no column \(nameColumn) to collapse on")
        if collapse == nil { collapse = RowCollapse(column: nameColumn, groups: Array(repeating: nil, count: rows.count)) }
        addRow(cells)
        collapse?.groups[rows.count - 1] = group
    }

    /// The index of the column named `id`, if any.
    package func columnIndex(_ id: String) -> Int? {
        columns.firstIndex { $0.id == id }
    }

    /// The value at `row` in the column named `columnID`; `nil` if either does not exist.
    package func value(row: Int, column columnID: String) -> ReportValue? {
        guard rows.indices.contains(row), let column = columnIndex(columnID) else { return nil }
        return rows[row][column]
    }

    /// Every value of the column named `columnID`, top to bottom (empty if no such column).
    package func values(column columnID: String) -> [ReportValue] {
        guard let column = columnIndex(columnID) else { return [] }
        return rows.map { $0[column] }
    }

    /// The cells of every row formatted for people, in column order.
    package func displayRows() -> [[String]] {
        rows.map(display)
    }

    /// The rows people read: rows of one collapse group with equal values merged into the
    /// first of them, their names listed in the collapse column (every row when the table
    /// does not collapse).
    package func collapsedRows() -> [CollapsedRow] {
        guard let collapse, let nameIndex = columnIndex(collapse.column) else {
            return rows.map { CollapsedRow(values: $0, names: [], cells: display($0)) }
        }
        var merged: [CollapsedRow] = []
        var position: [RowCollapse.Key: Int] = [:]
        for (row, group) in zip(rows, collapse.groups) {
            let name = columns[nameIndex].format.display(row[nameIndex])
            var others = row
            others.remove(at: nameIndex)
            if let group, let index = position[RowCollapse.Key(group: group, values: others)] {
                merged[index].names.append(name)
                merged[index].cells[nameIndex] = merged[index].names.joined(separator: ", ")
                continue
            }
            if let group { position[RowCollapse.Key(group: group, values: others)] = merged.count }
            merged.append(CollapsedRow(values: row, names: [name], cells: display(row)))
        }
        return merged
    }

    private func display(_ row: [ReportValue]) -> [String] {
        zip(columns, row).map { column, cell in column.format.display(cell) }
    }
}

/// Which rows of a ``ReportTable`` people see as one: rows of the same group (e.g. the
/// strategies sharing a key rule) whose other values are all equal merge, listing their names.
/// Machine formats (JSON rows, CSV) keep every row.
package struct RowCollapse: Sendable, Hashable, Codable {
    /// The id of the column naming each row (its texts are listed in a merged row).
    package var column: String
    /// Per row, the group it may merge within; `nil` rows never merge.
    package var groups: [String?]

    /// What merges: a group and the values besides the name.
    struct Key: Hashable {
        let group: String
        let values: [ReportValue]
    }
}

/// A row as people read it: the values of its first row, the names of every row merged
/// into it and its cells formatted for display.
package struct CollapsedRow: Sendable, Hashable {
    /// The row's values (those of the first row merged).
    package var values: [ReportValue]
    /// The names merged into this row, in table order (empty when the table does not collapse).
    package var names: [String]
    /// The display text of each cell; the collapse column lists every name.
    package var cells: [String]
}

extension ReportTable: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, title, columns, rows, notes, collapse, comparison
    }

    /// Writes `id`, `title`, `columns`, `notes`, `comparison` (when set) and `rows` (objects keyed by column id; a
    /// missing value is `null`).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(columns, forKey: .columns)
        try container.encode(notes, forKey: .notes)
        try container.encodeIfPresent(collapse, forKey: .collapse)
        try container.encodeIfPresent(comparison, forKey: .comparison)
        var rowsContainer = container.nestedUnkeyedContainer(forKey: .rows)
        for row in rows {
            var rowContainer = rowsContainer.nestedContainer(keyedBy: ColumnKey.self)
            for (column, cell) in zip(columns, row) {
                try rowContainer.encode(cell, forKey: ColumnKey(column.id))
            }
        }
    }

    /// Reads the form ``encode(to:)`` writes. Duplicate column ids are a decoding error; a
    /// cell absent from a row object decodes as missing.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        columns = try container.decode([ReportColumn].self, forKey: .columns)
        notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
        collapse = try container.decodeIfPresent(RowCollapse.self, forKey: .collapse)
        comparison = try container.decodeIfPresent(ReportTableComparison.self, forKey: .comparison)
        guard Set(columns.map(\.id)).count == columns.count else {
            throw DecodingError.dataCorruptedError(forKey: .columns, in: container,
                                                   debugDescription: "duplicate column id in table \(id)")
        }
        rows = []
        var rowsContainer = try container.nestedUnkeyedContainer(forKey: .rows)
        while !rowsContainer.isAtEnd {
            let rowContainer = try rowsContainer.nestedContainer(keyedBy: ColumnKey.self)
            var row: [ReportValue] = []
            row.reserveCapacity(columns.count)
            for column in columns {
                let key = ColumnKey(column.id)
                guard rowContainer.contains(key) else {
                    row.append(.missing)
                    continue
                }
                row.append(try rowContainer.decodeValue(forKey: key, format: column.format))
            }
            rows.append(row)
        }
        if let collapse, collapse.groups.count != rows.count || columnIndex(collapse.column) == nil {
            throw DecodingError.dataCorruptedError(forKey: .collapse, in: container,
                                                   debugDescription: "table \(id): collapse groups do not match the rows")
        }
    }
}

/// A coding key made from a column id (or any string).
struct ColumnKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer {
    /// Decodes the value at `key` preferring the storage of `format`, so that a value comes
    /// back as the same ``ReportValue`` case it was written from.
    func decodeValue(forKey key: Key, format: ValueFormat) throws -> ReportValue {
        let nested = try superDecoder(forKey: key)
        return try ReportValue.decode(from: nested.singleValueContainer(), preferring: format.storage)
    }
}
