import Foundation
import Testing
import TestSupport

@Suite("kbench produce --end-to-end on the command line", .serialized)
struct EndToEndCommandTests {
    @Test("usage errors: acks=0 (--acks or -X), values shorter than the stamp: exit 2, one line", arguments: [
        (["-X", "acks=0"], "acks=0"), (["--acks", "0"], "acks=0"), (["-X", "request.required.acks=0"], "acks=0"),
        (["--value-size", "15"], "--value-size"), (["--consumers", "0"], "--consumers"),
    ])
    func usage(options: [String], mentions: String) throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "10", "--end-to-end"] + options)
        #expect(result.status == 2, "\(options): \(result.err)")
        #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
        #expect(result.err.contains(mentions), "\(result.err)")
        #expect(result.out.isEmpty)
    }

    @Test("embedded cluster, JSON: every record read exactly once, the six percentiles in the end-to-end section")
    func json() throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "5000", "--generate", "seq:k:5000", "--partitioner", "java", "--end-to-end", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        func fact(_ label: String) -> Any? { report.fact(label, in: "end-to-end") }
        #expect(fact("delivered") as? Int == 5000)
        #expect(fact("exactly once") as? Int == 5000)
        #expect(fact("missing") as? Int == 0)
        #expect(fact("duplicated") as? Int == 0)
        for percentile in ["p50", "p90", "p99", "p99.9", "p99.99", "max"] {
            let value = fact("e2e \(percentile) latency (ms)") as? Double
            #expect(value.map { $0 > 0 } == true, "\(percentile): \(String(describing: value))")
        }
    }

    @Test("--consumers without --end-to-end is a usage error")
    func consumersAlone() throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "10", "--consumers", "2"])
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1 && result.err.contains("--end-to-end"), "\(result.err)")
    }

    @Test("--consumers 3: the partitions dealt among three consumers, every record read exactly once")
    func threeConsumers() throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "20k", "--partitions", "7", "--end-to-end", "--consumers", "3", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        #expect(report.fact("consumers", in: "end-to-end") as? Int == 3)
        #expect(report.fact("exactly once", in: "end-to-end") as? Int == 20_000)
        #expect(report.fact("duplicated", in: "end-to-end") as? Int == 0)
    }

    @Test("--producers 2 and --throughput: every record of both producers read exactly once")
    func producersAndPacing() throws {
        let result = try KBenchExecutable.run([
            "produce", "--producers", "2", "--throughput", "20k", "--duration", "500ms", "--end-to-end", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        let delivered = try #require(report.fact("delivered", in: "summary") as? Int)
        #expect(delivered > 5_000)
        #expect(report.fact("exactly once", in: "end-to-end") as? Int == delivered)
        #expect(report.fact("duplicated", in: "end-to-end") as? Int == 0)
    }

    @Test("table, csv and markdown carry the percentiles and the check", arguments: ["table", "csv", "markdown"])
    func otherFormats(format: String) throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "2000", "--end-to-end", "--format", format])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("e2e p99.99 latency (ms)"), "\(result.out)")
        // CSV holds the facts only (no paragraphs).
        let check = format == "csv" ? "exactly once,2000" : "2000 of 2000 delivered records read exactly once"
        #expect(result.out.contains(check), "\(result.out)")
    }

    @Test("--bootstrap to a kbench broker: consumers on another process's cluster read every record exactly once")
    func broker() throws {
        try BackgroundKBench.withBroker(["--brokers", "2", "--topic", "e2e:4"]) { bootstrap in try readsBack(bootstrap) }
    }

    /// Two runs against the broker at `bootstrap`: each reads its own records exactly once.
    private func readsBack(_ bootstrap: String) throws {
        let result = try KBenchExecutable.run([
            "produce", "--bootstrap", bootstrap, "--topic", "e2e", "--messages", "4000", "--generate", "uuid:4000",
            "--partitioner", "murmur2", "--end-to-end", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        #expect(report.fact("exactly once", in: "end-to-end") as? Int == 4000)
        #expect(report.fact("lost", in: "end-to-end") as? Int == 0)
        // Run again: the consumers start at the end, so the first run's records are not read.
        let again = try KBenchExecutable.run([
            "produce", "--bootstrap", bootstrap, "--topic", "e2e", "--messages", "1000", "--end-to-end", "--format", "json",
        ])
        #expect(again.status == 0, "\(again.err)")
        let second = try ReportJSON(again.out)
        #expect(second.fact("exactly once", in: "end-to-end") as? Int == 1000)
        #expect(second.fact("foreign records", in: "end-to-end") as? Int == 0)
    }
}
