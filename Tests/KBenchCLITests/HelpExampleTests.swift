import Foundation
import Testing
import TestSupport

/// Every example in `kbench produce --help` and `kbench broker --help` runs as written (a
/// `--bootstrap 127.0.0.1:9092` goes to a `kbench broker` started for it, `users.txt` is a
/// key file made for it), so the help cannot drift from what the commands accept.
@Suite("produce and broker --help examples run as written", .serialized)
struct HelpExampleTests {
    /// The example command lines of `kbench help COMMAND`, as arguments.
    static func examples(of command: String) throws -> [[String]] {
        DocumentedExamples.help(try KBenchExecutable.runWide(["help", command]), source: command).map { example in
            example.command.split(separator: " ").dropFirst().map(String.init)
        }
    }

    @Test("kbench produce --help: every example exits 0 with the perf-test summary")
    func produceExamples() throws {
        let examples = try Self.examples(of: "produce")
        #expect(examples.count == 12, "\(examples)")
        let broker = try BackgroundKBench(["broker", "--brokers", "1"])
        let bootstrap = try broker.firstLine()
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-users-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: keys) }
        try Data((0..<2000).map { "user-\($0)\n" }.joined().utf8).write(to: URL(fileURLWithPath: keys))
        for example in examples {
            let arguments = example.map { $0 == "127.0.0.1:9092" ? bootstrap : $0 == "users.txt" ? keys : $0 }
            let started = Date()
            let result = try ChildProcess.kbench(arguments, deadline: 60)
            let label = example.joined(separator: " ")
            #expect(result.status == 0, "\(label): \(result.err)")
            #expect(!result.err.contains("kbench: "), "\(label): \(result.err)")
            if example.contains("--sweep") || example.contains(where: { $0.contains(",") }) {
                // Rate steps and sweeps: the study's table with the knee or the recommendation.
                #expect(result.out.contains("knee") || result.out.contains("recommended"), "\(label): \(result.out.prefix(300))")
            } else if example.contains("json") {
                #expect(try ReportJSON(result.out).fact("failed") as? Int == 0, "\(label)")
            } else {
                #expect(result.out.contains("99.9th."), "\(label): \(result.out.prefix(300))")
            }
            if example.contains("1M") { #expect(result.out.contains("1000000 records sent"), "\(label)") }
            #expect(Date().timeIntervalSince(started) < 30, "\(label) took \(Date().timeIntervalSince(started)) s")
        }
        broker.signal(SIGTERM)
        #expect(try broker.waitForExit() == 0)
    }

    @Test("kbench broker --help: every example serves its topics and stops on SIGTERM")
    func brokerExamples() throws {
        let examples = try Self.examples(of: "broker")
        #expect(examples.count == 3, "\(examples)")
        for example in examples {
            let broker = try BackgroundKBench(example)
            let bootstrap = try broker.firstLine()
            #expect(bootstrap.hasPrefix("127.0.0.1:"))
            let banner = try broker.wait(for: "older batches are dropped", in: .stderr)
            func values(_ option: String) -> [String] { example.indices.filter { example[$0] == option }.map { example[$0 + 1] } }
            let partitions = values("--partitions").last ?? "6"
            for topic in values("--topic") {
                let expected = topic.contains(":") ? topic : "\(topic):\(partitions)"
                #expect(banner.contains(expected), "\(example): \(banner)")
            }
            if let partitions = values("--auto-create-partitions").last {
                #expect(banner.contains("topics clients auto-create get \(partitions) partitions (through kbench's relay"), "\(banner)")
            }
            broker.signal(SIGTERM)
            #expect(try broker.waitForExit() == 0, "\(example)")
        }
    }
}
