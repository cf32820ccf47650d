import Histogram

/// How one run of a study row counts toward the row's rate: what it counted (sent at a fixed
/// rate, delivered at max), the seconds its rate divides by, and the seconds its MB/s divides by.
///
/// One machine's run: its own achieved rate, sending time and elapsed time. Several
/// machines' runs merged (``ProduceStudyMerge``) whose windows all overlap ran together:
/// their rates add up, and the run's seconds are its count ÷ that summed rate (likewise for
/// bytes). Merged runs whose windows do not all overlap did not run together: the merged
/// window (earliest start → latest end) is their time, as ``ProduceRun/combinedRecordsPerSecond``.
struct StudyRunRate {
    /// Sent (fixed rate) or delivered (max).
    var counted: Int
    /// Seconds the count took.
    var seconds: Double
    /// Seconds the delivered bytes took.
    var byteSeconds: Double
    /// The run's achieved rate: one machine's own, else counted ÷ seconds (0 when no time passed).
    var recordsPerSecond: Double

    /// The rate of `record`, counting sent messages when `fixedRate`, else delivered ones.
    init(_ record: StudyRunRecord, fixedRate: Bool) {
        let run = record.run
        counted = fixedRate ? run.counts.sent : run.counts.delivered
        if record.shares.count == 1, let share = record.shares.first {
            seconds = share.sendingSeconds
            byteSeconds = share.elapsedSeconds
            recordsPerSecond = share.achievedRecordsPerSecond
            return
        }
        if (run.parts.count > 1 && run.commonWindow == nil) || record.shares.count != run.parts.count {
            seconds = run.window.seconds
            byteSeconds = run.window.seconds
        } else {
            let rate = record.shares.reduce(0) { $0 + $1.achievedRecordsPerSecond }
            let byteRate = zip(record.shares, run.parts).reduce(0.0) { sum, pair in
                pair.0.elapsedSeconds > 0 ? sum + Double(pair.1.counts.deliveredBytes) / pair.0.elapsedSeconds : sum
            }
            let longest = record.shares.map(\.elapsedSeconds).max() ?? 0
            seconds = rate > 0 ? Double(counted) / rate : longest
            byteSeconds = byteRate > 0 ? Double(run.counts.deliveredBytes) / byteRate : longest
        }
        recordsPerSecond = seconds > 0 ? Double(counted) / seconds : 0
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

    /// The figures of a study row: its runs (one per round, each one machine's or several
    /// machines' merged) together.
    package init(_ row: StudyRow) {
        label = row.label
        let machines = row.runs.first?.run.parts.count ?? 1
        offeredRecordsPerSecond = row.offeredRecordsPerSecond.map { $0 * Swift.max(1, machines) }
        runs = row.runs.count
        let counts = row.runs.map(\.run.counts)
        let shares = row.runs.flatMap(\.shares)
        sent = counts.reduce(0) { $0 + $1.sent }
        delivered = counts.reduce(0) { $0 + $1.delivered }
        failed = counts.reduce(0) { $0 + $1.failed }
        deliveredBytes = counts.reduce(0) { $0 + $1.deliveredBytes }
        lostEndToEnd = shares.reduce(0) { $0 + $1.lostEndToEnd }
        let rates = row.runs.map { StudyRunRate($0, fixedRate: row.offeredRecordsPerSecond != nil) }
        let seconds = rates.reduce(0) { $0 + $1.seconds }
        let byteSeconds = rates.reduce(0) { $0 + $1.byteSeconds }
        achievedRecordsPerSecond = seconds > 0 ? Double(rates.reduce(0) { $0 + $1.counted }) / seconds : 0
        megabytesPerSecond = byteSeconds > 0 ? Double(deliveredBytes) / byteSeconds / 1_048_576 : 0
        let runRates = rates.map(\.recordsPerSecond)
        rateSpread = (runRates.min() ?? 0)...(runRates.max() ?? 0)
        let histograms = row.histograms
        service = LatencyPercentiles(histograms?.service.histogram ?? Histogram<UInt64>())
        response = row.offeredRecordsPerSecond == nil ? nil : histograms?.response.map { LatencyPercentiles($0.histogram) }
        endToEnd = histograms?.endToEnd.map { LatencyPercentiles($0.histogram) }
        let p99s = row.runs.map { LatencyPercentiles(($0.run.histograms.response ?? $0.run.histograms.service).histogram).p99Milliseconds }
        p99Spread = (p99s.min() ?? 0)...(p99s.max() ?? 0)
        let wires = shares.compactMap { share in share.wireBytes.flatMap { bytes in share.wireRecordBytes.map { (bytes, $0) } } }
        if wires.count == shares.count, !wires.isEmpty {
            let bytes = wires.reduce(0) { $0 + $1.0 }
            wireBytes = bytes
            wireRatio = bytes > 0 ? Double(wires.reduce(0) { $0 + $1.1 }) / Double(bytes) : nil
        }
        cpuSeconds = shares.reduce(0) { $0 + $1.cpuSeconds }
        notes = shares.flatMap(\.notes).reduce(into: []) { unique, note in if !unique.contains(note) { unique.append(note) } }
    }
}
