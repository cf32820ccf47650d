/// The Pareto front of a sweep: the points no other point beats on throughput, p99 and CPU
/// per record together.
///
/// Rates within ``rateTolerance`` of each other count as equal (run-to-run noise; at a fixed
/// offered rate every combination that keeps up achieves it, a few records/s apart): a point
/// is dominated by one with at least about its rate (≥ tolerance × its rate), at most its p99
/// and at most its CPU per record that is better on one of them (a clearly higher rate, a
/// lower p99 or less CPU). CPU is an objective because at one offered rate the cheaper of two
/// equally fast, equally quick settings is the better one — and the recommendation, which
/// breaks ties by CPU, is then always on the front.
package enum ParetoFront {
    /// Rates at least this share of another count as equal to it.
    package static let rateTolerance = 0.99

    /// A point of the front: achieved records/s, p99 (ms), CPU µs per record.
    package typealias Point = (rate: Double, p99Milliseconds: Double, cpuPerRecord: Double)

    /// Whether `rival` dominates `point`.
    package static func dominates(_ rival: Point, _ point: Point) -> Bool {
        let aboutAsFast = rival.rate >= point.rate * rateTolerance
        let clearlyFaster = rival.rate * rateTolerance > point.rate
        return aboutAsFast && rival.p99Milliseconds <= point.p99Milliseconds && rival.cpuPerRecord <= point.cpuPerRecord
            && (clearlyFaster || rival.p99Milliseconds < point.p99Milliseconds || rival.cpuPerRecord < point.cpuPerRecord)
    }

    /// The indices of the non-dominated `points`, by increasing rate.
    package static func indices(of points: [Point]) -> [Int] {
        points.indices
            .filter { candidate in !points.indices.contains { $0 != candidate && dominates(points[$0], points[candidate]) } }
            .sorted { (points[$0].rate, $0) < (points[$1].rate, $1) }
    }
}
