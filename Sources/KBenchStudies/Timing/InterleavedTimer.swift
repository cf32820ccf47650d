#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Times several operations in interleaved rounds and keeps each one's median and quartiles: the one timer
/// of the hash and compress studies.
///
/// A sample of an operation is as many back-to-back runs as fill about a fifth of the minimum
/// time (from a calibration time per run), so each median is over about five or more samples;
/// with a minimum time of 0 every operation runs once. Rounds run every operation once each
/// (an operation's untimed `prepare` before each of its samples), the order alternating round
/// to round (first to last, then last to first), until every operation has been timed for at
/// least the minimum time and in at least ``minimumSamples`` samples (a calibration thrown off
/// by load could otherwise fill the minimum time with one sample, and a spread of one sample
/// says nothing; with a minimum time of 0, one sample). Slow drifts (turbo, the other core's
/// load) spread over all operations alike.
struct InterleavedTimer {
    /// What a sample's time is measured on.
    enum Clock {
        /// The calling thread's CPU time (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, monotonic):
        /// for single-threaded computation CPU time is its run time, and time the scheduler
        /// gives other processes on a busy machine counts against no operation.
        case threadCPU
        /// Elapsed time (`clock_gettime(CLOCK_MONOTONIC)`): for work that may wait or use
        /// other threads.
        case wall

        /// The clock's current reading in seconds (0 if the clock is unavailable).
        func seconds() -> Double {
            var time = timespec()
            guard clock_gettime(self == .threadCPU ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &time) == 0 else { return 0 }
            return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
        }
    }

    /// One timed operation and untimed work to do before each of its samples.
    struct Operation<Failure: Error> {
        /// Untimed set-up before each sample, if any.
        var prepare: (() throws(Failure) -> Void)?
        /// One run.
        var run: () throws(Failure) -> Void

        /// An operation. (An explicit initialiser: Swift 6.3's memberwise one crashes the
        /// compiler when a non-throwing closure is passed for `Failure == Never`.)
        init(prepare: (() throws(Failure) -> Void)? = nil, run: @escaping () throws(Failure) -> Void) {
            self.prepare = prepare
            self.run = run
        }
    }

    /// Samples wanted within the minimum time.
    static let samplesWanted = 5.0
    /// Samples every operation gets at least, with a minimum time above 0.
    static let minimumSamples = 3
    /// Upper bound on rounds, whatever the minimum time.
    static let maximumRounds = 1000
    /// Upper bound on runs per sample.
    static let maximumRunsPerSample = 10_000_000
    /// Warm-up time per operation, at most (``measure(_:)``).
    static let warmUpSeconds = 0.001

    /// Each operation is timed for at least this many seconds.
    let minimumTime: Double
    /// The clock samples are measured on.
    var clock = Clock.threadCPU

    /// Warms every operation up (runs it for about a millisecond, or once with a minimum time
    /// of 0), calibrates it on that, then times them all: one timing per operation, in order.
    func measure(_ operations: [() -> Void]) -> [OperationTiming] {
        let runsPerSample = operations.map(warmUp)
        return measure(operations.map { Operation<Never>(run: $0) }, runsPerSample: runsPerSample).timings
    }

    /// Times `operations`, each sample `runsPerSample[i]` runs of operation `i`: one timing per
    /// operation, in order, and the number of rounds.
    func measure<Failure: Error>(
        _ operations: [Operation<Failure>], runsPerSample: [Int]
    ) throws(Failure) -> (timings: [OperationTiming], rounds: Int) {
        var samples = [[Double]](repeating: [], count: operations.count)
        var spent = [Double](repeating: 0, count: operations.count)
        var rounds = 0
        let wantsMore = { (index: Int) -> Bool in
            spent[index] < minimumTime || (minimumTime > 0 && samples[index].count < Self.minimumSamples)
        }
        repeat {
            let order = rounds % 2 == 0 ? Array(operations.indices) : operations.indices.reversed()
            for index in order where rounds == 0 || wantsMore(index) {
                try operations[index].prepare?()
                let runs = runsPerSample[index]
                let run = operations[index].run
                let seconds = try time { () throws(Failure) in
                    for _ in 0..<runs { try run() }
                }
                samples[index].append(seconds / Double(runs))
                spent[index] += seconds
            }
            rounds += 1
        } while rounds < Self.maximumRounds && operations.indices.contains(where: wantsMore)
        let timings = zip(samples, runsPerSample).map { values, runs in
            OperationTiming(spread: TimingSpread(samples: values), minimumSeconds: values.min() ?? .nan, maximumSeconds: values.max() ?? .nan,
                            samples: values.count, runsPerSample: runs)
        }
        return (timings, rounds)
    }

    /// Runs per sample for an operation taking `secondsPerRun`: a fifth of the minimum time
    /// (at least 1; 1 when the run took no measurable time).
    func runsPerSample(secondsPerRun: Double) -> Int {
        let target = minimumTime / Self.samplesWanted
        guard secondsPerRun > 0 else { return 1 }
        return Swift.max(1, Swift.min(Self.maximumRunsPerSample, Int((target / secondsPerRun).rounded(.up))))
    }

    /// Warms `operation` up and returns its runs per sample.
    private func warmUp(_ operation: () -> Void) -> Int {
        let warmUp = Swift.min(Self.warmUpSeconds, minimumTime)
        let start = clock.seconds()
        var runs = 0
        var elapsed = 0.0
        repeat {
            operation()
            runs += 1
            elapsed = clock.seconds() - start
        } while elapsed < warmUp && runs < 1_000_000
        guard minimumTime > 0 else { return 1 }
        return runsPerSample(secondsPerRun: elapsed / Double(runs))
    }

    /// Seconds `body` takes on the timer's clock.
    func time<Failure: Error>(_ body: () throws(Failure) -> Void) throws(Failure) -> Double {
        let start = clock.seconds()
        try body()
        return clock.seconds() - start
    }

    /// The median (mean of the middle two for an even count); NaN when empty.
    static func median(_ values: [Double]) -> Double { TimingSpread(samples: values).median }
}
