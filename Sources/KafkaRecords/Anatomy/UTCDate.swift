/// A UTC calendar time from Unix milliseconds (proleptic Gregorian, Howard Hinnant's
/// civil-from-days), printed as ISO 8601 (`2024-01-31T12:00:00.000Z`). Shared by the batch
/// anatomy and the inspection reports.
public struct UTCDate: Sendable, Hashable, CustomStringConvertible {
    /// The year (proleptic Gregorian; 0 and negative before year 1).
    public let year: Int64
    /// The month, 1–12.
    public let month: Int64
    /// The day of the month, 1–31.
    public let day: Int64
    /// The hour, 0–23.
    public let hour: Int64
    /// The minute, 0–59.
    public let minute: Int64
    /// The second, 0–59.
    public let second: Int64
    /// The millisecond, 0–999.
    public let millisecond: Int64

    /// The date of any Unix millisecond timestamp, including years outside 0001–9999 (no trap
    /// for any `Int64`).
    public init(unixMilliseconds milliseconds: Int64) {
        var days = milliseconds / 86_400_000
        var rest = milliseconds % 86_400_000
        if rest < 0 { rest += 86_400_000; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = rest / 3_600_000
        minute = rest / 60_000 % 60
        second = rest / 1000 % 60
        millisecond = rest % 1000
    }

    /// The date of a Unix millisecond timestamp in years 0001–9999 only (beyond that the ISO
    /// form is not meaningful); nil outside.
    public init?(milliseconds: Int64) {
        // 0001-01-01 … 9999-12-31 in Unix milliseconds.
        guard milliseconds >= -62_135_596_800_000, milliseconds <= 253_402_300_799_999 else { return nil }
        self.init(unixMilliseconds: milliseconds)
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `1970-01-01T00:00:00.000Z`.
    public var description: String {
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))Z"
    }
}
