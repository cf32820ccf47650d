/// The median time of one run of an operation, from repeated samples (``InterleavedTimer``).
package struct OperationTiming: Sendable, Hashable, Codable {
    /// Median seconds per run.
    package var medianSeconds: Double
    /// Fastest sample, seconds per run.
    package var minimumSeconds: Double
    /// Samples taken (each the mean of ``runsPerSample`` back-to-back runs).
    package var samples: Int
    /// Runs per sample.
    package var runsPerSample: Int

    /// A timing.
    package init(medianSeconds: Double, minimumSeconds: Double, samples: Int, runsPerSample: Int) {
        self.medianSeconds = medianSeconds
        self.minimumSeconds = minimumSeconds
        self.samples = samples
        self.runsPerSample = runsPerSample
    }
}
