/// The median time of one run of an operation, from repeated samples (``InterleavedTimer``).
public struct OperationTiming: Sendable, Hashable, Codable {
    /// Median seconds per run.
    public var medianSeconds: Double
    /// Fastest sample, seconds per run.
    public var minimumSeconds: Double
    /// Samples taken (each the mean of ``runsPerSample`` back-to-back runs).
    public var samples: Int
    /// Runs per sample.
    public var runsPerSample: Int

    /// A timing.
    public init(medianSeconds: Double, minimumSeconds: Double, samples: Int, runsPerSample: Int) {
        self.medianSeconds = medianSeconds
        self.minimumSeconds = minimumSeconds
        self.samples = samples
        self.runsPerSample = runsPerSample
    }
}
