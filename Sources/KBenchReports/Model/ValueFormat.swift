/// How a column or fact shows its values to people (table, Markdown, HTML). Machine
/// formats (JSON, CSV) carry the raw value in the format's base unit instead.
///
/// In JSON: `{"kind": "decimal", "places": 2}`, `{"kind": "rate", "unit": "B"}`, …
package enum ValueFormat: Sendable, Hashable {
    /// Free text, left-aligned.
    case text
    /// Whole numbers with grouped thousands: `1,234,567`.
    case integer
    /// Fixed decimals with grouped thousands: `83,333.33` for `places: 2`.
    case decimal(places: Int)
    /// Significant digits by ``NumberRule``, never dropping integer digits: `0.0123`, `12,345`, `1.23e-9`.
    case significant(digits: Int)
    /// A p-value by ``NumberRule/probability(_:digits:)``: significant digits like
    /// ``significant(digits:)``, and `< 1e-300` below that (an underflow to 0 included).
    case probability(digits: Int)
    /// A fraction shown as a percentage: `0.0833` → `8.33%` for `places: 2`.
    case percent(places: Int)
    /// A byte count in binary units: `16 KiB`, `1.5 MiB`. Raw unit: bytes.
    case bytes
    /// A per-second rate with an SI prefix: `1.23 GB/s` for unit `B`, `12.0 M keys/s` for
    /// unit `keys`. Raw unit: `unit` per second.
    case rate(unit: String)
    /// A duration in seconds shown in ns/µs/ms/s: `6.91 ns`. Raw unit: seconds.
    case duration

    /// The alignment columns of this format get unless they say otherwise: text left,
    /// numbers right.
    package var defaultAlignment: ReportAlignment {
        self == .text ? .left : .right
    }

    /// The unit raw values are expressed in (for CSV headers), or `nil` for unitless formats.
    package var rawUnit: String? {
        switch self {
        case .text, .integer, .decimal, .significant, .probability: nil
        case .percent: "fraction"
        case .bytes: "bytes"
        case .rate(let unit): unit.isEmpty ? "per second" : "\(unit)/s"
        case .duration: "s"
        }
    }

    /// `value` formatted for people. Text values print as they are in any format (and
    /// numbers in a text format plainly); missing values print as `—`.
    package func display(_ value: ReportValue) -> String {
        switch value {
        case .missing: return "—"
        case .text(let text): return text
        case .integer(let integer):
            switch self {
            case .text: return String(integer)
            case .integer: return NumberText.grouped(integer)
            default: return display(number: Double(integer))
            }
        case .number(let number):
            if self == .integer, number.isFinite {
                return NumberText.groupingIntegerPart(of: NumberText.fixed(number, places: 0))
            }
            return display(number: number)
        }
    }

    /// `value` for machine formats (CSV): the shortest exact digits of the raw value, text
    /// unchanged, missing values empty.
    package func raw(_ value: ReportValue) -> String {
        switch value {
        case .missing: ""
        case .text(let text): text
        case .integer(let integer): String(integer)
        case .number(let number): NumberText.raw(number)
        }
    }

    private func display(number: Double) -> String {
        switch self {
        case .text: return NumberRule.quantity(number, digits: 4)
        case .integer: return NumberRule.count(number)
        case .decimal(let places): return NumberText.groupingIntegerPart(of: NumberText.fixed(number, places: places))
        case .significant(let digits): return NumberRule.quantity(number, digits: digits)
        case .probability(let digits): return NumberRule.probability(number, digits: digits)
        case .percent(let places): return UnitText.percent(number, places: places)
        case .bytes: return UnitText.bytes(number)
        case .rate(let unit): return UnitText.rate(number, unit: unit)
        case .duration: return UnitText.duration(seconds: number)
        }
    }

    /// The storage cells of this format use: integers for `.integer`, text for `.text`,
    /// real numbers otherwise.
    var storage: CellStorage {
        switch self {
        case .text: .text
        case .integer: .integer
        default: .number
        }
    }

    /// `value` in the case this format stores, so that JSON reads it back identically:
    /// whole numbers become integers in integer and text formats, integers become numbers
    /// in real-valued formats.
    func normalized(_ value: ReportValue) -> ReportValue {
        switch (storage, value) {
        case (.integer, .number(let number)), (.text, .number(let number)):
            if number.isFinite, number == number.rounded(), number.magnitude < 9.0e15 {
                return .integer(Int64(number))
            }
            return value
        case (.number, .integer(let integer)):
            return .number(Double(integer))
        default:
            return value
        }
    }
}

/// Horizontal alignment of a column.
package enum ReportAlignment: String, Sendable, Hashable, Codable, CaseIterable {
    /// Flush left (text).
    case left
    /// Flush right (numbers, so digits line up).
    case right
    /// Centred.
    case center
}

extension ValueFormat: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, places, digits, unit
    }

    private enum Kind: String, Codable {
        case text, integer, decimal, significant, probability, percent, bytes, rate, duration
    }

    /// Writes `{"kind": …}` plus the format's parameter (`places`, `digits` or `unit`).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text: try container.encode(Kind.text, forKey: .kind)
        case .integer: try container.encode(Kind.integer, forKey: .kind)
        case .decimal(let places):
            try container.encode(Kind.decimal, forKey: .kind)
            try container.encode(places, forKey: .places)
        case .significant(let digits):
            try container.encode(Kind.significant, forKey: .kind)
            try container.encode(digits, forKey: .digits)
        case .probability(let digits):
            try container.encode(Kind.probability, forKey: .kind)
            try container.encode(digits, forKey: .digits)
        case .percent(let places):
            try container.encode(Kind.percent, forKey: .kind)
            try container.encode(places, forKey: .places)
        case .bytes: try container.encode(Kind.bytes, forKey: .kind)
        case .rate(let unit):
            try container.encode(Kind.rate, forKey: .kind)
            try container.encode(unit, forKey: .unit)
        case .duration: try container.encode(Kind.duration, forKey: .kind)
        }
    }

    /// Reads the form ``encode(to:)`` writes; an unknown `kind` is a decoding error.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .text: self = .text
        case .integer: self = .integer
        case .decimal: self = .decimal(places: try container.decode(Int.self, forKey: .places))
        case .significant: self = .significant(digits: try container.decode(Int.self, forKey: .digits))
        case .probability: self = .probability(digits: try container.decode(Int.self, forKey: .digits))
        case .percent: self = .percent(places: try container.decode(Int.self, forKey: .places))
        case .bytes: self = .bytes
        case .rate: self = .rate(unit: try container.decode(String.self, forKey: .unit))
        case .duration: self = .duration
        }
    }
}
