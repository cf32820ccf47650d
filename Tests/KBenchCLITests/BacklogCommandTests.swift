import Foundation
import Testing
import TestSupport

@Suite("kbench produce --end-to-end --backlog on the command line", .serialized)
struct BacklogCommandTests {
    @Test("usage errors: exit 2, one line naming the problem", arguments: [
        (["--backlog", "1MB"], "--end-to-end"),
        (["--end-to-end", "--backlog", "1MB", "--messages", "1000"], "--messages 1000"),
        (["--end-to-end", "--backlog", "8MB", "--throughput", "1k", "--duration", "2s"], "--duration 2.0 s × --throughput 1000"),
        (["--end-to-end", "--backlog", "2048GiB", "--duration", "1s"], "--backlog must be"),
        (["--end-to-end", "--backlog", "0", "--duration", "1s"], "--backlog must be"),
        (["--end-to-end", "--backlog", "64MB", "--duration", "1s"], "embedded cluster keeps of 6 partitions"),
        (["--end-to-end", "--backlog", "1MB", "--producers", "2", "--duration", "1s"], "--producers 2"),
        (["--end-to-end", "--backlog", "1MB", "--throughput", "1k,2k", "--duration", "1s"], "rate steps"),
        (["--end-to-end", "--backlog", "1MB", "--transactional-id", "t", "--duration", "1s"], "--transactional-id"),
    ])
    func usage(options: [String], mentions: String) throws {
        let result = try KBenchExecutable.run(["produce"] + options)
        #expect(result.status == 2, "\(options): \(result.err)")
        #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
        #expect(result.err.contains(mentions), "\(result.err)")
        #expect(result.out.isEmpty)
    }

    /// The rows of the lag table of `report`'s backlog section.
    static func lagRows(_ report: ReportJSON) throws -> [[String: Any]] {
        let section = try #require(report.sections.first { $0["id"] as? String == "backlog" })
        let tables = try #require(section["tables"] as? [[String: Any]])
        return try #require(tables.first?["rows"] as? [[String: Any]])
    }

    @Test("a 1 MB backlog at 20k records/s: built while paused, drained while producing, every record read once, drain latency above steady")
    func drains() throws {
        let result = try KBenchExecutable.run([
            "produce", "--end-to-end", "--backlog", "1MB", "--throughput", "20k", "--duration", "2s", "--report-interval", "250ms", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        func fact(_ label: String) -> Any? { report.fact(label, in: "backlog") }
        let built = try #require(fact("backlog built (bytes)") as? Int)
        #expect(built >= 1_000_000 && built < 1_200_000, "\(built)")
        #expect(fact("backlog built (records)") as? Int == built / 100)
        #expect(fact("drained") as? String == "yes")
        let read = try #require(fact("drain read records/s") as? Double)
        let produced = try #require(fact("drain produced records/s") as? Double)
        let net = try #require(fact("drain net records/s") as? Double)
        #expect(read > produced && abs(net - (read - produced)) < 0.01, "\(read) \(produced) \(net)")
        let build = try #require(fact("build time") as? Double)
        #expect(build > 0.4, "20k records/s × 100 B take 0.5 s for 1 MB: \(build)")
        let drainP50 = try #require(fact("drain e2e p50 latency (ms)") as? Double)
        let steadyP50 = try #require(fact("steady e2e p50 latency (ms)") as? Double)
        #expect(drainP50 > steadyP50 && drainP50 > 100, "backlog records waited: \(drainP50) vs \(steadyP50)")
        let delivered = try #require(report.fact("delivered", in: "summary") as? Int)
        #expect(report.fact("exactly once", in: "end-to-end") as? Int == delivered)
        let phases = try Self.lagRows(report).compactMap { $0["phase"] as? String }
        let ranks = phases.compactMap { ["building", "draining", "drained"].firstIndex(of: $0) }
        #expect(ranks.count == phases.count && ranks == ranks.sorted(), "phases in order: \(phases)")
        #expect(phases.filter { $0 == "building" }.count >= 2, "samples every 250 ms while building: \(phases)")
        #expect(phases.last == "drained", "\(phases)")
    }

    @Test("table, csv and markdown carry the backlog figures", arguments: ["table", "csv", "markdown"])
    func otherFormats(format: String) throws {
        let result = try KBenchExecutable.run([
            "produce", "--end-to-end", "--backlog", "200KB", "--throughput", "20k", "--duration", "1s", "--format", format,
        ])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("drain read records/s"), "\(result.out)")
        #expect(result.out.contains("embedded mock cluster") || format == "csv", "\(result.out)")
    }
}
