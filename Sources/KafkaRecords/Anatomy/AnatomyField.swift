/// One labelled byte range of an encoded record or batch, for annotated hex views.
public struct AnatomyField: Sendable, Hashable, Codable {
    /// What a field is part of; used to sum up where the bytes go.
    public enum Category: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// The 61-byte batch header.
        case batchHeader
        /// Per-record framing: length, attributes, deltas, length prefixes, header count.
        case recordFraming
        /// Key bytes.
        case key
        /// Value bytes.
        case value
        /// Header keys and values with their length prefixes.
        case headers
        /// A compressed records block (not broken down).
        case compressedRecords

        /// A short human name, e.g. `record framing`.
        public var description: String {
            switch self {
            case .batchHeader: "batch header"
            case .recordFraming: "record framing"
            case .key: "key"
            case .value: "value"
            case .headers: "headers"
            case .compressedRecords: "compressed records"
            }
        }
    }

    /// Dotted field name, e.g. `baseOffset`, `records[0].key`, `headers[1].valueLength`.
    public var label: String
    /// What the field belongs to.
    public var category: Category
    /// Offset of the first byte inside the annotated bytes.
    public var offset: Int
    /// Number of bytes (0 for an empty key, value or header value).
    public var length: Int
    /// The decoded value as text: a number, a quoted string, or `0x…` hex for binary data.
    public var value: String
    /// `length` divided by the total size of the annotated bytes.
    public var share: Double

    /// Creates a field.
    public init(label: String, category: Category, offset: Int, length: Int, value: String, share: Double) {
        self.label = label
        self.category = category
        self.offset = offset
        self.length = length
        self.value = value
        self.share = share
    }

    /// The byte range inside the annotated bytes.
    public var range: Range<Int> { offset..<(offset + length) }
}

/// How many bytes of an encoded message or batch one category takes.
public struct AnatomyShare: Sendable, Hashable, Codable {
    /// The category.
    public var category: AnatomyField.Category
    /// Bytes in that category.
    public var bytes: Int
    /// `bytes` divided by the total.
    public var share: Double

    /// Creates a share.
    public init(category: AnatomyField.Category, bytes: Int, share: Double) {
        self.category = category
        self.bytes = bytes
        self.share = share
    }

    /// Sums `fields` by category (categories with no bytes are left out), in category order.
    public static func summarize(_ fields: [AnatomyField], total: Int) -> [AnatomyShare] {
        AnatomyField.Category.allCases.compactMap { category in
            let bytes = fields.lazy.filter { $0.category == category }.reduce(0) { $0 + $1.length }
            let present = fields.contains { $0.category == category }
            guard present else { return nil }
            return AnatomyShare(category: category, bytes: bytes, share: total > 0 ? Double(bytes) / Double(total) : 0)
        }
    }
}

/// Renders bytes and numbers for anatomy values.
enum AnatomyText {
    /// Longest rendering of a key/value/header value before it is cut with `…`.
    static let maximumLength = 80

    /// A quoted string when the bytes are printable UTF-8, else `0x…` hex; `null` for nil.
    static func bytes(_ bytes: UnsafeRawBufferPointer?) -> String {
        guard let bytes else { return "null" }
        if let text = String(validating: bytes, as: UTF8.self),
           text.unicodeScalars.allSatisfy({ !$0.properties.generalCategory.isControl || $0 == "\t" }) {
            let quoted = text.debugDescription
            return quoted.count > maximumLength ? String(quoted.prefix(maximumLength - 2)) + "…\"" : quoted
        }
        let hexDigits = bytes.prefix(maximumLength / 2 - 1).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
        return "0x" + hexDigits + (bytes.count > maximumLength / 2 - 1 ? "…" : "")
    }

    /// A millisecond timestamp with its UTC date, `-1 (none)` for the sentinel.
    static func timestamp(_ milliseconds: Int64) -> String {
        if milliseconds == -1 { return "-1 (none)" }
        guard let date = UTCDate(milliseconds: milliseconds) else { return "\(milliseconds)" }
        return "\(milliseconds) (\(date))"
    }

    /// A value with `(none)` when it is the -1 sentinel.
    static func sentinel<T: BinaryInteger>(_ value: T) -> String {
        value == -1 ? "-1 (none)" : "\(value)"
    }
}

extension Unicode.GeneralCategory {
    /// Control, format, surrogate, private-use and unassigned characters.
    var isControl: Bool {
        switch self {
        case .control, .format, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }
}
