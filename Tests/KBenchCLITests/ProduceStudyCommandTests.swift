import Foundation
import Testing
import TestSupport

@Suite("kbench produce rate steps and --sweep on the command line", .serialized)
struct ProduceStudyCommandTests {
    @Test("bad steps and sweeps are usage errors: exit 2, one line", arguments: [
        (["--throughput", "10k,,50k"], "empty step"), (["--throughput", "10k,10000"], "twice"), (["--throughput", "10k,fast"], "--throughput"),
        (["--sweep", "linger-ms="], "no values"), (["--sweep", "linger-ms=0,5", "--export-messages", "x.txt"], "--export-messages"),
        (["--throughput", "1k,2k", "--export-messages", "x.txt"], "--export-messages"),
        (["--throughput", "1k,2k", "--sweep", "linger-ms=0,5"], "not both"),
        (["--sweep", "a.b=1,2,3,4,5,6,7,8", "--sweep", "c.d=1,2,3,4,5,6,7,8", "--sweep", "e.f=1,2"], "at most 64"),
        (["--repeat", "2"], "--repeat"), (["--latency-target", "5ms"], "--latency-target"), (["--charts", "d"], "--charts"),
        (["--throughput", "1k,2k", "--repeat", "0"], "--repeat"), (["--sweep", "foo.bar=1,2"], "No such configuration property"),
        (["--sweep", "linger.ms=5,abc"], "abc"),
    ])
    func usage(options: [String], mentions: String) throws {
        try expectUsageError(["produce", "--messages", "10"] + options, mentions: mentions)
    }

    /// The study table of a JSON report.
    static func table(_ report: ReportJSON, section: String) throws -> [[String: Any]] {
        let found = try #require(report.sections.first { $0["id"] as? String == section })
        return try #require((found["tables"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]])
    }

    @Test("rate steps in JSON: a row per step, response time at fixed rates only, the knee as a fact and a mark, the chart's data")
    func stepsJSON() throws {
        let result = try KBenchExecutable.run(["produce", "--throughput", "2k,5k,max", "--messages", "1000", "--latency-target", "1s", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        let rows = try Self.table(report, section: "steps")
        #expect(rows.map { $0["step"] as? String } == ["2000 records/s", "5000 records/s", "max"])
        #expect(rows.map { $0["offered_per_second"] as? Int } == [2000, 5000, nil])
        #expect(rows[0]["response_p99_ms"] is Double && rows[2]["response_p99_ms"] is NSNull)
        #expect(rows.allSatisfy { $0["service_p99_ms"] is Double && $0["cpu_seconds"] is Double })
        let knee = try #require(report.fact("knee", in: "steps") as? String)
        #expect(rows.filter { $0["mark"] as? String == "knee" }.map { $0["step"] as? String } == [knee])
        #expect(report.parameter("rate steps") as? String == "2k,5k,max")
        let section = try #require(report.sections.first { $0["id"] as? String == "steps" })
        #expect((section["charts"] as? [[String: Any]])?.count == 1)
        #expect((section["paragraphs"] as? [String])?.first?.contains("not a Kafka broker") == true)
    }

    @Test("rate steps in table, csv and markdown carry the table and the knee", arguments: ["table", "csv", "markdown"])
    func stepsFormats(format: String) throws {
        let result = try KBenchExecutable.run(["produce", "--throughput", "2k,4k", "--messages", "800", "--format", format])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("4000 records/s"), "\(result.out)")
        #expect(result.out.contains("response p99") || result.out.contains("response_p99_ms"), "\(result.out)")
        if format != "csv" { #expect(result.out.contains("knee: "), "\(result.out)") }
    }

    @Test("a 2×2 sweep: four rows, the front, one recommendation; --charts writes the SVG scatter")
    func sweep() throws {
        let charts = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-sweep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: charts) }
        let result = try KBenchExecutable.run([
            "produce", "--throughput", "3k", "--messages", "600", "--sweep", "linger-ms=0,5", "--sweep", "acks=1,all",
            "--latency-target", "2s", "--format", "json", "--charts", charts.path,
        ])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        let rows = try Self.table(report, section: "sweep")
        #expect(rows.map { $0["combination"] as? String } == ["linger-ms=0 acks=1", "linger-ms=0 acks=all", "linger-ms=5 acks=1", "linger-ms=5 acks=all"])
        #expect(rows.filter { ($0["mark"] as? String)?.contains("recommended") == true }.count == 1)
        #expect(rows.contains { ($0["mark"] as? String)?.contains("front") == true })
        #expect(report.fact("recommended", in: "sweep") is String)
        let svg = try String(contentsOf: charts.appendingPathComponent("produce-sweep-p99.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("Pareto front"))
        #expect(result.err.contains("wrote"))
    }
}
