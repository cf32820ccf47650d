import Foundation
import Testing
import TestSupport

/// Issue 13, point 13 (second half), through the executables: `kbench broker
/// --auto-create-partitions N` puts kbench's relay in front of the mock brokers, so topics
/// clients auto-create get N partitions; producers, consumers and chat work through it, and it
/// leaks neither descriptors nor threads.
@Suite("kbench broker --auto-create-partitions: topics clients auto-create get N partitions, through the relay", .serialized)
struct BrokerRelayTests {
    /// A broker with `--auto-create-partitions partitions` and its relay address, once its banner is out.
    static func relayBroker(brokers: Int = 2, partitions: Int = 12) throws -> (broker: BackgroundKBench, bootstrap: String) {
        let broker = try BackgroundKBench(["broker", "--brokers", String(brokers), "--auto-create-partitions", String(partitions)])
        let bootstrap = try broker.firstLine()
        try broker.wait(for: "topics clients auto-create get \(partitions) partitions (through kbench's relay in front of the mock brokers)", in: .stderr)
        return (broker, bootstrap)
    }

    @Test("produce --partitioner java to a fresh topic: 12 partitions, every delivery as predicted; audit and confluent-kafka read it through the relay")
    func produceAuditList() throws {
        let (broker, bootstrap) = try Self.relayBroker()
        let servers = bootstrap.split(separator: ",")
        #expect(servers.count == 2 && servers.allSatisfy { $0.hasPrefix("127.0.0.1:") }, "\(bootstrap)")
        #expect(broker.text(.stderr).contains("2 broker(s) at \(bootstrap);"), "the banner names the relay's address")

        let count = 10_000
        let produce = try KBenchExecutable.run([
            "produce", "--bootstrap", bootstrap, "--topic", "fresh", "--messages", "10k",
            "--generate", "seq:user-:\(count)", "--partitioner", "java", "--format", "json",
        ])
        #expect(produce.status == 0, "\(produce.err)")
        let report = try ReportJSON(produce.out)
        #expect(report.parameter("partitions") as? Int == 12)
        #expect(report.fact("delivered", in: "summary") as? Int == count)
        #expect(report.fact("checked", in: "partition-check") as? Int == count)
        #expect(report.fact("mismatched", in: "partition-check") as? Int == 0)
        try broker.wait(for: "kbench broker: topic 'fresh' auto-created by a client with 12 partitions (--auto-create-partitions, through kbench's relay)", in: .stderr)

        let audit = try AuditCommandTests.audit(bootstrap, "fresh")
        #expect(audit.fact("verdict") as? String == "single", "\(audit.json)")
        #expect(audit.share(of: "java") != nil, "\(audit.shares)")
        #expect(audit.parameter("read") as? String == "read all 10,000 of 10,000 records of 12 partitions")

        let topics = String(decoding: try PythonHelper.run(script: "list_topics.py", arguments: [bootstrap]), as: UTF8.self)
        #expect(topics.split(separator: "\n").contains("fresh"), "\(topics)")

        broker.signal(SIGTERM)
        #expect(try broker.waitForExit() == 0)
        #expect(broker.text(.stdout) == bootstrap + "\n", "the relay's address is the only line on stdout")
    }

    @Test("chat through the relay: a short piped two-party exchange")
    func chat() throws {
        let broker = try ChatBroker(["broker", "--brokers", "1", "--auto-create-partitions", "3"])
        let alice = try broker.participant("alice", "bob", ownTopic: "kbench-chat.alice")
        let bob = try broker.participant("bob", "alice", ownTopic: "kbench-chat.bob")
        alice.send("hello through the relay")
        try bob.wait(for: "alice: hello through the relay")
        bob.send("hi alice")
        try alice.wait(for: "bob: hi alice")
        try alice.wait(for: "alice → bob: hello through the relay ✓")
        try broker.finish(alice, bob)
    }

    @Test("200 connections opened and closed: the broker's descriptors and threads come back to where they were")
    func noLeaks() throws {
        let (broker, bootstrap) = try Self.relayBroker(brokers: 1, partitions: 2)
        let pid = broker.pid
        func count(_ directory: String) -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/\(directory)").count) ?? -1
        }
        // Settled: the watcher's client has connected.
        let settled = Date().addingTimeInterval(20)
        var before = (fds: count("fd"), threads: count("task"))
        while Date() < settled {
            Thread.sleep(forTimeInterval: 0.5)
            let now = (fds: count("fd"), threads: count("task"))
            if now == before { break }
            before = now
        }
        let answered = try PythonHelper.run(script: "relay_connections.py", arguments: [bootstrap, "200"])
        #expect(String(decoding: answered, as: UTF8.self) == "100\n", "every ApiVersions request answered")
        var after = (fds: count("fd"), threads: count("task"))
        let deadline = Date().addingTimeInterval(20)
        while (after.fds > before.fds || after.threads > before.threads) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            after = (fds: count("fd"), threads: count("task"))
        }
        #expect(after.fds <= before.fds, "descriptors: \(before.fds) before, \(after.fds) after")
        #expect(after.threads <= before.threads, "threads: \(before.threads) before, \(after.threads) after")
        broker.signal(SIGTERM)
        #expect(try broker.waitForExit() == 0)
    }

    @Test("--auto-create-partitions outside 1…100000 is a usage error")
    func bounds() throws {
        for value in ["0", "100001", "-3"] {
            let result = try KBenchExecutable.run(["broker", "--auto-create-partitions", value])
            #expect(result.status == 2)
            #expect(result.err.contains("--auto-create-partitions must be 1…100000, got"), "\(value): \(result.err)")
        }
    }
}
