/// The Pareto front of throughput against latency: the points no other point beats on both.
///
/// Rates within ``rateTolerance`` of each other count as equal (run-to-run noise; at a fixed
/// offered rate every combination that keeps up achieves it, a few records/s apart): a point
/// is dominated by one with at least about its rate (≥ tolerance × its rate) and at most its
/// p99 that is better on one of them (a lower p99, or a clearly higher rate).
package enum ParetoFront {
    /// Rates at least this share of another count as equal to it.
    package static let rateTolerance = 0.99

    /// The indices of the non-dominated `points`, by increasing rate.
    package static func indices(of points: [(rate: Double, p99Milliseconds: Double)]) -> [Int] {
        func dominates(_ rival: (rate: Double, p99Milliseconds: Double), _ point: (rate: Double, p99Milliseconds: Double)) -> Bool {
            let aboutAsFast = rival.rate >= point.rate * rateTolerance
            let clearlyFaster = rival.rate * rateTolerance > point.rate
            return aboutAsFast && rival.p99Milliseconds <= point.p99Milliseconds
                && (clearlyFaster || rival.p99Milliseconds < point.p99Milliseconds)
        }
        return points.indices
            .filter { candidate in !points.indices.contains { $0 != candidate && dominates(points[$0], points[candidate]) } }
            .sorted { (points[$0].rate, $0) < (points[$1].rate, $1) }
    }
}
