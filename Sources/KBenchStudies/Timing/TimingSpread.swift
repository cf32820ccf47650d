/// The seconds per run of one timed operation: the median of its samples and their middle
/// half (lower and upper quartile), the spread two settings' speeds must clear to rank.
package struct TimingSpread: Sendable, Hashable, Codable {
    /// Median seconds per run.
    package var median: Double
    /// Lower quartile of the samples (nearest rank); the median when there is one sample.
    package var low: Double
    /// Upper quartile of the samples (nearest rank).
    package var high: Double

    /// A spread from its parts.
    package init(median: Double, low: Double, high: Double) {
        self.median = median
        self.low = low
        self.high = high
    }

    /// The median (mean of the middle two for an even count) and quartiles of `samples`; NaN
    /// when empty.
    package init(samples: [Double]) {
        guard !samples.isEmpty else {
            self.init(median: .nan, low: .nan, high: .nan)
            return
        }
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        let quarter = (sorted.count - 1) / 4
        self.init(median: median, low: sorted[quarter], high: sorted[sorted.count - 1 - quarter])
    }
}
