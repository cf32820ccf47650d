import Foundation

/// Locale-independent, deterministic number formatting: the one place every renderer,
/// chart and progress line takes its digits from.
///
/// Nothing here depends on the process locale, so the same value prints the same text on
/// every machine (a decimal point is always `.`, thousands are grouped with `,`).
/// Non-finite values print as `∞`, `-∞` and `NaN`.
package enum NumberText {
    /// Digits beyond this many places after the point are not offered (Double has ~17).
    static let maximumPlaces = 15

    /// `value` with exactly `places` digits after the decimal point, rounded half away from
    /// zero, without grouping: `fixed(3.14159, places: 2)` is `"3.14"`. A result that
    /// rounds to zero never carries a minus sign.
    package static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let places = min(max(places, 0), maximumPlaces)
        let scaled = (value.magnitude * power10(places)).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 the scaled value is no longer an exact integer: fall back to the
        // shortest round-trip digits, which are exact and still deterministic.
        guard scaled < 9.0e15 else { return largeFixed(value, places: places) }
        var digits = String(UInt64(scaled))
        if places > 0 {
            if digits.count <= places {
                digits = String(repeating: "0", count: places - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return (value < 0 && scaled != 0 ? "-" : "") + digits
    }

    /// `value` with `digits` significant digits (at least 1), never dropping integer digits:
    /// `significant(0.012345, digits: 3)` is `"0.0123"`, `significant(12345, digits: 3)` is
    /// `"12345"`. Magnitudes below 1e-4 or from 1e15 use scientific notation (`"1.23e-9"`).
    package static func significant(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        guard value != 0 else { return "0" }
        let digits = min(max(digits, 1), 17)
        let magnitude = value.magnitude
        if magnitude < 1e-4 || magnitude >= 1e15 { return scientific(value, digits: digits) }
        var exponent = Int(log10(magnitude).rounded(.down))
        var places = max(0, digits - 1 - exponent)
        // Rounding may carry into a new leading digit (9.996 → 10.0): one place fewer then.
        let rounded = (magnitude * power10(places)).rounded(.toNearestOrAwayFromZero) / power10(places)
        if rounded >= tenToThe(exponent + 1) {
            exponent += 1
            places = max(0, digits - 1 - exponent)
        }
        return fixed(value, places: places)
    }

    /// `value` as `m.mmme±x` with `digits` significant digits: `scientific(0.000123, digits: 2)`
    /// is `"1.2e-4"`.
    package static func scientific(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        guard value != 0 else { return "0" }
        let places = min(max(digits, 1), 17) - 1
        var exponent = Int(log10(value.magnitude).rounded(.down))
        var mantissa = dividingByPower10(value.magnitude, exponent)
        let roundedMantissa = (mantissa * power10(places)).rounded(.toNearestOrAwayFromZero) / power10(places)
        if roundedMantissa >= 10 {
            exponent += 1
            mantissa /= 10
        }
        let sign = value < 0 ? "-" : ""
        return sign + fixed(mantissa, places: places) + "e" + String(exponent)
    }

    /// An integer with thousands grouped by commas: `grouped(1234567)` is `"1,234,567"`.
    package static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + groupThousands(digits)
    }

    /// A decimal string (as produced by ``fixed(_:places:)``) with its integer part grouped
    /// by commas: `"83333.33"` becomes `"83,333.33"`. Scientific and non-finite text is
    /// returned unchanged.
    package static func groupingIntegerPart(of text: String) -> String {
        guard !text.contains("e"), text.allSatisfy({ $0.isASCII }) else { return text }
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let pointIndex = unsigned.firstIndex(of: ".") ?? unsigned.endIndex
        let integerPart = groupThousands(String(unsigned[..<pointIndex]))
        return (negative ? "-" : "") + integerPart + unsigned[pointIndex...]
    }

    /// The shortest text that reads back as exactly `value` — for machine formats (CSV):
    /// integral values below 1e15 print without a fraction (`2`, not `2.0`).
    package static func raw(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        if value == value.rounded(), value.magnitude < 1e15 {
            return String(Int64(value))
        }
        return String(describing: value)
    }

    /// A compact label for axis ticks: SI prefixes from a thousand (`1.5k`, `20M`, `3G`),
    /// at most three significant digits, trailing zeros dropped (`0.25`, `12.5`).
    package static func compact(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let prefixes: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, prefix) in prefixes where value.magnitude >= scale {
            return trimmingZeros(significant(value / scale, digits: 3)) + prefix
        }
        return trimmingZeros(significant(value, digits: 3))
    }

    /// Removes trailing zeros after a decimal point, and the point if nothing follows it:
    /// `"2.50"` → `"2.5"`, `"3.00"` → `"3"`. Text without a point is returned unchanged.
    package static func trimmingZeros(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    package static func nonFinite(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        return value < 0 ? "-∞" : "∞"
    }

    static func groupThousands(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        var result = ""
        result.reserveCapacity(digits.count + digits.count / 3)
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    /// 10^n for n ≥ 0, exact up to 10^22.
    static func power10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(n, 0) { result *= 10 }
        return result
    }

    /// 10^n for any n in the Double range.
    static func tenToThe(_ n: Int) -> Double {
        n >= 0 ? power10(min(n, 308)) : dividingByPower10(1, -n)
    }

    /// `magnitude` ÷ 10^exponent without overflowing the intermediate power (|exponent| may
    /// exceed 300 for subnormal inputs).
    static func dividingByPower10(_ magnitude: Double, _ exponent: Int) -> Double {
        if exponent >= 0 { return magnitude / power10(min(exponent, 308)) }
        let k = -exponent
        return k > 300 ? magnitude * 1e300 * power10(k - 300) : magnitude * power10(k)
    }

    private static func largeFixed(_ value: Double, places: Int) -> String {
        let shortest = String(describing: value)
        guard !shortest.contains("e") else { return shortest }
        if let point = shortest.firstIndex(of: ".") {
            let fraction = shortest[shortest.index(after: point)...]
            if fraction.allSatisfy({ $0 == "0" }) {
                let integer = String(shortest[..<point])
                return places > 0 ? integer + "." + String(repeating: "0", count: places) : integer
            }
        }
        return shortest
    }
}
