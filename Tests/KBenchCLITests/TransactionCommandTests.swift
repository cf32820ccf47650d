import Foundation
import Testing
import TestSupport

@Suite("kbench produce --transactional-id on the command line", .serialized)
struct TransactionCommandTests {
    @Test("usage errors: acks other than all, transaction options without an id, both boundaries: exit 2, one line", arguments: [
        (["--transactional-id", "t", "--acks", "1"], "acks"),
        (["--transactional-id", "t", "-X", "acks=0"], "acks"),
        (["--transactional-id", "t", "-X", "request.required.acks=1"], "acks"),
        (["--abort-every", "3"], "--transactional-id"),
        (["--transaction-duration", "100ms"], "--transactional-id"),
        (["--transaction-records", "10"], "--transactional-id"),
        (["-X", "transactional.id=t"], "--transactional-id"),
        (["--transactional-id", "t", "--transaction-duration", "100ms", "--transaction-records", "10"], "not both"),
        (["--transactional-id", "t", "--abort-every", "0"], "--abort-every"),
        (["--transactional-id", "t", "--producers", "2"], "--producers"),
        (["--transactional-id", "t", "--throughput", "1k,2k"], "rate steps"),
    ])
    func usage(options: [String], mentions: String) throws {
        try expectUsageError(["produce", "--messages", "10"] + options, mentions: mentions)
    }

    @Test("--acks all and -1 are accepted with --transactional-id", arguments: ["all", "-1"])
    func acksAll(acks: String) throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "100", "--transactional-id", "t", "--acks=\(acks)", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        #expect(try ReportJSON(result.out).fact("committed", in: "transactions") as? Int == 1)
    }

    @Test("embedded cluster: every 3rd of 12 transactions aborted, counted; committed records read once; the mock's note")
    func embedded() throws {
        let result = try KBenchExecutable.run([
            "produce", "--messages", "6000", "--transactional-id", "kbench-test", "--transaction-records", "500", "--abort-every", "3",
            "--end-to-end", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        func transactions(_ label: String) -> Any? { report.fact(label, in: "transactions") }
        #expect(transactions("committed") as? Int == 8)
        #expect(transactions("aborted") as? Int == 4)
        #expect(transactions("committed records") as? Int == 4000)
        #expect(transactions("aborted records") as? Int == 2000)
        #expect(transactions("records per transaction") as? Double == 500)
        for label in ["commit p50 (ms)", "commit p99 (ms)", "abort p50 (ms)", "throughput ratio", "p99 ratio", "records/s without transactions"] {
            #expect((transactions(label) as? Double).map { $0 > 0 } == true, "\(label): \(String(describing: transactions(label)))")
        }
        func endToEnd(_ label: String) -> Any? { report.fact(label, in: "end-to-end") }
        #expect(endToEnd("committed") as? Int == 4000)
        #expect(endToEnd("exactly once") as? Int == 4000)
        #expect(endToEnd("missing") as? Int == 0)
        #expect(endToEnd("duplicated") as? Int == 0)
        #expect(endToEnd("aborted delivered") as? Int == 2000)
        // librdkafka 2.0.2's mock writes no markers and hides nothing: the aborted records are read.
        #expect(endToEnd("aborted read") as? Int == 2000)
        #expect(endToEnd("offsets without a record") as? Int == 0)
        #expect(result.err.contains("librdkafka 2.0.2's mock"), "\(result.err)")
    }

    @Test("table: the counts, the cost ratio, commit latency and the note on the embedded mock")
    func table() throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "2000", "--transactional-id", "t", "--transaction-records", "500", "--abort-every", "2"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("transactions: 2 committed (1000 records), 2 aborted (1000 records), 500.0 records per transaction"), "\(result.out)")
        #expect(result.out.contains("transactions cost: throughput "), "\(result.out)")
        #expect(result.out.contains("commit latency: p50 "), "\(result.out)")
        #expect(result.out.contains("the embedded cluster is librdkafka 2.0.2's mock"), "\(result.out)")
    }

    @Test("--bootstrap to a kbench broker (librdkafka 2.0.2's mock, no markers): aborted records read, said, not a failure")
    func brokerWithoutMarkers() throws {
        let result = try BackgroundKBench.withBroker(["--brokers", "2", "--topic", "txn:4"]) { bootstrap in
            try KBenchExecutable.run([
                "produce", "--bootstrap", bootstrap, "--topic", "txn", "--messages", "3000", "--transactional-id", "t",
                "--transaction-records", "100", "--abort-every", "3", "--end-to-end",
            ])
        }
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("2000 of 2000 committed records read exactly once (0 missing, 0 duplicated); 1000 of 1000 records of aborted transactions read"), "\(result.out)")
        #expect(result.out.contains("the cluster wrote no commit/abort markers"), "\(result.out)")
    }

    @Test("--transaction-duration at a fixed rate: transactions of about the rate × the duration")
    func duration() throws {
        let result = try KBenchExecutable.run([
            "produce", "--throughput", "5k", "--duration", "1s", "--transactional-id", "t", "--transaction-duration", "100ms", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        let committed = try #require(report.fact("committed", in: "transactions") as? Int)
        #expect((6...14).contains(committed), "\(committed) transactions of 100 ms in 1 s")
        let perTransaction = try #require(report.fact("records per transaction", in: "transactions") as? Double)
        #expect((250...800).contains(perTransaction), "\(perTransaction) records per transaction at 5k/s")
        #expect(report.fact("aborted", in: "transactions") as? Int == 0)
    }
}
