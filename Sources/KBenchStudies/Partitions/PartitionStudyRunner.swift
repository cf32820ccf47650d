import KafkaPartitioning
import KBenchReports
import KBenchWorkloads

extension PartitionDistributionStudy {
    /// Keys gathered into one batch before the kernels run.
    package static let keysPerBatch = 4096

    /// Streams every remaining key of `source` through the study (in batches of
    /// ``keysPerBatch``: memory is one batch, whatever the number of keys), advancing
    /// `progress` per batch, and returns the result named after the source, with the run
    /// time measured.
    ///
    /// ```swift
    /// var study = try PartitionDistributionStudy(configuration: PartitionStudyConfiguration(
    ///     partitionCounts: [try PartitionCount(12)], resizes: [try PartitionResize(parsing: "12:13")]))
    /// var keys = KeyGenerator(spec: try KeySpec(parsing: "zipf:1.1:1M"), seed: 0)
    /// let result = try study.run(keys: &keys)
    /// let document = PartitionsReport.document(result)
    /// ```
    ///
    /// - Throws: ``KeyReadError`` from a key file (its path and line).
    package mutating func run<Source: KeySource>(
        keys source: inout Source, progress: ProgressReporter? = nil
    ) throws(KeyReadError) -> PartitionStudyResult {
        let started = ContinuousClock.now
        var batch = KeyBatch(keyCapacity: Self.keysPerBatch, byteCapacity: Self.keysPerBatch * 32)
        while try source.appendKeys(to: &batch, limit: Self.keysPerBatch) > 0 {
            add(batch)
            progress?.advance(by: batch.count)
            batch.removeAll()
        }
        progress?.finish()
        return result(source: source.description, elapsedSeconds: (ContinuousClock.now - started).seconds)
    }
}

extension PartitionDistributionStudy {
    /// Sends `count` null-key records through the study (each strategy's null-key choice under
    /// the producer model: sticky, round robin, random, or the empty key's hash), advancing
    /// `progress` per ``keysPerBatch`` records, and returns the timed result.
    package mutating func runNullKeys(count: Int, progress: ProgressReporter? = nil) -> PartitionStudyResult {
        let started = ContinuousClock.now
        var remaining = max(0, count)
        while remaining > 0 {
            let step = min(remaining, Self.keysPerBatch)
            addNullKeys(step)
            progress?.advance(by: step)
            remaining -= step
        }
        progress?.finish()
        return result(source: "\(max(0, count)) null keys", elapsedSeconds: (ContinuousClock.now - started).seconds)
    }
}
