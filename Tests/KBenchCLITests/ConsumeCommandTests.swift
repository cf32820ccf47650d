import Foundation
import Testing
import TestSupport

@Suite("kbench consume on the command line", .serialized)
struct ConsumeCommandTests {
    @Test("usage errors: --consumers 0, --messages 0: exit 2, one line naming the option", arguments: [
        (["--consumers", "0"], "--consumers"), (["--messages", "0"], "--messages"), (["--group", ""], "--group"),
    ])
    func usage(options: [String], mentions: String) throws {
        let result = try KBenchExecutable.run(["consume", "--seed-messages", "10"] + options)
        #expect(result.status == 2, "\(options): \(result.err)")
        #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
        #expect(result.err.contains(mentions), "\(result.err)")
        #expect(result.out.isEmpty)
    }

    @Test("a missing topic: exit 1, one line naming it")
    func missingTopic() throws {
        let result = try KBenchExecutable.run(["consume", "--seed-messages", "0", "--topic", "no-such-topic", "--timeout", "3s"])
        #expect(result.status == 1, "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
        #expect(result.err.contains("no-such-topic") && result.err.contains("does not exist"), "\(result.err)")
    }

    @Test("seeded embedded cluster: every record produced is read, exactly; lag from all to none; fetch figures")
    func readsEverything() throws {
        let result = try KBenchExecutable.run(["consume", "--seed-messages", "30k", "--partitions", "5", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        #expect(report.fact("records read", in: "summary") as? Int == 30_000)
        #expect(report.fact("records to read", in: "summary") as? Int == 30_000)
        #expect(report.fact("lag at start", in: "summary") as? Int == 30_000)
        #expect(report.fact("lag at end", in: "summary") as? Int == 0)
        #expect(report.fact("bytes read (key+value)", in: "summary") as? Int == 3_000_000)
        #expect((report.fact("fetch requests", in: "fetch") as? Int).map { $0 > 0 } == true)
        #expect((report.fact("records per fetch", in: "fetch") as? Double).map { $0 > 1 } == true)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let run = try #require(object["consume"] as? [String: Any])
        #expect(run["records"] as? Int == 30_000)
        #expect(run["complete"] as? Bool == true)
    }

    @Test("--consumers 3 in one --group: the group's rebalance timed, every record read once")
    func group() throws {
        let result = try KBenchExecutable.run(["consume", "--seed-messages", "20k", "--partitions", "6", "--consumers", "3", "--group", "kbench-test", "--idle-timeout", "30s", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        #expect(report.parameter("consumers") as? Int == 3)
        // A member that joins late (a loaded machine) makes a second rebalance, after which
        // records read before the first commit are read again: each record is read at least once.
        let read = report.fact("records read", in: "summary") as? Int
        let twice = report.fact("records read twice (rebalance)", in: "summary") as? Int
        #expect(read.flatMap { read in twice.map { read - $0 } } == 20_000)
        #expect(report.fact("lag at end", in: "summary") as? Int == 0)
        #expect((report.fact("rebalance (ms)", in: "summary") as? Double).map { $0 > 0 } == true)
    }

    @Test("table output: kafka-consumer-perf-test's header and a ten-field line with the record count")
    func perfTestLine() throws {
        let result = try KBenchExecutable.run(["consume", "--seed-messages", "5000"])
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("start.time, end.time, data.consumed.in.MB") })
        let fields = lines[header + 1].components(separatedBy: ", ")
        #expect(fields.count == 10, "\(lines[header + 1])")
        #expect(fields.count == 10 && fields[4] == "5000", "\(lines[header + 1])")
    }
}
