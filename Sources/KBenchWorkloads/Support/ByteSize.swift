/// Byte sizes with units, as the CLI reads and prints them (`16KiB`, `1 MiB`, `1500`).
///
/// Binary units: `KiB`, `MiB`, `GiB` and the shorthands `K`, `M`, `G` (1024-based, as `dd`
/// and Kafka users mean them); decimal units: `KB`, `MB`, `GB` (1000-based); `B` or no unit:
/// bytes. Units are case-insensitive; a space between number and unit is allowed.
package enum ByteSize {
    /// The byte count `text` denotes.
    package static func parse(_ text: String) throws(ByteSizeError) -> Int {
        let trimmed = text.trimmingBlanks()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { throw ByteSizeError(input: text) }
        let unit = String(trimmed.dropFirst(digits.count)).trimmingBlanks().lowercased()
        let multiplier: Int
        switch unit {
        case "", "b": multiplier = 1
        case "k", "kib": multiplier = 1 << 10
        case "m", "mib": multiplier = 1 << 20
        case "g", "gib": multiplier = 1 << 30
        case "kb": multiplier = 1000
        case "mb": multiplier = 1_000_000
        case "gb": multiplier = 1_000_000_000
        default: throw ByteSizeError(input: text)
        }
        let (value, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { throw ByteSizeError(input: text) }
        return value
    }

    /// A comma-separated list of sizes (`1KiB,16KiB,1MiB`), in the order given.
    package static func parseList(_ text: String) throws(ByteSizeError) -> [Int] {
        var sizes: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            sizes.append(try parse(String(part)))
        }
        return sizes
    }

    /// The shortest exact form: `16 KiB`, `1 MiB`, `1500 B`.
    package static func format(_ bytes: Int) -> String {
        for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] where bytes != 0 && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift) \(unit)"
        }
        return "\(bytes) B"
    }

    /// A compact form for identifiers: `16kib`, `1mib`, `1500b`.
    package static func identifier(_ bytes: Int) -> String {
        String(format(bytes).filter { $0 != " " }).lowercased()
    }
}

/// A size that could not be read.
package struct ByteSizeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text given.
    package var input: String

    /// An error for `input`.
    package init(input: String) {
        self.input = input
    }

    /// One line naming the text and the accepted forms.
    package var description: String {
        "'\(input)' is not a byte size (examples: 1024, 16KiB, 1MiB, 64K, 1MB)"
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
