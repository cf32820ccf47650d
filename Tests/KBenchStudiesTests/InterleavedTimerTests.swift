@testable import KBenchStudies
import Testing

@Suite("InterleavedTimer: the hash and compress studies' one timer")
struct InterleavedTimerTests {
    @Test("median: the middle value, the mean of the middle two, NaN when empty")
    func median() {
        #expect(InterleavedTimer.median([3, 1, 2]) == 2)
        #expect(InterleavedTimer.median([4, 1, 3, 2]) == 2.5)
        #expect(InterleavedTimer.median([]).isNaN)
    }

    @Test("a minimum time of 0: one round, every operation once, prepared before its sample", arguments: [InterleavedTimer.Clock.threadCPU, .wall])
    func oneRound(clock: InterleavedTimer.Clock) {
        var log: [String] = []
        let timer = InterleavedTimer(minimumTime: 0, clock: clock)
        let operations: [InterleavedTimer.Operation<Never>] = [
            .init(run: { log.append("a") }),
            .init(prepare: { log.append("prepare b") }, run: { log.append("b") }),
        ]
        let (timings, rounds) = timer.measure(operations, runsPerSample: [1, 1])
        #expect(rounds == 1)
        #expect(log == ["a", "prepare b", "b"])
        #expect(timings.map(\.samples) == [1, 1])
        #expect(timings.allSatisfy { $0.medianSeconds >= 0 && $0.medianSeconds == $0.minimumSeconds })
    }

    @Test("rounds alternate the order until every operation had the minimum time; samples are runsPerSample runs")
    func alternatingRounds() {
        var order: [Int] = []
        var runs = [0, 0]
        let timer = InterleavedTimer(minimumTime: 0.002, clock: .wall)
        let busy = { (index: Int) in
            runs[index] += 1
            let start = InterleavedTimer.Clock.wall.seconds()
            while InterleavedTimer.Clock.wall.seconds() - start < 0.0001 {}
        }
        let operations: [InterleavedTimer.Operation<Never>] = [
            .init(prepare: { order.append(0) }, run: { busy(0) }),
            .init(prepare: { order.append(1) }, run: { busy(1) }),
        ]
        let (timings, rounds) = timer.measure(operations, runsPerSample: [2, 3])
        #expect(rounds >= 2)
        #expect(Array(order.prefix(4)) == [0, 1, 1, 0])
        #expect(runs == [2 * timings[0].samples, 3 * timings[1].samples])
        #expect(timings.map(\.runsPerSample) == [2, 3])
        #expect(timings.allSatisfy { $0.medianSeconds >= 0.0001 && $0.minimumSeconds <= $0.medianSeconds })
    }

    @Test("a calibration that was off (one sample outlasting the minimum time) still gets the minimum number of samples")
    func minimumSamples() {
        let timer = InterleavedTimer(minimumTime: 0.001, clock: .wall)
        let operations: [InterleavedTimer.Operation<Never>] = [
            .init(run: {
                let start = InterleavedTimer.Clock.wall.seconds()
                while InterleavedTimer.Clock.wall.seconds() - start < 0.002 {}
            }),
            .init(run: {}),
        ]
        let (timings, rounds) = timer.measure(operations, runsPerSample: [1, 1])
        #expect(timings[0].samples == InterleavedTimer.minimumSamples, "\(timings[0])")
        #expect(timings[1].samples >= InterleavedTimer.minimumSamples)
        #expect(rounds >= InterleavedTimer.minimumSamples)
    }

    @Test("runs per sample fill a fifth of the minimum time, at least 1, at most the cap")
    func runsPerSample() {
        let timer = InterleavedTimer(minimumTime: 1)
        #expect(timer.runsPerSample(secondsPerRun: 0.01) == 20)
        #expect(timer.runsPerSample(secondsPerRun: 1) == 1)
        #expect(timer.runsPerSample(secondsPerRun: 0) == 1)
        #expect(timer.runsPerSample(secondsPerRun: 1e-12) == InterleavedTimer.maximumRunsPerSample)
        #expect(InterleavedTimer(minimumTime: 0).runsPerSample(secondsPerRun: 0.5) == 1)
    }

    @Test("a throwing operation stops the measurement with its error")
    func throwsThrough() {
        struct Stop: Error, Equatable {}
        let timer = InterleavedTimer(minimumTime: 0)
        #expect(throws: Stop()) {
            try timer.measure([InterleavedTimer.Operation<Stop>(run: { () throws(Stop) in throw Stop() })], runsPerSample: [1])
        }
    }
}
