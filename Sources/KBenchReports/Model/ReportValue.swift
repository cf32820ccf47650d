/// One typed value in a report: a table cell or a summary fact. Never pre-formatted text —
/// each renderer formats it with the column's or fact's ``ValueFormat``.
///
/// In JSON a value is the plain JSON scalar (`"zstd"`, `12`, `3.25`, `null`); non-finite
/// numbers are the strings `"inf"`, `"-inf"` and `"nan"`.
package enum ReportValue: Sendable, Hashable {
    /// Free text (a name, a label, a codec and level…).
    case text(String)
    /// An exact integer (a count, a size in bytes, a partition number…).
    case integer(Int64)
    /// A measured or derived real number, in the base unit of its format (seconds, bytes,
    /// per-second, a fraction for percentages).
    case number(Double)
    /// No value (not applicable, not measured). Renders as `—` for people, empty in CSV,
    /// `null` in JSON.
    case missing

    /// An integer value from any binary integer (saturating at the Int64 range).
    package init<Value: BinaryInteger>(_ value: Value) {
        self = .integer(Int64(clamping: value))
    }

    /// A real value from any binary floating-point number.
    package init<Value: BinaryFloatingPoint>(_ value: Value) {
        self = .number(Double(value))
    }

    /// A text value, or missing for `nil`.
    package init(_ text: String?) {
        self = text.map(ReportValue.text) ?? .missing
    }

    /// The value as a Double if it is numeric; `nil` for text and missing values.
    package var numericValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        case .text, .missing: nil
        }
    }

    /// The text if this is a text value.
    package var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The JSON storage class this value occupies.
    var storage: CellStorage {
        switch self {
        case .text: .text
        case .integer: .integer
        case .number: .number
        case .missing: .missing
        }
    }
}

/// How a value is stored, to decode JSON scalars back to the case they were written from.
enum CellStorage: Sendable {
    case text, integer, number, missing
}

extension ReportValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    /// A text literal: `"zstd"`.
    package init(stringLiteral value: String) { self = .text(value) }
    /// An integer literal: `42`.
    package init(integerLiteral value: Int64) { self = .integer(value) }
    /// A floating-point literal: `3.25`.
    package init(floatLiteral value: Double) { self = .number(value) }
    /// `nil` is a missing value.
    package init(nilLiteral: ()) { self = .missing }
}

extension ReportValue: Codable {
    /// Writes the plain JSON scalar (see the type's documentation).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .missing: try container.encodeNil()
        }
    }

    /// Reads a JSON scalar without knowing its format: whole numbers become `.integer`.
    /// Tables and facts decode with their format instead (``decode(from:preferring:)``), so
    /// `3.0` in a decimal column comes back as `.number(3.0)`.
    package init(from decoder: any Decoder) throws {
        self = try Self.decode(from: decoder.singleValueContainer(), preferring: .integer)
    }

    /// Decodes a scalar, trying the storage the format expects first, so values written by
    /// ``encode(to:)`` come back as the same case.
    static func decode(from container: any SingleValueDecodingContainer, preferring storage: CellStorage) throws -> ReportValue {
        if container.decodeNil() { return .missing }
        let attempts: [CellStorage] = switch storage {
        case .text, .missing: [.text, .integer, .number]
        case .integer: [.integer, .number, .text]
        case .number: [.number, .integer, .text]
        }
        for attempt in attempts {
            switch attempt {
            case .text: if let text = try? container.decode(String.self) { return .text(text) }
            case .integer: if let value = try? container.decode(Int64.self) { return .integer(value) }
            case .number: if let value = try? container.decode(Double.self) { return .number(value) }
            case .missing: break
            }
        }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a string, a number or null")
    }
}
