/// The one rule kbench shows numbers to people by — in tables (``ValueFormat``), chart
/// tooltips and text built from results:
/// - a measured quantity has ``significantDigits`` significant digits (3), never dropping
///   integer digits: `0.0224`, `2.28`, `83,019`;
/// - scientific notation only below 10⁻⁴ or from 10¹⁵, with the same significant digits:
///   `5.66e-6`, `3.20e-5` (never `3.200e-5` beside `5.66e-6`);
/// - thousands grouped with `,` in every non-scientific number: `1,234,567`, `83,333.3`;
/// - counts and byte counts are whole numbers with separators: `1,000,000`, `73 B`;
/// - zero is `0`; non-finite values `∞`, `-∞`, `NaN`;
/// - a p-value below ``smallestProbability`` (one that underflowed to 0 among them) is
///   `< 1e-300`, never `0` beside `3.68e-284`.
///
/// JSON and CSV keep the raw value (``NumberText/raw(_:)``); this rule is for people only.
package enum NumberRule {
    /// Significant digits of a measured quantity unless a column asks for more.
    package static let significantDigits = 3

    /// A measured quantity: `quantity(52.0252)` is `"52.0"`, `quantity(83019)` is `"83,019"`,
    /// `quantity(0.00000566)` is `"5.66e-6"`.
    package static func quantity(_ value: Double, digits: Int = significantDigits) -> String {
        NumberText.groupingIntegerPart(of: NumberText.significant(value, digits: digits))
    }

    /// The smallest p-value shown as a number. A p-value is never 0, but a tail probability
    /// far out (χ² 1,715 on 11 degrees of freedom) underflows to 0 in a `Double`, and values
    /// just above the underflow have lost digits; both read `< 1e-300`.
    package static let smallestProbability = 1e-300

    /// A p-value: `probability(0.932)` is `"0.932"`, `probability(3.68e-284)` is
    /// `"3.68e-284"`, `probability(0)` and anything else below ``smallestProbability`` is
    /// `"< 1e-300"`. Negative and non-finite values print as quantities.
    package static func probability(_ value: Double, digits: Int = significantDigits) -> String {
        guard value >= 0, value < smallestProbability else { return quantity(value, digits: digits) }
        return "< 1e-300"
    }

    /// A count, rounded to a whole number: `count(1e6)` is `"1,000,000"`.
    package static func count(_ value: Double) -> String {
        guard value.isFinite else { return NumberText.nonFinite(value) }
        return NumberText.groupingIntegerPart(of: NumberText.fixed(value, places: 0))
    }

    /// A count: `count(1_000_000)` is `"1,000,000"`.
    package static func count(_ value: some BinaryInteger) -> String {
        NumberText.grouped(Int64(clamping: value))
    }

    /// A byte count as a whole number of bytes: `bytes(73.04)` is `"73 B"`, `bytes(16384)` is `"16,384 B"`.
    package static func bytes(_ value: Double) -> String {
        count(value) + " B"
    }
}
