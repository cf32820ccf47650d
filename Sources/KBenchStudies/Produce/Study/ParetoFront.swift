/// The Pareto front of throughput against latency: the points no other point beats on both
/// (at least as much throughput with at most the same p99, and better on one of them).
package enum ParetoFront {
    /// The indices of the non-dominated `points`, by increasing rate.
    package static func indices(of points: [(rate: Double, p99Milliseconds: Double)]) -> [Int] {
        points.indices.filter { candidate in
            let point = points[candidate]
            return !points.indices.contains { other in
                let rival = points[other]
                return other != candidate && rival.rate >= point.rate && rival.p99Milliseconds <= point.p99Milliseconds
                    && (rival.rate > point.rate || rival.p99Milliseconds < point.p99Milliseconds)
            }
        }
        .sorted { (points[$0].rate, $0) < (points[$1].rate, $1) }
    }
}
