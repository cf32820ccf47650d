#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The median time of one run of an operation, from repeated samples.
package struct HashTiming: Sendable, Hashable, Codable {
    /// Median seconds per run.
    package var medianSeconds: Double
    /// Fastest sample, seconds per run.
    package var minimumSeconds: Double
    /// Samples taken (each the mean of ``runsPerSample`` back-to-back runs).
    package var samples: Int
    /// Runs per sample.
    package var runsPerSample: Int

    /// A timing.
    package init(medianSeconds: Double, minimumSeconds: Double, samples: Int, runsPerSample: Int) {
        self.medianSeconds = medianSeconds
        self.minimumSeconds = minimumSeconds
        self.samples = samples
        self.runsPerSample = runsPerSample
    }
}

/// Times operations in interleaved rounds and keeps each one's median.
///
/// The clock is the thread's CPU time (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, monotonic):
/// the operations are single-threaded computation, so CPU time is their run time, and time
/// the scheduler gives other processes on a busy machine is not counted against either side.
///
/// Each operation is first warmed up (run until about a millisecond has passed, or once with a
/// minimum time of 0) and calibrated; a sample is then as many back-to-back runs as fill a
/// fifth of the minimum time. Rounds run every operation once each, the order alternating
/// round to round (kbench first, then librdkafka first), until every operation has been timed
/// for at least the minimum time. Slow drifts (turbo, the other core's load) spread over both
/// sides alike.
struct HashTimer {
    /// Samples wanted within the minimum time.
    static let samplesWanted = 5.0
    /// Upper bound on rounds, whatever the minimum time.
    static let maximumRounds = 1000
    /// Warm-up time per operation, at most.
    static let warmUpSeconds = 0.001

    let minimumTime: Double

    /// One timing per operation, in order.
    func measure(_ operations: [() -> Void]) -> [HashTiming] {
        let runsPerSample = operations.map(calibrate)
        var samples = [[Double]](repeating: [], count: operations.count)
        var spent = [Double](repeating: 0, count: operations.count)
        var rounds = 0
        repeat {
            let order = rounds % 2 == 0 ? Array(operations.indices) : operations.indices.reversed()
            for index in order where rounds == 0 || spent[index] < minimumTime {
                let runs = runsPerSample[index]
                let operation = operations[index]
                let seconds = Self.time {
                    for _ in 0..<runs { operation() }
                }
                samples[index].append(seconds / Double(runs))
                spent[index] += seconds
            }
            rounds += 1
        } while rounds < Self.maximumRounds && spent.contains(where: { $0 < minimumTime })
        return zip(samples, runsPerSample).map { values, runs in
            HashTiming(medianSeconds: Self.median(values), minimumSeconds: values.min() ?? .nan,
                       samples: values.count, runsPerSample: runs)
        }
    }

    /// Warms `operation` up and returns the runs per sample.
    private func calibrate(_ operation: () -> Void) -> Int {
        let warmUp = Swift.min(Self.warmUpSeconds, minimumTime)
        let start = ThreadCPUClock.seconds()
        var runs = 0
        var elapsed = 0.0
        repeat {
            operation()
            runs += 1
            elapsed = ThreadCPUClock.seconds() - start
        } while elapsed < warmUp && runs < 1_000_000
        guard minimumTime > 0 else { return 1 }
        let perRun = elapsed / Double(runs)
        let target = minimumTime / Self.samplesWanted
        return perRun > 0 ? Swift.max(1, Swift.min(10_000_000, Int((target / perRun).rounded(.up)))) : 1
    }

    /// CPU seconds `body` takes on this thread.
    static func time(_ body: () -> Void) -> Double {
        let start = ThreadCPUClock.seconds()
        body()
        return ThreadCPUClock.seconds() - start
    }

    /// The median (mean of the middle two for an even count); NaN when empty.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// The calling thread's CPU time.
enum ThreadCPUClock {
    /// Seconds of CPU time this thread has used (monotonic; 0 if the clock is unavailable).
    static func seconds() -> Double {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
