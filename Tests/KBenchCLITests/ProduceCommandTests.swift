import Foundation
import Testing
import TestSupport

@Suite("kbench produce and audit on the command line")
struct ProduceCommandTests {
    @Test("embedded cluster: windows, the perf-test final line, the partition check, exit 0")
    func embedded() throws {
        let result = try KBenchExecutable.run([
            "produce", "--messages", "3000", "--generate", "zipf:1.2:3000:300", "--partitioner", "sarama:hash",
            "--partitions", "5", "--corpus", "logs", "--report-interval", "1ms", "--linger-ms", "1",
        ])
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        let final = try #require(lines.first { $0.contains("99.9th.") })
        let pattern = #/^3000 records sent, \d+\.\d{6} records/sec \(\d+\.\d{2} MB/sec\), \d+\.\d{2} ms avg latency, \d+\.\d{2} ms max latency, \d+ ms 50th, \d+ ms 95th, \d+ ms 99th, \d+ ms 99\.9th\.$/#
        #expect(final.wholeMatch(of: pattern) != nil, "\(final)")
        let window = #/^\d+ records sent, \d+\.\d records/sec \(\d+\.\d{2} MB/sec\), \d+\.\d ms avg latency, \d+\.\d ms max latency\.$/#
        #expect(lines.contains { $0.wholeMatch(of: window) != nil })
        #expect(result.out.contains("partitions: 3000 of 3000 as sarama:hash predicts, 0 mismatches"))
        #expect(result.out.contains("every message sent was delivered"))
    }

    @Test("the perf-test summary and the partition line appear once each, in the report (issue 13, point 12)", arguments: [
        (["--report-interval", "1ms"], true), ([], false),
    ])
    func summaryOnce(options: [String], windows: Bool) throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "3000", "--generate", "seq:k:3000", "--partitioner", "java"] + options)
        #expect(result.status == 0, "\(result.err)")
        let lines = (result.out + result.err).split(separator: "\n")
        #expect(lines.filter { $0.contains("99.9th.") }.count == 1, "\(result.out)")
        #expect(lines.filter { $0.contains("as java predicts") }.count == 1, "\(result.out)")
        let progress = lines.filter { $0.contains("records sent") && !$0.contains("99.9th.") }
        // A run within one interval prints no window: it would be the summary again.
        #expect(progress.isEmpty != windows, "\(progress)")
    }

    @Test("null keys under librdkafka's default: not predictable per record")
    func nullKeys() throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "500", "--value-size", "10"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("not predictable per record"))
    }

    @Test("an unknown partitioner is a usage error: exit 2, one line")
    func unknownPartitioner() throws {
        let result = try KBenchExecutable.run(["produce", "--partitioner", "bogus", "--messages", "1"])
        #expect(result.status == 2)
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.contains("unknown partitioner 'bogus'"))
    }

    @Test("bad options are usage errors", arguments: [
        ["produce", "--generate", "zipf:x:10"],
        ["produce", "--messages", "10", "--duration", "5s"],
        ["produce", "-X", "novalue"],
        ["produce", "--acks", "2"],
        ["produce", "--max-in-flight", "-5"],
        ["produce", "--max-in-flight", "lots"],
        ["broker", "--topic", "orders:none"],
        ["audit"],
        ["chat", "--name", "a", "--peer", "a"],
    ])
    func usage(arguments: [String]) throws {
        let result = try KBenchExecutable.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.err)")
        #expect(result.err.split(separator: "\n").count == 1)
    }

    @Test("--max-in-flight and --exact-latency: the window is reported, every message delivered", arguments: [
        (["--max-in-flight", "300"], "300 messages"), (["--max-in-flight", "unlimited"], "unlimited"),
        (["--exact-latency"], "adaptive"), ([], "adaptive"),
    ])
    func windowOptions(options: [String], window: String) throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "4000", "--generate", "seq:k:1000", "--format", "json"] + options)
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        func fact(_ label: String) -> Any? { report.fact(label) }
        #expect((fact("in-flight window") as? String)?.hasPrefix(window) == true, "\(String(describing: fact("in-flight window")))")
        #expect(fact("delivered") as? Int == 4000)
        #expect(fact("window waits") is Int)
        #expect((fact("p50 latency (ms)") as? Double ?? -1) >= 0)
    }

    @Test("an unreachable --bootstrap fails within --timeout: exit 1, one line")
    func unreachable() throws {
        let started = Date()
        let result = try KBenchExecutable.run(["produce", "--bootstrap", "127.0.0.1:1", "--timeout", "2s", "--messages", "10"])
        #expect(result.status == 1)
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.hasPrefix("kbench: cannot produce to 127.0.0.1:1"))
        #expect(Date().timeIntervalSince(started) < 20, "bounded, no hang")
        let audit = try KBenchExecutable.run(["audit", "--bootstrap", "127.0.0.1:1", "--timeout", "2s", "--topic", "t"])
        #expect(audit.status == 1)
        #expect(audit.err.split(separator: "\n").count == 1)
    }

    @Test("a key file that runs out on stdin ends the run; --keys from a file works")
    func keyFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-keys-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("alpha\nbeta\ngamma\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try KBenchExecutable.run(["produce", "--keys", path, "--messages", "30", "--partitioner", "murmur2", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("\"keys from \(path)\""))
        let stdin = try KBenchExecutable.run(["produce", "--keys", "-", "--messages", "30"], input: Data("a\nb\n".utf8))
        #expect(stdin.status == 0, "\(stdin.err)")
        #expect(stdin.out.contains("the keys ran out after 2 messages"))
    }
}
