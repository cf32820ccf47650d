import Foundation
@testable import KBenchStudies
import Testing

@Suite("kbench merge of consume runs: counts add, windows on one grid, rates over overlapping windows, mismatches refused")
struct ConsumeMergeTests {
    /// One machine's `kbench consume` result: `records` of 100 bytes read from `start` (seconds
    /// since the reference date) over `seconds`, in 1-s windows.
    static func result(
        records: Int, start: Double, seconds: Double, consumers: Int = 1, host: String = "a", interval: Double = 1, messages: Int? = nil
    ) -> ConsumeResult {
        let windowCount = Int(seconds.rounded(.up))
        let windows = (0..<windowCount).map { index in
            let end = Swift.min(seconds, Double(index + 1))
            return ConsumeWindow(endSeconds: end, seconds: end - Double(index), records: records / windowCount, bytes: records / windowCount * 100)
        }
        let startTime = Date(timeIntervalSinceReferenceDate: start)
        return ConsumeResult(
            topic: "perf", partitionCount: 6, consumers: consumers, group: nil, target: records, records: records, bytes: records * 100,
            startTime: startTime, endTime: startTime.addingTimeInterval(seconds), elapsedSeconds: seconds, rebalanceSeconds: 0,
            firstRecordSeconds: 0.01, lagAtStart: Int64(records), lagAtEnd: 0, belowLowWatermark: 0, fetch: nil, windows: windows,
            errors: [], complete: true,
            recorded: ConsumeRecordedSettings(messages: messages, reportIntervalSeconds: interval, properties: ["fetch.min.bytes": "1"], host: host))
    }

    @Test("two overlapping runs: records and bytes add, summed rate = both own rates, windows added slot by slot")
    func overlapping() throws {
        let a = ConsumeRun(Self.result(records: 30_000, start: 1000, seconds: 3, host: "a"))
        let b = ConsumeRun(Self.result(records: 20_000, start: 1001, seconds: 2, host: "b"))
        let merged = try ConsumeMerge.merge([("a.json", a), ("b.json", b)])
        #expect(merged.records == 50_000)
        #expect(merged.bytes == 5_000_000)
        #expect(merged.window.seconds == 3)
        #expect(merged.commonWindow?.seconds == 2)
        let summed = try #require(merged.summedRecordsPerSecond)
        #expect(abs(summed - (10_000 + 10_000)) < 10, "\(summed)")
        #expect(merged.combinedRecordsPerSecond == 50_000.0 / 3)
        #expect(merged.windows.map(\.records) == [10_000, 20_000, 20_000], "b's windows land in the 2nd and 3rd second of a's grid")
        #expect(merged.windows.map(\.endSeconds) == [1, 2, 3])
        #expect(merged.parts.map(\.source) == ["a.json", "b.json"])
        // The merge merges again with a third run; its windows stay on the grid.
        let c = ConsumeRun(Self.result(records: 10_000, start: 1000, seconds: 1, host: "c"))
        let again = try ConsumeMerge.merge([("ab.json", merged), ("c.json", c)])
        #expect(again.records == 60_000)
        #expect(again.windows.map(\.records) == [20_000, 20_000, 20_000])
    }

    @Test("runs apart: no summed rate; the gap counts in the combined rate")
    func apart() throws {
        let a = ConsumeRun(Self.result(records: 10_000, start: 1000, seconds: 1, host: "a"))
        let b = ConsumeRun(Self.result(records: 10_000, start: 1009, seconds: 1, host: "b"))
        let merged = try ConsumeMerge.merge([("a.json", a), ("b.json", b)])
        #expect(merged.commonWindow == nil)
        #expect(merged.summedRecordsPerSecond == nil)
        #expect(merged.combinedRecordsPerSecond == 2_000)
        #expect(merged.windows.count == 10)
        #expect(merged.windows.map(\.records).reduce(0, +) == 20_000)
    }

    @Test("settings that differ are refused naming the setting, the later file's value first", arguments: [
        (result(records: 1, start: 1000, seconds: 1, consumers: 2, host: "b"), "consumers 2 vs 1"),
        (result(records: 1, start: 1000, seconds: 1, host: "b", interval: 5), "report interval 5.0 s vs 1.0 s"),
        (result(records: 1, start: 1000, seconds: 1, host: "b", messages: 500), "messages 500 vs all"),
    ])
    func mismatch(other: ConsumeResult, difference: String) throws {
        let a = ConsumeRun(Self.result(records: 1, start: 1000, seconds: 1))
        #expect(throws: ProduceMergeError(file: "b.json", other: "a.json", difference: difference)) {
            try ConsumeMerge.merge([("a.json", a), ("b.json", ConsumeRun(other))])
        }
    }

    @Test("the same run twice is refused; a consume run does not mix with a producer run")
    func twiceAndMixed() throws {
        let a = ConsumeRun(Self.result(records: 1, start: 1000, seconds: 1))
        #expect(throws: ProduceMergeError.self) { try ConsumeMerge.merge([("a.json", a), ("again.json", a)]) }
        let produce = ProduceMergeTests.run(host: "p", values: [1, 2, 3], startMilliseconds: 0, seconds: 1)
        #expect(throws: ProduceMergeError(file: "p.json", other: "a.json", difference: "a single run vs a consume run")) {
            try ProduceStudyMerge.merge(contents: [("a.json", .consume(a)), ("p.json", .run(produce))])
        }
    }

    @Test("a kbench consume JSON file loads as a consume run")
    func loads() throws {
        let encoder = JSONEncoder()
        let member = try JSONSerialization.jsonObject(with: encoder.encode(Self.result(records: 7, start: 1000, seconds: 1)))
        let data = try JSONSerialization.data(withJSONObject: ["id": "consume", "consume": member])
        guard case .consume(let run) = try ProduceRunFile.decodeContent(data, file: "c.json") else {
            Issue.record("not a consume run")
            return
        }
        #expect(run.records == 7)
        #expect(run.parts.first?.host == "a")
    }
}
