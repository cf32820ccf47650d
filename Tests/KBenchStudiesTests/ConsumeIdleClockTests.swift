import Testing

@testable import KBenchStudies

@Suite("kbench consume's idle clock: counts only while every partition is held; rebalances stop it and are timed")
struct ConsumeIdleClockTests {
    /// Feeds `samples` (seconds from the start, records so far, every partition held) and
    /// returns the time of the first sample at which the run gives up, nil when none.
    private func givesUp(_ samples: [(Double, Int, Bool)], clock: inout ConsumeIdleClock) -> Double? {
        for (at, records, covered) in samples where clock.expired(at: .seconds(at), records: records, covered: covered) {
            return at
        }
        return nil
    }

    /// One sample every 0.5 s from `from` to `to` (both included).
    private func steady(from: Double, to: Double, records: Int, covered: Bool) -> [(Double, Int, Bool)] {
        stride(from: from, through: to, by: 0.5).map { ($0, records, covered) }
    }

    @Test("a late member's rebalance longer than the idle timeout does not end the run (the run that failed in CI: 1,024 of 20,000 read, then 10 s of rebalance)")
    func lateJoin() {
        var clock = ConsumeIdleClock(idleTimeout: .seconds(10), settleLimit: .seconds(60))
        let samples = steady(from: 0, to: 3, records: 0, covered: false)  // first rebalance
            + steady(from: 3.5, to: 4, records: 1024, covered: true)  // one member holds all, reads a fetch
            + steady(from: 4.5, to: 16, records: 1024, covered: false)  // a member joins: 11.5 s without every partition
            + steady(from: 16.5, to: 17, records: 20_000, covered: true)
        #expect(givesUp(samples, clock: &clock) == nil)
        #expect(clock.uncovered(upTo: .seconds(17)) == .seconds(15.5))
    }

    @Test("nothing new while every partition is held ends the run after the idle timeout, counted from the last record")
    func idle() {
        var clock = ConsumeIdleClock(idleTimeout: .seconds(10), settleLimit: .seconds(60))
        let samples = steady(from: 0, to: 2, records: 0, covered: false)
            + steady(from: 2.5, to: 4, records: 500, covered: true)
            + steady(from: 4.5, to: 30, records: 500, covered: true)
        #expect(givesUp(samples, clock: &clock) == 12.5)
        #expect(clock.uncovered(upTo: .seconds(12.5)) == .seconds(2.5))
    }

    @Test("a rebalance stops the clock: the idle time before it does not count after it")
    func rebalanceResets() {
        var clock = ConsumeIdleClock(idleTimeout: .seconds(10), settleLimit: .seconds(60))
        let samples = steady(from: 0, to: 8, records: 100, covered: true)  // 8 s idle
            + steady(from: 8.5, to: 10, records: 100, covered: false)  // rebalance
            + steady(from: 10.5, to: 40, records: 100, covered: true)
        #expect(givesUp(samples, clock: &clock) == 20)
    }

    @Test("a group that never holds every partition gives up after the settle limit plus the idle timeout")
    func neverCovered() {
        var clock = ConsumeIdleClock(idleTimeout: .seconds(10), settleLimit: .seconds(60))
        let samples = steady(from: 0, to: 200, records: 0, covered: false)
        #expect(givesUp(samples, clock: &clock) == 69.5)
        #expect(clock.uncovered(upTo: .seconds(69.5)) == .seconds(69.5))
    }
}

@Suite("kbench consume's progress: the target counts each offset once, so records read again after a rebalance do not end a run early")
struct ConsumeProgressTests {
    @Test("a partition read again from its last commit adds records, not distinct records; the target is reached only by new offsets")
    func rereadsDoNotReachTheTarget() {
        let progress = ConsumeProgress(target: 300, startOffsets: [100, 0, 0])
        // Partition 0 read from 100 to 250 and partition 1 to 50 (200 distinct).
        #expect(!progress.add(records: 200, bytes: 2000, touched: [0, 1], nextOffsets: [250, 50, -1]))
        // After a rebalance another reader reads partition 0 again from 100 up to 200: 100 re-read.
        #expect(!progress.add(records: 100, bytes: 1000, touched: [0], nextOffsets: [200, -1, -1]))
        #expect(progress.records.load(ordering: .relaxed) == 300)
        #expect(progress.distinct.load(ordering: .relaxed) == 200)
        #expect(!progress.shouldStop)
        // It goes on to 260 (10 new) and partition 2 to 90: 300 distinct.
        #expect(progress.add(records: 150, bytes: 1500, touched: [0, 2], nextOffsets: [260, -1, 90]))
        #expect(progress.distinct.load(ordering: .relaxed) == 300)
        #expect(progress.shouldStop)
    }
}
