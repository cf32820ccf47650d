/// The spread of one timed cell's own rounds, in the raw unit of its column (seconds for a
/// duration, per second for a rate, milliseconds for a latency column): the fastest and
/// slowest of its timing samples, or the lowest and highest of its runs.
package struct ReportSpread: Sendable, Hashable, Codable {
    /// Low end.
    package var low: Double
    /// High end.
    package var high: Double
    /// Samples (rounds or runs) behind it.
    package var samples: Int

    /// A spread from its ends (put in order) and sample count.
    package init(low: Double, high: Double, samples: Int) {
        self.low = Swift.min(low, high)
        self.high = Swift.max(low, high)
        self.samples = samples
    }

    /// Whether the two spreads share a value.
    package func overlaps(_ other: ReportSpread) -> Bool {
        low <= other.high && other.low <= high
    }
}

/// A timed column of a compared table: which way is faster, and the spread of each row's rounds.
package struct ReportTimedColumn: Sendable, Hashable, Codable {
    /// Whether a lower value is faster (durations, latencies) rather than a higher one (rates).
    package var lowerIsFaster: Bool
    /// One spread per row (nil where the row has no value or no spread).
    package var spreads: [ReportSpread?]

    /// A timed column from its parts.
    package init(lowerIsFaster: Bool, spreads: [ReportSpread?]) {
        self.lowerIsFaster = lowerIsFaster
        self.spreads = spreads
    }
}

/// What `kbench report --baseline` needs to know of a table to compare it with the same table
/// of an earlier run: which columns name a row, which cells are timed (each with the
/// ``ReportSpread`` of its rounds), and which columns hold deterministic figures (ratios, byte
/// counts, distribution statistics) that must not change between builds. Columns in none of
/// these lists are not compared.
package struct ReportTableComparison: Sendable, Hashable, Codable {
    /// Columns whose values together name a row across runs.
    package var keyColumns: [String]
    /// Timed columns by column id.
    package var timed: [String: ReportTimedColumn]
    /// Columns of figures that do not depend on timing.
    package var deterministicColumns: [String]

    /// A comparison description from its parts.
    package init(keyColumns: [String], timed: [String: ReportTimedColumn] = [:], deterministicColumns: [String] = []) {
        self.keyColumns = keyColumns
        self.timed = timed
        self.deterministicColumns = deterministicColumns
    }
}
