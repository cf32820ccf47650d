/// Human-readable quantities with units — bytes, rates, durations, percentages — built on
/// ``NumberText`` so they are locale-independent and deterministic.
package enum UnitText {
    /// Binary byte units: `512 B`, `16 KiB`, `1.5 MiB`, `1.23 GiB`. Whole multiples print
    /// without a fraction (`64 KiB`); others with three significant digits. Below 1 KiB the
    /// value is rounded to whole bytes.
    package static func bytes(_ count: Double) -> String {
        guard count.isFinite else { return NumberText.nonFinite(count) + " B" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var scaled = count
        var unitIndex = 0
        while scaled.magnitude >= 1024, unitIndex < units.count - 1 {
            scaled /= 1024
            unitIndex += 1
        }
        if unitIndex == 0 { return NumberText.fixed(count, places: 0) + " B" }
        let digits = scaled == scaled.rounded() ? NumberText.fixed(scaled, places: 0)
            : NumberText.significant(scaled, digits: 3)
        return digits + " " + units[unitIndex]
    }

    /// A per-second rate with an SI prefix and three significant digits. Short unit symbols
    /// take the prefix directly (`rate(1.23e9, unit: "B")` is `"1.23 GB/s"`); words are
    /// spaced (`rate(1.2e7, unit: "keys")` is `"12.0 M keys/s"`). An empty unit gives
    /// `"12.0 M/s"`.
    package static func rate(_ perSecond: Double, unit: String) -> String {
        let (mantissa, prefix) = siPrefixed(perSecond)
        let number = NumberText.significant(mantissa, digits: 3)
        if unit.isEmpty { return "\(number) \(prefix)/s" }
        if unit.count <= 2 { return "\(number) \(prefix)\(unit)/s" }
        return prefix.isEmpty ? "\(number) \(unit)/s" : "\(number) \(prefix) \(unit)/s"
    }

    /// A duration given in seconds, in the largest unit that keeps it at or above 1, with
    /// three significant digits: `6.91 ns`, `12.4 µs`, `3.50 ms`, `2.35 s`; from a minute on,
    /// `3 min 20 s` and `1 h 02 min`.
    package static func duration(seconds: Double) -> String {
        guard seconds.isFinite else { return NumberText.nonFinite(seconds) + " s" }
        let magnitude = seconds.magnitude
        if magnitude == 0 { return "0 s" }
        if magnitude >= 60 {
            let total = Int64(magnitude.rounded())
            let sign = seconds < 0 ? "-" : ""
            if total < 3600 { return "\(sign)\(total / 60) min \(total % 60) s" }
            let minutes = (total % 3600) / 60
            return "\(sign)\(total / 3600) h \(minutes < 10 ? "0" : "")\(minutes) min"
        }
        let scales: [(Double, String)] = [(1, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")]
        for (scale, unit) in scales where magnitude >= scale * 0.9995 {
            return NumberText.significant(seconds / scale, digits: 3) + " " + unit
        }
        return NumberText.significant(seconds / 1e-9, digits: 3) + " ns"
    }

    /// A clock-style duration for progress lines: `0:05`, `12:34`, `1:02:03`.
    package static func clock(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int64(min(seconds, 359_999).rounded())
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        let secs = total % 60
        let twoDigits = { (value: Int64) in value < 10 ? "0\(value)" : "\(value)" }
        if hours > 0 { return "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" }
        return "\(minutes):\(twoDigits(secs))"
    }

    /// A fraction as a percentage with `places` decimals: `percent(0.0833, places: 1)` is
    /// `"8.3%"`.
    package static func percent(_ fraction: Double, places: Int) -> String {
        NumberText.fixed(fraction * 100, places: places) + "%"
    }

    /// `value` scaled into [1, 1000) with its SI prefix (`""`, `k`, `M`, `G`, `T`, `P`).
    /// Values below 1000 keep an empty prefix.
    static func siPrefixed(_ value: Double) -> (Double, String) {
        guard value.isFinite else { return (value, "") }
        let prefixes = ["", "k", "M", "G", "T", "P"]
        var scaled = value
        var index = 0
        // 999.5 would round to "1000": promote it to "1.00 k" instead.
        while scaled.magnitude >= 999.5, index < prefixes.count - 1 {
            scaled /= 1000
            index += 1
        }
        return (scaled, prefixes[index])
    }
}
