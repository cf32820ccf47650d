import Foundation
import Testing
import TestSupport

@Suite("kbench produce --throughput, --producers, --embedded-rtt on the command line", .serialized)
struct ProducePacingCommandTests {
    @Test("bad rates and producer counts are usage errors: exit 2, one line", arguments: [
        (["--throughput", "0"], "--throughput"), (["--throughput", "-5"], "--throughput"), (["--throughput", "fast"], "--throughput"),
        (["--throughput", "-1k"], "--throughput"), (["--producers", "0"], "--producers"), (["--producers", "-2"], "--producers"), (["--producers", "4", "--throughput", "3"], "--producers"),
        (["--embedded-rtt", "soon"], "--embedded-rtt"),
    ])
    func usage(options: [String], mentions: String) throws {
        try expectUsageError(["produce", "--messages", "10"] + options, mentions: mentions)
    }

    /// The rows of the fixed-rate latency table of a JSON report, by percentile.
    static func latencyRows(_ report: ReportJSON) throws -> [String: [String: Any]] {
        let section = try #require(report.sections.first { $0["id"] as? String == "pacing" })
        let table = try #require((section["tables"] as? [[String: Any]])?.first)
        let rows = try #require(table["rows"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["percentile"] as? String ?? "", $0) })
    }

    @Test("--throughput 20k for 2 s, JSON: offered and achieved rate, not saturated, six percentiles of both latencies")
    func fixedRate() throws {
        let result = try KBenchExecutable.run(["produce", "--throughput", "20k", "--duration", "2s", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        #expect(report.fact("offered records/s", in: "pacing") as? Int == 20_000)
        let achieved = try #require(report.fact("achieved records/s", in: "pacing") as? Double)
        #expect(abs(achieved - 20_000) <= 200, "\(achieved)")
        #expect(report.fact("saturated", in: "pacing") as? String == "no")
        #expect(report.parameter("throughput") as? String == "20000 records/s offered")
        #expect((report.parameter("bootstrap") as? String)?.contains("each answering 1ms late (--embedded-rtt; the default 1ms is about a produce round trip to another availability zone)") == true)
        let rows = try Self.latencyRows(report)
        #expect(Set(rows.keys) == ["p50", "p90", "p99", "p99.9", "p99.99", "max"])
        for (percentile, row) in rows {
            let service = try #require(row["service_ms"] as? Double)
            let response = try #require(row["response_ms"] as? Double)
            #expect(service > 0 && response >= service * 0.999, "\(percentile): \(service) / \(response)")
        }
    }

    @Test("without --throughput nothing changes: no pacing section, no throughput parameter")
    func unpacedUnchanged() throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "2000", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        #expect(!report.sections.contains { $0["id"] as? String == "pacing" })
        #expect(report.parameter("throughput") == nil)
    }

    @Test("the table keeps the perf-test lines and adds the rate line and both latencies; csv and markdown carry them", arguments: ["table", "csv", "markdown"])
    func formats(format: String) throws {
        let result = try KBenchExecutable.run(["produce", "--throughput", "5k", "--messages", "3000", "--format", format])
        #expect(result.status == 0, "\(result.err)")
        if format == "table" {
            let pattern = #/^3000 records sent, \d+\.\d{6} records/sec \(\d+\.\d{2} MB/sec\), \d+\.\d{2} ms avg latency, \d+\.\d{2} ms max latency, \d+ ms 50th, \d+ ms 95th, \d+ ms 99th, \d+ ms 99\.9th\.$/#
            #expect(result.out.split(separator: "\n").contains { String($0).wholeMatch(of: pattern) != nil }, "\(result.out)")
            #expect(result.out.contains("offered 5000 records/s, achieved"), "\(result.out)")
        }
        #expect(result.out.contains("response (ms)"), "\(result.out)")
        #expect(result.out.contains("p99.99"), "\(result.out)")
    }

    @Test("--producers 2: totals and a line per producer, each offered half the rate")
    func producers() throws {
        let result = try KBenchExecutable.run(["produce", "--producers", "2", "--throughput", "4k", "--messages", "4000", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        #expect(report.fact("delivered") as? Int == 4000)
        #expect(report.parameter("producers") as? Int == 2)
        let section = try #require(report.sections.first { $0["id"] as? String == "producers" })
        let rows = try #require((section["tables"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.map { $0["offered_per_second"] as? Int } == [2000, 2000])
        #expect(rows.reduce(0) { $0 + ($1["delivered"] as? Int ?? 0) } == 4000)
    }

    @Test("--embedded-rtt 0 and 20ms: the header says it, and 20 ms shows in every delivery")
    func embeddedRoundTrip() throws {
        var p50: [String: Double] = [:]
        for roundTrip in ["0", "20ms"] {
            let result = try KBenchExecutable.run(["produce", "--messages", "2000", "--throughput", "2k", "--embedded-rtt", roundTrip, "--format", "json"])
            #expect(result.status == 0, "\(result.err)")
            let report = try ReportJSON(result.out)
            let expected = roundTrip == "0" ? "0s" : "20ms"
            #expect((report.parameter("bootstrap") as? String)?.contains("each answering \(expected) late") == true)
            p50[roundTrip] = try Self.latencyRows(report)["p50"]?["service_ms"] as? Double
        }
        let slow = try #require(p50["20ms"])
        #expect(slow >= 20, "\(p50)")
        #expect(try #require(p50["0"]) < slow - 10, "\(p50)")
    }
}
