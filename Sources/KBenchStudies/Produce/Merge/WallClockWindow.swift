import Foundation

/// When a run sent and was answered, in UTC wall-clock time with millisecond resolution: the
/// one clock runs on different machines share (a monotonic clock is per machine). Written to
/// JSON as `"2026-12-04T14:40:15.123Z"`.
package struct WallClockWindow: Sendable, Hashable, Codable {
    /// Milliseconds since 1970-01-01T00:00:00Z of the first send.
    package var startMilliseconds: Int64
    /// Milliseconds since 1970-01-01T00:00:00Z of the last delivery report.
    package var endMilliseconds: Int64

    /// A window from its ends in milliseconds since the epoch (`end` at least `start`).
    package init(startMilliseconds: Int64, endMilliseconds: Int64) {
        self.startMilliseconds = startMilliseconds
        self.endMilliseconds = Swift.max(startMilliseconds, endMilliseconds)
    }

    /// The window starting at `start` and lasting `seconds`.
    package init(start: Date, seconds: Double) {
        let startMilliseconds = Int64((start.timeIntervalSince1970 * 1000).rounded(.down))
        self.init(startMilliseconds: startMilliseconds, endMilliseconds: startMilliseconds + Int64((seconds * 1000).rounded()))
    }

    /// Its length in seconds.
    package var seconds: Double { Double(endMilliseconds - startMilliseconds) / 1000 }

    /// The smallest window holding both.
    package func union(_ other: WallClockWindow) -> WallClockWindow {
        WallClockWindow(startMilliseconds: Swift.min(startMilliseconds, other.startMilliseconds),
                        endMilliseconds: Swift.max(endMilliseconds, other.endMilliseconds))
    }

    /// The time both cover, nil when they do not overlap (touching ends do not count).
    package func intersection(_ other: WallClockWindow) -> WallClockWindow? {
        let start = Swift.max(startMilliseconds, other.startMilliseconds)
        let end = Swift.min(endMilliseconds, other.endMilliseconds)
        return end > start ? WallClockWindow(startMilliseconds: start, endMilliseconds: end) : nil
    }

    /// The time every one of `windows` covers (latest start → earliest end); nil when they do
    /// not all overlap, or there are none.
    package static func common(_ windows: [WallClockWindow]) -> WallClockWindow? {
        guard var common = windows.first else { return nil }
        for window in windows.dropFirst() {
            guard let overlap = common.intersection(window) else { return nil }
            common = overlap
        }
        return common
    }

    /// `2026-12-04T14:40:15.123Z – 2026-12-04T14:40:17.456Z`.
    package var description: String { "\(Self.text(startMilliseconds)) – \(Self.text(endMilliseconds))" }

    private enum CodingKeys: String, CodingKey {
        case start, end
    }

    /// Writes `start` and `end` as UTC text.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.text(startMilliseconds), forKey: .start)
        try container.encode(Self.text(endMilliseconds), forKey: .end)
    }

    /// Reads `start` and `end` as ``encode(to:)`` writes them.
    /// - Throws: `DecodingError.dataCorrupted` naming the field that is not such a time, or
    ///   an end before the start.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func time(_ key: CodingKeys) throws -> Int64 {
            let text = try container.decode(String.self, forKey: key)
            guard let milliseconds = Self.milliseconds(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "expected a UTC time like 2026-12-04T14:40:15.123Z")
            }
            return milliseconds
        }
        startMilliseconds = try time(.start)
        endMilliseconds = try time(.end)
        guard endMilliseconds >= startMilliseconds else {
            throw DecodingError.dataCorruptedError(forKey: .end, in: container, debugDescription: "the end is before the start")
        }
    }

    /// `milliseconds` since the epoch as `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    package static func text(_ milliseconds: Int64) -> String {
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        var time = time_t(fraction < 0 ? seconds - 1 : seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return "\(milliseconds) ms" }
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
        }
        let millisecond = Int(fraction < 0 ? fraction + 1000 : fraction)
        return "\(padded(Int(parts.tm_year) + 1900, 4))-\(padded(Int(parts.tm_mon) + 1, 2))-\(padded(Int(parts.tm_mday), 2))"
            + "T\(padded(Int(parts.tm_hour), 2)):\(padded(Int(parts.tm_min), 2)):\(padded(Int(parts.tm_sec), 2)).\(padded(millisecond, 3))Z"
    }

    /// The milliseconds since the epoch of `yyyy-MM-ddTHH:mm:ss.SSSZ`, nil for other text.
    package static func milliseconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        let shape = Array("0000-00-00T00:00:00.000Z".utf8)
        guard bytes.count == shape.count else { return nil }
        for (byte, expected) in zip(bytes, shape) {
            let fits = expected == UInt8(ascii: "0") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
            guard fits else { return nil }
        }
        func number(_ range: Range<Int>) -> Int32 { Int32(String(decoding: bytes[range], as: UTF8.self))! }
        var parts = tm()
        parts.tm_year = number(0..<4) - 1900
        parts.tm_mon = number(5..<7) - 1
        parts.tm_mday = number(8..<10)
        parts.tm_hour = number(11..<13)
        parts.tm_min = number(14..<16)
        parts.tm_sec = number(17..<19)
        guard (0...11).contains(parts.tm_mon), (1...31).contains(parts.tm_mday), parts.tm_hour < 24, parts.tm_min < 60, parts.tm_sec < 61 else {
            return nil
        }
        let seconds = timegm(&parts)
        return Int64(seconds) * 1000 + Int64(number(20..<23))
    }
}
