import Histogram

/// One run of a study point: its result (with the latency histograms behind its percentiles,
/// ``ProduceResult/histograms``) and the CPU time the process spent on it.
package struct StudyRun: Sendable {
    /// The run's result.
    package var result: ProduceResult
    /// CPU seconds of the whole process during the run (``ProcessCPUTime``).
    package var cpuSeconds: Double

    /// A run and the CPU time it took.
    package init(result: ProduceResult, cpuSeconds: Double) {
        self.result = result
        self.cpuSeconds = cpuSeconds
    }

    /// Seconds of sending: from the schedule's start to the last intended send time passed
    /// (fixed rate), else from the first send to the last delivery report.
    var sendingSeconds: Double {
        guard let pacing = result.pacing, pacing.achievedRecordsPerSecond > 0 else { return result.elapsedSeconds }
        return Double(result.sent) / pacing.achievedRecordsPerSecond
    }

    /// Records per second achieved: sent ÷ sending time at a fixed rate (as the run's report
    /// gives it), delivered ÷ elapsed time at max.
    var achievedRecordsPerSecond: Double {
        result.pacing?.achievedRecordsPerSecond ?? result.recordsPerSecond
    }
}

/// A study point's runs merged: counts and times summed, latency histograms added (the
/// percentiles are those of every run's messages together, never averages of the runs'
/// percentiles), and the spread of the per-run rate and p99 beside them.
package struct StudyFigures: Sendable, Hashable {
    /// The point's label.
    package var label: String
    /// The offered rate (records/s), nil for max.
    package var offeredRecordsPerSecond: Int?
    /// Runs merged.
    package var runs: Int
    /// Messages sent, delivered and failed, summed.
    package var sent: Int
    /// Messages delivered.
    package var delivered: Int
    /// Messages not delivered.
    package var failed: Int
    /// With `--end-to-end`: delivered messages never read back (nor dropped by the cluster).
    package var lostEndToEnd: Int
    /// Value bytes delivered.
    package var deliveredBytes: Int
    /// Achieved rate over the runs together: Σ sent ÷ Σ sending time at a fixed rate, Σ
    /// delivered ÷ Σ elapsed time at max.
    package var achievedRecordsPerSecond: Double
    /// Delivered value MB (1024 × 1024 bytes) per second over the runs together.
    package var megabytesPerSecond: Double
    /// The lowest and highest per-run achieved rate.
    package var rateSpread: ClosedRange<Double>
    /// Service time (enqueue → delivery report), every run's messages together.
    package var service: LatencyPercentiles
    /// Response time (intended send time → delivery report), nil at max (no schedule).
    package var response: LatencyPercentiles?
    /// End-to-end latency with `--end-to-end`, else nil.
    package var endToEnd: LatencyPercentiles?
    /// The lowest and highest per-run p99 of ``latency`` (ms).
    package var p99Spread: ClosedRange<Double>
    /// Record-batch bytes on the wire (librdkafka statistics, after compression), summed; nil
    /// when a run had no statistics.
    package var wireBytes: Int?
    /// Key+value bytes ÷ wire bytes, nil without wire figures.
    package var wireRatio: Double?
    /// CPU seconds of the process, summed over the runs.
    package var cpuSeconds: Double
    /// Notes of the runs (each once).
    package var notes: [String]

    /// The latency the knee, the Pareto front and the recommendation use: response time at a
    /// fixed rate, service time at max.
    package var latency: LatencyPercentiles { response ?? service }
    /// CPU microseconds per delivered record.
    package var cpuMicrosecondsPerRecord: Double { delivered > 0 ? cpuSeconds * 1_000_000 / Double(delivered) : 0 }
    /// Whether the runs together achieved less than ``ProducePacing/saturationThreshold`` of
    /// the offered rate (never at max).
    package var saturated: Bool {
        offeredRecordsPerSecond.map { achievedRecordsPerSecond < Double($0) * ProducePacing.saturationThreshold } ?? false
    }

    /// The figures of `runs` (at least one) of a point.
    package init(label: String, offered: Int?, runs: [StudyRun]) {
        self.label = label
        offeredRecordsPerSecond = offered
        self.runs = runs.count
        let results = runs.map(\.result)
        sent = results.reduce(0) { $0 + $1.sent }
        delivered = results.reduce(0) { $0 + $1.delivered }
        failed = results.reduce(0) { $0 + $1.failed }
        lostEndToEnd = results.reduce(0) { $0 + ($1.endToEnd?.lost ?? 0) }
        deliveredBytes = results.reduce(0) { $0 + $1.deliveredBytes }
        let elapsed = results.reduce(0) { $0 + $1.elapsedSeconds }
        let sending = runs.reduce(0) { $0 + $1.sendingSeconds }
        achievedRecordsPerSecond = offered == nil
            ? (elapsed > 0 ? Double(delivered) / elapsed : 0)
            : (sending > 0 ? Double(sent) / sending : 0)
        megabytesPerSecond = elapsed > 0 ? Double(deliveredBytes) / elapsed / 1_048_576 : 0
        let rates = runs.map(\.achievedRecordsPerSecond)
        rateSpread = (rates.min() ?? 0)...(rates.max() ?? 0)
        let histograms = results.compactMap(\.histograms)
        service = Self.added(histograms.map(\.service)).map(LatencyPercentiles.init) ?? LatencyPercentiles(Histogram<UInt64>())
        response = offered == nil ? nil : Self.added(histograms.compactMap(\.response)).map(LatencyPercentiles.init)
        endToEnd = Self.added(histograms.compactMap(\.endToEnd)).map(LatencyPercentiles.init)
        let p99s = results.map { $0.pacing?.response.p99Milliseconds ?? $0.latency.p99Milliseconds }
        p99Spread = (p99s.min() ?? 0)...(p99s.max() ?? 0)
        let wires = results.compactMap(\.wire)
        if wires.count == results.count, !wires.isEmpty {
            let bytes = wires.reduce(0) { $0 + $1.totals.batchBytes }
            wireBytes = bytes
            wireRatio = bytes > 0 ? Double(wires.reduce(0) { $0 + $1.totals.transmittedRecordBytes }) / Double(bytes) : nil
        }
        cpuSeconds = runs.reduce(0) { $0 + $1.cpuSeconds }
        notes = results.flatMap(\.notes).reduce(into: []) { unique, note in if !unique.contains(note) { unique.append(note) } }
    }

    /// `histograms` added together (the first's layout), nil when there are none.
    private static func added(_ histograms: [LatencyHistogram]) -> Histogram<UInt64>? {
        guard var total = histograms.first?.histogram else { return nil }
        for histogram in histograms.dropFirst() { total.add(histogram.histogram) }
        return total
    }
}
