/// A timed cell of this run against the same cell of the baseline run.
package struct BaselineCell: Sendable, Hashable {
    /// The report (`hash`).
    package var report: String
    /// The table id (`murmur2`).
    package var table: String
    /// The row, by its key columns (`single 8 B`).
    package var row: String
    /// The column's header (`kbench time (per key)`).
    package var column: String
    /// The baseline's value, as shown.
    package var baselineText: String
    /// This run's value, as shown.
    package var currentText: String
    /// This run ÷ the baseline − 1.
    package var change: Double
    /// Whether this run is slower.
    package var slower: Bool

    /// `hash murmur2 single 8 B, kbench time (per key)`.
    package var label: String { "\(report) \(table) \(row), \(column)" }

    /// `+12.5%`, `−3.0%` (`signed`), or `12.5%`.
    package static func percentText(_ fraction: Double, signed: Bool = true) -> String {
        guard fraction.isFinite else { return "—" }
        let magnitude = NumberText.fixed(abs(fraction) * 100, places: 1) + "%"
        guard signed else { return magnitude }
        return (fraction < 0 ? "−" : "+") + magnitude
    }
}

/// A deterministic figure (a ratio, a byte count, a distribution statistic) that differs from
/// the baseline: it should never change between builds.
package struct BaselineResultChange: Sendable, Hashable {
    /// Where: `compress codecs-librdkafka-16kib zstd 3, ratio`.
    package var label: String
    /// The baseline's value, as shown.
    package var baselineText: String
    /// This run's value, as shown.
    package var currentText: String
}
