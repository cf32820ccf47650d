/// Counts as the CLI reads them: `1000`, `1_000`, `1,000`, `10k`, `1M`, `2G` (decimal:
/// k = 1,000, M = 1,000,000, G = 1,000,000,000; case-insensitive), with an optional sign so
/// that a caller can say which range a negative count is outside of.
///
/// One parser for every count: key specs (`seq:user-:1M`) and every count option
/// (`--messages 1M`) read numbers the same way.
package enum Count {
    /// The accepted forms, for error messages and help.
    package static let syntax = "digits with an optional k, M or G (×1,000, ×1,000,000, ×1,000,000,000)"

    /// The number `text` denotes.
    ///
    /// - Throws: ``CountError`` when `text` is not digits (with `_`/`,` separators) and an
    ///   optional suffix, or the count does not fit in an `Int`.
    package static func parse(_ text: String) throws(CountError) -> Int {
        var digits = Substring(text.trimmingBlanks()).filter { $0 != "_" && $0 != "," }
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits.removeFirst() }
        var multiplier = 1
        switch digits.last {
        case "k", "K": multiplier = 1_000
        case "m", "M": multiplier = 1_000_000
        case "g", "G": multiplier = 1_000_000_000
        default: break
        }
        if multiplier != 1 { digits.removeLast() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw CountError(input: text, reason: .notANumber)
        }
        guard let value = Int(digits) else { throw CountError(input: text, reason: .tooLarge) }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { throw CountError(input: text, reason: .tooLarge) }
        return negative ? -product : product
    }

    /// `1000000` as `1M`, `12000` as `12k`, `1500` as `1500`: the shortest exact form.
    package static func format(_ count: Int) -> String {
        for (suffix, factor) in [("G", 1_000_000_000), ("M", 1_000_000), ("k", 1_000)] where count != 0 && count % factor == 0 {
            return "\(count / factor)\(suffix)"
        }
        return String(count)
    }

    /// `1…100000`, or `≥ 1` when the range has no upper bound (`Int.max`): how an error
    /// message states the counts allowed.
    package static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == .max ? "≥ \(range.lowerBound)" : "\(range.lowerBound)…\(range.upperBound)"
    }
}

/// A count that could not be read.
package struct CountError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    package enum Reason: Sendable, Hashable {
        /// Not digits with an optional suffix.
        case notANumber
        /// More than `Int.max`.
        case tooLarge
    }

    /// The text given.
    package var input: String
    /// What is wrong.
    package var reason: Reason

    /// An error for `input`.
    package init(input: String, reason: Reason) {
        self.input = input
        self.reason = reason
    }

    /// One line naming the text and the accepted forms.
    package var description: String {
        switch reason {
        case .notANumber: "'\(input)' is not a count (\(Count.syntax))"
        case .tooLarge: "'\(input)' is too large a count (at most \(Int.max))"
        }
    }
}
