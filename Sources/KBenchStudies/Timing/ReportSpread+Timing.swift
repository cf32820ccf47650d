import KBenchReports

extension ReportSpread {
    /// The fastest and slowest of `timing`'s samples per key (`keys` keys per run), in seconds.
    init(perKey timing: OperationTiming, keys: Int) {
        let keys = Double(Swift.max(keys, 1))
        self.init(low: timing.range.lowerBound / keys, high: timing.range.upperBound / keys, samples: timing.samples)
    }

    /// `amount` per second at both ends of `seconds` (the slow end first).
    init(rateOf amount: Double, in seconds: ClosedRange<Double>, samples: Int) {
        self.init(low: amount / seconds.upperBound, high: amount / seconds.lowerBound, samples: samples)
    }
}
