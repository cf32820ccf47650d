import Histogram
import KBenchReports

/// HdrHistogram percentiles of one latency, in milliseconds (three significant digits): the
/// fixed-rate run's service and response time (``ProducePacing``), the end-to-end latency
/// (``EndToEndResult/latency``).
package struct LatencyPercentiles: Sendable, Hashable, Codable {
    /// Messages measured.
    package var count: Int
    /// 50th percentile.
    package var p50Milliseconds: Double
    /// 90th percentile.
    package var p90Milliseconds: Double
    /// 99th percentile.
    package var p99Milliseconds: Double
    /// 99.9th percentile.
    package var p999Milliseconds: Double
    /// 99.99th percentile.
    package var p9999Milliseconds: Double
    /// Largest value.
    package var maximumMilliseconds: Double

    /// The percentiles of a histogram of microseconds.
    package init(_ histogram: Histogram<UInt64>) {
        func milliseconds(_ microseconds: UInt64) -> Double { Double(microseconds) / 1000 }
        func percentile(_ value: Double) -> Double { histogram.totalCount == 0 ? 0 : milliseconds(histogram.valueAtPercentile(value)) }
        count = Int(histogram.totalCount)
        p50Milliseconds = percentile(50)
        p90Milliseconds = percentile(90)
        p99Milliseconds = percentile(99)
        p999Milliseconds = percentile(99.9)
        p9999Milliseconds = percentile(99.99)
        maximumMilliseconds = histogram.totalCount == 0 ? 0 : milliseconds(histogram.max)
    }

    /// The label of each figure, in order.
    package static let labels = ["p50", "p90", "p99", "p99.9", "p99.99", "max"]

    /// Label and value of each figure, in order (`p50`, …, `max`: ``labels``).
    package var figures: [(label: String, milliseconds: Double)] {
        Array(zip(Self.labels, [p50Milliseconds, p90Milliseconds, p99Milliseconds, p999Milliseconds, p9999Milliseconds, maximumMilliseconds]))
    }
}

/// What a fixed-rate run (`--throughput N`) measured beyond a saturating one: offered against
/// achieved rate, and latency both as service time and as response time.
///
/// - Service time: enqueue → delivery report, what kafka-producer-perf-test and an unpaced run
///   report. It leaves out any time a message waited before it could be enqueued.
/// - Response time: the message's *intended* send time on the schedule → delivery report. A
///   stall of the sender, of librdkafka's queue or of a broker delays every message that
///   should have gone out meanwhile, and each of them counts it (no coordinated omission).
package struct ProducePacing: Sendable, Hashable, Codable {
    /// A run is saturated when it sent fewer than this share of the offered records in its
    /// sending time: the client (or the cluster behind it) could not keep up, and the
    /// response time grows with the backlog rather than measuring the cluster at that load.
    package static let saturationThreshold = 0.99

    /// Records per second the schedule offered.
    package var offeredRecordsPerSecond: Int
    /// Records per second actually handed to librdkafka: sent ÷ sending time (from the
    /// schedule's start to the last intended send time passed, at least to the last send).
    package var achievedRecordsPerSecond: Double
    /// Enqueue → delivery report.
    package var service: LatencyPercentiles
    /// Intended send time → delivery report.
    package var response: LatencyPercentiles

    /// Whether the client could not keep up with the offered rate (``saturationThreshold``).
    package var saturated: Bool {
        achievedRecordsPerSecond < Double(offeredRecordsPerSecond) * Self.saturationThreshold
    }

    /// One sentence: `offered 20000 records/s, achieved 19998.4 records/s (99.99 %): kept up`.
    package var rateLine: String {
        let share = offeredRecordsPerSecond > 0 ? achievedRecordsPerSecond / Double(offeredRecordsPerSecond) * 100 : 0
        let verdict = saturated
            ? "SATURATED: the producer could not keep up with the offered rate (below \(Int(Self.saturationThreshold * 100)) %), so the response times include a growing backlog"
            : "kept up with the offered rate"
        return "offered \(offeredRecordsPerSecond) records/s, achieved \(NumberText.fixed(achievedRecordsPerSecond, places: 1)) records/s "
            + "(\(NumberText.fixed(share, places: 2)) %): \(verdict)"
    }
}
