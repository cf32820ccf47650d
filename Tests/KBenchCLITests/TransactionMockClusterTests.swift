import Foundation
import Testing
import TestSupport

/// Transactional producing against a newer librdkafka mock cluster than the 2.0.2 kbench links:
/// confluent-kafka's bundled librdkafka (2.16), hosted by `Tests/python/mock_cluster_host.py` on
/// loopback ports. Its mock writes commit/abort markers (the consumers see offsets without a
/// record) but, like 2.0.2's, names no aborted transaction in Fetch (v2.15.0
/// `rdkafka_mock_handlers.c`: `#Aborted` is written as 0 and LastStableOffset is the end offset;
/// its aborted ranges serve ShareFetch only), so read_committed consumers still read aborted
/// records there: kbench reports them and exits 1, as it must on a cluster that writes markers.
@Suite("kbench produce --transactional-id against confluent-kafka's newer mock cluster", .serialized)
struct TransactionMockClusterTests {
    /// Starts the mock (3 brokers) and returns it with its bootstrap; fails (never skips) when
    /// Python or confluent-kafka is missing, saying what to install.
    static func startMock() throws -> (host: BackgroundKBench, bootstrap: String) {
        let host = try BackgroundKBench(
            executable: try PythonHelper.interpreter(), [Repository.file("Tests/python/mock_cluster_host.py").path, "3"], environment: nil)
        let bootstrap = try host.firstLine(seconds: 30)
        try #require(bootstrap.contains(":"), "not a bootstrap: \(bootstrap)")
        return (host, bootstrap)
    }

    static func stop(_ host: BackgroundKBench) {
        host.closeInput()
        _ = try? host.waitForExit(seconds: 10)
    }

    static func produce(_ bootstrap: String, topic: String, _ extra: [String]) throws -> (ProcessRunner.Result, ReportJSON) {
        let result = try KBenchExecutable.run([
            "produce", "--bootstrap", bootstrap, "--topic", topic, "--messages", "3000", "--transactional-id", "kbench-\(topic)",
            "--transaction-records", "100", "--end-to-end", "--format", "json",
        ] + extra)
        return (result, try ReportJSON(result.out))
    }

    @Test("commits only: every committed record read exactly once with read_committed, the markers seen as offsets without a record")
    func committed() throws {
        let (host, bootstrap) = try Self.startMock()
        defer { Self.stop(host) }
        let (result, report) = try Self.produce(bootstrap, topic: "txn-commit", [])
        #expect(result.status == 0, "\(result.err)")
        #expect(report.fact("committed", in: "transactions") as? Int == 30)
        #expect(report.fact("committed records", in: "transactions") as? Int == 3000)
        func endToEnd(_ label: String) -> Any? { report.fact(label, in: "end-to-end") }
        #expect(endToEnd("delivered") as? Int == 3000)
        #expect(endToEnd("exactly once") as? Int == 3000)
        #expect(endToEnd("missing") as? Int == 0)
        #expect(endToEnd("duplicated") as? Int == 0)
        #expect(endToEnd("aborted read") as? Int == 0)
        #expect((endToEnd("offsets without a record") as? Int).map { $0 > 0 } == true, "this mock writes commit markers")
    }

    @Test("--abort-every 3: committed records read exactly once, the counts those of the run; this mock does not hide the aborted ones: exit 1")
    func aborted() throws {
        let (host, bootstrap) = try Self.startMock()
        defer { Self.stop(host) }
        let (result, report) = try Self.produce(bootstrap, topic: "txn-abort", ["--abort-every", "3"])
        #expect(report.fact("committed", in: "transactions") as? Int == 20)
        #expect(report.fact("aborted", in: "transactions") as? Int == 10)
        let committedRecords = try #require(report.fact("committed records", in: "transactions") as? Int)
        let abortedRecords = try #require(report.fact("aborted records", in: "transactions") as? Int)
        #expect(committedRecords == 2000 && abortedRecords == 1000)
        func endToEnd(_ label: String) -> Any? { report.fact(label, in: "end-to-end") }
        #expect(endToEnd("committed") as? Int == committedRecords)
        #expect(endToEnd("exactly once") as? Int == committedRecords)
        #expect(endToEnd("missing") as? Int == 0)
        #expect(endToEnd("duplicated") as? Int == 0)
        #expect(endToEnd("aborted delivered") as? Int == abortedRecords)
        #expect((endToEnd("offsets without a record") as? Int).map { $0 > 0 } == true, "this mock writes abort markers")
        // A Kafka broker hides them (aborted read 0, exit 0); this mock's Fetch names no aborted
        // transaction, so all are read, and a cluster that writes markers must not show them.
        #expect(endToEnd("aborted read") as? Int == abortedRecords)
        #expect(result.status == 1, "\(result.err)")
        #expect(result.err.split(separator: "\n").last?.contains("\(abortedRecords) of \(abortedRecords) records of aborted transactions were read") == true, "\(result.err)")
    }
}
