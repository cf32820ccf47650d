import Foundation
import Testing
import TestSupport

/// Issue 13, points 13 and 14, through the executables: `kbench produce --bootstrap
/// <kbench broker> --partitions N` gets N partitions or stops at once with one line; `kbench
/// broker` makes topic partition counts settable, reports topics clients auto-create, states
/// its retention bound and says when it drops data.
@Suite("kbench broker: partition counts and the retention bound, stated and reported")
struct BrokerBoundsTests {
    @Test("--partitions is honoured or the run stops before sending: one line, exit 1, no topic auto-created")
    func partitionsHonoured() throws {
        let broker = try BackgroundKBench(["broker", "--brokers", "1", "--topic", "orders:6", "--partitions", "12", "--topic", "payments"])
        let bootstrap = try broker.firstLine()
        try broker.wait(for: "payments:12", in: .stderr)

        // Exists with another count.
        let started = Date()
        let mismatch = try ChildProcess.kbench(["produce", "--bootstrap", bootstrap, "--topic", "orders", "--partitions", "12", "--messages", "100"], deadline: 60)
        #expect(mismatch.status == 1)
        CLIErrorContractTests.expectOneLine(mismatch, "orders:6 asked 12")
        #expect(mismatch.err.contains("topic 'orders' has 6 partitions, not the 12 asked (it existed already); create it with 12 partitions first (on a kbench broker: --topic orders:12), or drop --partitions"), "\(mismatch.err)")
        #expect(mismatch.out.isEmpty, "nothing produced, no report")

        // Missing: the mock cluster serves no CreateTopics; the topic is not auto-created with 4.
        for _ in 0..<2 {
            let missing = try ChildProcess.kbench(["produce", "--bootstrap", bootstrap, "--topic", "fresh", "--partitions", "4", "--messages", "100"], deadline: 60)
            #expect(missing.status == 1)
            CLIErrorContractTests.expectOneLine(missing, "fresh")
            #expect(missing.err.contains("topic 'fresh' does not exist and was not created with 4 partitions (CreateTopics not tried: the cluster names no controller"), "\(missing.err)")
        }
        #expect(Date().timeIntervalSince(started) < 20, "stops at once")

        // A topic made with the broker's --partitions: the 12 asked.
        let produced = try KBenchExecutable.run(["produce", "--bootstrap", bootstrap, "--topic", "payments", "--partitions", "12", "--messages", "1000", "--format", "json"])
        #expect(produced.status == 0, "\(produced.err)")
        #expect(try ReportJSON(produced.out).parameter("partitions") as? Int == 12)

        // A client's auto-created topic: said on the broker's stderr.
        let auto = try KBenchExecutable.run(["produce", "--bootstrap", bootstrap, "--topic", "auto", "--messages", "100", "--format", "json"])
        #expect(auto.status == 0, "\(auto.err)")
        #expect(try ReportJSON(auto.out).parameter("partitions") as? Int == 4)
        try broker.wait(for: "kbench broker: topic 'auto' auto-created by a client with 4 partitions", in: .stderr)
        #expect(!broker.text(.stderr).contains("'fresh'"), "the refused runs created nothing")
        broker.signal(SIGTERM)
        #expect(try broker.waitForExit() == 0)
    }

    @Test("SIGTERM or SIGINT the moment the address is out (while the banner is still being written) stops the broker cleanly")
    func signalRightAfterAddress() throws {
        for signal in [SIGTERM, SIGINT, SIGTERM, SIGINT, SIGTERM] {
            let broker = try BackgroundKBench(["broker", "--brokers", "1", "--topic", "t:2"])
            _ = try broker.firstLine()
            broker.signal(signal)
            #expect(try broker.waitForExit(seconds: 30) == 0, "signal \(signal): \(broker.text(.stderr))")
            #expect(broker.text(.stderr).contains("received, cluster shut down"))
        }
    }

    @Test("the retention bound is in the banner and help; the broker says which offsets it dropped")
    func retentionReported() throws {
        let help = try KBenchExecutable.run(["broker", "--help"])
        #expect(help.status == 0)
        #expect(help.out.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
            .contains("each partition keeps its newest 5 MiB of record batches"), "\(help.out)")

        let broker = try BackgroundKBench(["broker", "--brokers", "1", "--topic", "t:1"])
        let bootstrap = try broker.firstLine()
        let banner = try broker.wait(for: "older batches are dropped", in: .stderr)
        #expect(banner.contains("each partition keeps its newest 5 MiB of record batches"))
        // 700 × 10 KiB = 7 MiB into one partition: more than it keeps.
        let produced = try KBenchExecutable.run(["produce", "--bootstrap", bootstrap, "--topic", "t", "--partitions", "1",
                                                 "--messages", "700", "--value-size", "10KiB", "--format", "json"])
        #expect(produced.status == 0, "\(produced.err)")
        #expect(try ReportJSON(produced.out).fact("delivered") as? Int == 700)
        let said = try broker.wait(for: "kbench broker: t[0] dropped offsets 0…", in: .stderr)
        #expect(said.contains("(the mock cluster keeps the newest 5 MiB of record batches per partition)"))
        broker.signal(SIGTERM)
        #expect(try broker.waitForExit() == 0)
    }

    @Test("produce on the embedded cluster says when the cluster no longer holds what was delivered", arguments: ["table", "json"])
    func embeddedDropNoted(format: String) throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "700", "--value-size", "10KiB", "--partitions", "1", "--format", format])
        #expect(result.status == 0, "\(result.err)")
        let note = "the embedded mock cluster no longer holds"
        #expect(result.out.contains(note), "the report's notes")
        #expect(result.out.contains("embedded librdkafka mock cluster"), "figures labelled as the mock cluster's")
        #expect(result.err.contains(note) == (format == "json"), "a warning on stderr when stdout is for programs: \(result.err)")
        let small = try KBenchExecutable.run(["produce", "--messages", "100", "--partitions", "1"])
        #expect(small.status == 0)
        #expect(!small.out.contains(note), "nothing dropped, nothing said")
    }
}
