import Foundation
@testable import KBenchStudies
import Testing

@Suite("kbench merge tells runs apart by the identifier each run draws, not by host, window and counts")
struct RunIdentityTests {
    /// A produce run as `kbench produce` records it: every call gives the same host,
    /// millisecond window and counts (two paced runs started in the same millisecond).
    private static func producedRun() -> ProduceRun {
        StudyFiguresTests.run([1, 2, 3], seconds: 2, cpu: 0.1).run
    }

    @Test("two produce runs started together on one machine (same host, millisecond window and counts) merge: CI saw them refused as 'the same run'")
    func producedTogether() throws {
        let a = Self.producedRun()
        let b = Self.producedRun()
        #expect(a.parts[0].host == b.parts[0].host && a.parts[0].window == b.parts[0].window && a.parts[0].counts == b.parts[0].counts)
        #expect(a.parts[0].runID != nil && a.parts[0].runID != b.parts[0].runID)
        let merged = try RunMerge.merge([("/dev/fd/62", a), ("/dev/fd/63", b)])
        #expect(merged.parts.count == 2)
        #expect(merged.counts.delivered == 2 * a.counts.delivered)
    }

    @Test("the same produce run given twice is refused by its identifier, even after a round trip through JSON")
    func sameProduceRunTwice() throws {
        let a = Self.producedRun()
        let again = try JSONDecoder().decode(ProduceRun.self, from: JSONEncoder().encode(a))
        #expect(throws: ProduceMergeError.self) { try RunMerge.merge([("a.json", a), ("again.json", again)]) }
    }

    @Test("files written before runs drew identifiers: host, window and counts still tell a run given twice")
    func olderFiles() throws {
        let old = ProduceMergeTests.run(host: "vm", values: [5, 6, 7], startMilliseconds: 1_000, seconds: 2)
        #expect(old.parts[0].runID == nil)
        #expect(throws: ProduceMergeError.self) { try RunMerge.merge([("a.json", old), ("b.json", old)]) }
        let other = ProduceMergeTests.run(host: "vm", values: [5, 6, 7], startMilliseconds: 1_001, seconds: 2)
        #expect(try RunMerge.merge([("a.json", old), ("b.json", other)]).parts.count == 2)
    }

    @Test("two consume runs alike in host, window and counts merge when their identifiers differ; one given twice is refused")
    func consumeRuns() throws {
        var first = ConsumeMergeTests.result(records: 20_000, start: 1000, seconds: 1, host: "vm")
        var second = first
        first.runID = RunIdentity.draw()
        second.runID = RunIdentity.draw()
        #expect(try ConsumeMerge.merge([("a", ConsumeRun(first)), ("b", ConsumeRun(second))]).parts.count == 2)
        #expect(throws: ProduceMergeError.self) { try ConsumeMerge.merge([("a", ConsumeRun(first)), ("b", ConsumeRun(first))]) }
    }
}
