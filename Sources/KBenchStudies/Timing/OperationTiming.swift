/// The time of one run of an operation, from repeated samples (``InterleavedTimer``).
package struct OperationTiming: Sendable, Hashable, Codable {
    /// Median seconds per run.
    package var medianSeconds: Double { spread.median }
    /// Median and quartiles of the samples, seconds per run.
    package var spread: TimingSpread
    /// Fastest sample, seconds per run.
    package var minimumSeconds: Double
    /// Slowest sample, seconds per run (not written to JSON; the median when only that is known).
    package var maximumSeconds: Double
    /// Samples taken (each the mean of ``runsPerSample`` back-to-back runs).
    package var samples: Int
    /// Runs per sample.
    package var runsPerSample: Int

    /// A timing (`maximumSeconds` defaults to the upper quartile).
    package init(spread: TimingSpread, minimumSeconds: Double, maximumSeconds: Double? = nil, samples: Int, runsPerSample: Int) {
        self.spread = spread
        self.minimumSeconds = minimumSeconds
        self.maximumSeconds = maximumSeconds ?? spread.high
        self.samples = samples
        self.runsPerSample = runsPerSample
    }

    /// A timing known by its median only (quartiles equal to it).
    package init(medianSeconds: Double, minimumSeconds: Double, samples: Int, runsPerSample: Int) {
        self.init(spread: TimingSpread(median: medianSeconds, low: medianSeconds, high: medianSeconds),
                  minimumSeconds: minimumSeconds, samples: samples, runsPerSample: runsPerSample)
    }

    /// Fastest to slowest sample, seconds per run: the spread of the cell's own rounds that
    /// `kbench report --baseline` compares (the minimum alone when they are not ordered).
    package var range: ClosedRange<Double> {
        minimumSeconds <= maximumSeconds ? minimumSeconds...maximumSeconds : minimumSeconds...minimumSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case medianSeconds, minimumSeconds, samples, runsPerSample
    }

    /// Encodes the fields hash reports have always carried (the quartiles are not published).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(medianSeconds, forKey: .medianSeconds)
        try container.encode(minimumSeconds, forKey: .minimumSeconds)
        try container.encode(samples, forKey: .samples)
        try container.encode(runsPerSample, forKey: .runsPerSample)
    }

    /// Decodes what ``encode(to:)`` writes.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(medianSeconds: try container.decode(Double.self, forKey: .medianSeconds),
                  minimumSeconds: try container.decode(Double.self, forKey: .minimumSeconds),
                  samples: try container.decode(Int.self, forKey: .samples),
                  runsPerSample: try container.decode(Int.self, forKey: .runsPerSample))
    }
}
