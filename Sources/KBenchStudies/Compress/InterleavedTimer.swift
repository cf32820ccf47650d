/// Times several operations in interleaved rounds and keeps the median of each.
///
/// Each operation is repeated within a round often enough to take about a fifth of the minimum
/// time (from a calibration time per run), and rounds go on until every operation has been
/// timed for at least the minimum time, so each median is over about five or more samples;
/// with a minimum time of 0 every operation runs once. Interleaving spreads slow drifts (turbo,
/// other processes) over all operations alike.
struct InterleavedTimer {
    /// One timed operation and untimed work to do before each of its samples.
    struct Operation {
        var prepare: () throws(CompressionStudyError) -> Void = {}
        var run: () throws(CompressionStudyError) -> Void
    }

    /// Samples wanted within the minimum time.
    static let samplesWanted = 5.0
    /// Upper bound on rounds, whatever the minimum time.
    static let maximumRounds = 1000

    let minimumTime: Double

    /// The median seconds per run of each operation with the spread of its samples, and the
    /// number of rounds.
    /// - Parameter calibration: seconds one run of each operation took (a first, untimed run).
    func measure(_ operations: [Operation], calibration: [Double]) throws(CompressionStudyError) -> (timings: [TimingSpread], rounds: Int) {
        let target = minimumTime / Self.samplesWanted
        let repetitions = calibration.map { seconds in
            seconds > 0 ? Swift.max(1, Swift.min(1_000_000, Int((target / seconds).rounded(.up)))) : 1
        }
        var samples = [[Double]](repeating: [], count: operations.count)
        var spent = [Double](repeating: 0, count: operations.count)
        var rounds = 0
        repeat {
            for index in operations.indices where rounds == 0 || spent[index] < minimumTime {
                try operations[index].prepare()
                let count = repetitions[index]
                let run = operations[index].run
                let seconds = try Self.time { () throws(CompressionStudyError) in
                    for _ in 0..<count { try run() }
                }
                samples[index].append(seconds / Double(count))
                spent[index] += seconds
            }
            rounds += 1
        } while rounds < Self.maximumRounds && spent.contains(where: { $0 < minimumTime })
        return (samples.map(TimingSpread.init(samples:)), rounds)
    }

    /// Seconds `body` takes.
    static func time(_ body: () throws(CompressionStudyError) -> Void) throws(CompressionStudyError) -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }

}

/// The seconds per run of one timed operation: the median of its samples and their middle
/// half (lower and upper quartile), the spread two settings' speeds must clear to rank.
public struct TimingSpread: Sendable, Hashable, Codable {
    /// Median seconds per run.
    public var median: Double
    /// Lower quartile of the samples (nearest rank); the median when there is one sample.
    public var low: Double
    /// Upper quartile of the samples (nearest rank).
    public var high: Double

    /// A spread from its parts.
    public init(median: Double, low: Double, high: Double) {
        self.median = median
        self.low = low
        self.high = high
    }

    /// The median (mean of the middle two for an even count) and quartiles of `samples`; NaN
    /// when empty.
    public init(samples: [Double]) {
        guard !samples.isEmpty else {
            self.init(median: .nan, low: .nan, high: .nan)
            return
        }
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        let quarter = (sorted.count - 1) / 4
        self.init(median: median, low: sorted[quarter], high: sorted[sorted.count - 1 - quarter])
    }
}
