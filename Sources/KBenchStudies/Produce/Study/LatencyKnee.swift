import KBenchReports

/// The knee of a latency-vs-throughput curve: the highest achieved rate whose p99 stays at or
/// under a latency threshold, among the points that kept up with their offered rate.
///
/// The threshold is `--latency-target` when given; without one it is ``defaultFactor`` × the
/// p99 of the point with the lowest achieved rate (the lightly loaded client): the knee is
/// then where latency has at most doubled.
package struct LatencyKnee: Sendable, Hashable {
    /// Without a latency target, the threshold is this many times the lowest-load p99.
    package static let defaultFactor = 2.0

    /// The p99 (ms) a point must stay at or under.
    package var thresholdMilliseconds: Double
    /// Where the threshold comes from (`--latency-target 5 ms`, `2 × the lowest-load p99 (1.20 ms)`).
    package var thresholdSource: String
    /// The index of the knee point, nil when no point qualifies.
    package var index: Int?

    /// The knee of `points` (achieved rate, p99 in ms, whether the point kept up).
    package init(points: [(rate: Double, p99Milliseconds: Double, keptUp: Bool)], targetMilliseconds: Double?) {
        if let targetMilliseconds {
            thresholdMilliseconds = targetMilliseconds
            thresholdSource = "--latency-target \(Self.target(targetMilliseconds))"
        } else {
            let lowest = points.indices.min { points[$0].rate < points[$1].rate }
            let base = lowest.map { points[$0].p99Milliseconds } ?? 0
            thresholdMilliseconds = Self.defaultFactor * base
            thresholdSource = "\(Self.factorText) × the lowest-load p99 (\(Self.milliseconds(base)))"
        }
        let threshold = thresholdMilliseconds
        index = points.indices
            .filter { points[$0].keptUp && points[$0].p99Milliseconds <= threshold }
            .max { points[$0].rate < points[$1].rate }
    }

    /// A measured latency by ``NumberRule``: `8.73 ms`, `13.6 ms`.
    static func milliseconds(_ value: Double) -> String {
        NumberRule.quantity(value) + " ms"
    }

    /// A `--latency-target` as given (whole milliseconds): `20 ms`, not a measured `20.0 ms`.
    static func target(_ value: Double) -> String {
        NumberText.trimmingZeros(NumberText.fixed(value, places: 3)) + " ms"
    }

    /// `2` (the factor as text).
    static var factorText: String { NumberText.trimmingZeros(NumberText.fixed(defaultFactor, places: 2)) }
}
