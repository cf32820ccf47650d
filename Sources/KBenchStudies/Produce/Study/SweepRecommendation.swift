/// The best setting of a sweep for a latency target: among the points of the ``ParetoFront``
/// with p99 at or under the target, the most throughput; rates within ``tieShare`` of the best
/// count as tied (run-to-run noise, and at a fixed offered rate every combination that keeps
/// up achieves the same), and among tied points the one spending the least CPU per record
/// wins (then the lower p99). The recommendation is therefore always on the front.
package struct SweepRecommendation: Sendable, Hashable {
    /// Rates at least this share of the best qualifying rate are tied with it.
    package static let tieShare = ParetoFront.rateTolerance

    /// The p99 (ms) a point must stay at or under.
    package var thresholdMilliseconds: Double
    /// Where the threshold comes from.
    package var thresholdSource: String
    /// The recommended point, nil when none stays under the threshold.
    package var index: Int?
    /// Front points tied with it on throughput (itself included), decided by CPU.
    package var tied: [Int]

    /// The recommendation among `points` (rate, p99 in ms, CPU µs per record). Without a
    /// target, the threshold is ``LatencyKnee/defaultFactor`` × the lowest p99 of the sweep.
    package init(points: [ParetoFront.Point], targetMilliseconds: Double?) {
        if let targetMilliseconds {
            thresholdMilliseconds = targetMilliseconds
            thresholdSource = "--latency-target \(LatencyKnee.target(targetMilliseconds))"
        } else {
            let best = points.map(\.p99Milliseconds).min() ?? 0
            thresholdMilliseconds = LatencyKnee.defaultFactor * best
            thresholdSource = "\(LatencyKnee.factorText) × the lowest p99 of the sweep (\(LatencyKnee.milliseconds(best)))"
        }
        let threshold = thresholdMilliseconds
        let qualifying = ParetoFront.indices(of: points).filter { points[$0].p99Milliseconds <= threshold }
        guard let bestRate = qualifying.map({ points[$0].rate }).max() else {
            index = nil
            tied = []
            return
        }
        tied = qualifying.filter { points[$0].rate >= bestRate * Self.tieShare }
        index = tied.min {
            (points[$0].cpuPerRecord, points[$0].p99Milliseconds, -points[$0].rate) < (points[$1].cpuPerRecord, points[$1].p99Milliseconds, -points[$1].rate)
        }
    }
}
