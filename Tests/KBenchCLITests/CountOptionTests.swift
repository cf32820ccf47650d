import Foundation
import Testing
import TestSupport

/// Issue 13, points 10 and 11, through the executable: every count option of produce and
/// broker takes k/M/G, and a count out of range (negative ones included) is one line stating
/// the range, exit 2.
@Suite("count options: k/M/G everywhere, out-of-range counts state the range")
struct CountOptionTests {
    @Test("produce: --messages 2k, --max-in-flight 1k and a key spec of 1k are read as counts")
    func suffixes() throws {
        let result = try KBenchExecutable.run([
            "produce", "--messages", "2k", "--max-in-flight", "1k", "--generate", "seq:k:1k", "--partitions", "1_2",
            "--embedded-brokers", "1", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        #expect(report.fact("delivered") as? Int == 2000)
        #expect(report.fact("in-flight window") as? String == "1000 messages")
        #expect(report.parameter("partitions") as? Int == 12)
        #expect(report.parameter("keys") as? String == "seq:k:1000")
    }

    @Test("other commands' counts take suffixes too: partitions --null-keys 2k, inspect message -n 1k")
    func otherCommands() throws {
        let partitions = try KBenchExecutable.run(["partitions", "--null-keys", "2k", "--partitioner", "java", "-n", "6"])
        #expect(partitions.status == 0, "\(partitions.err)")
        #expect(partitions.out.contains("2000 null keys"))
        let inspect = try KBenchExecutable.run(["inspect", "message", "--key", "a", "--value", "b", "-n", "1k"])
        #expect(inspect.status == 0, "\(inspect.err)")
        #expect(inspect.out.contains("partitions: 1,000"))
    }

    /// Arguments and the one line expected (after `kbench: `).
    static let outOfRange: [([String], String)] = [
        (["produce", "--messages", "-5"], "--messages must be ≥ 1, got -5"),
        (["produce", "--messages", "0"], "--messages must be ≥ 1, got 0"),
        (["produce", "--value-size", "-1"], "--value-size must be 0 B…64 MiB, got -1"),
        (["produce", "--value-size", "65MiB"], "--value-size must be 0 B…64 MiB, got 68157440"),
        (["produce", "--partitions", "-3"], "--partitions must be 1…100000, got -3"),
        (["produce", "--batch-size", "0"], "--batch-size must be 1 B…"),
        (["produce", "--compression-level", "-3"], "--compression-level must be -1…12"),
        (["produce", "--linger-ms", "-1"], "--linger-ms must be 0…900000, got -1.0"),
        (["produce", "--embedded-brokers", "-2"], "--embedded-brokers must be 1…32, got -2"),
        (["produce", "--max-in-flight", "-5"], "--max-in-flight must be adaptive, unlimited or a count ≥ 1, got '-5'"),
        (["broker", "--brokers", "-1"], "--brokers must be 1…32, got -1"),
        (["broker", "--brokers", "2", "--replication-factor", "3"], "--replication-factor must be 1…2, got 3"),
        (["broker", "--partitions", "0"], "--partitions must be 1…100000, got 0"),
        (["broker", "--topic", "orders:-2"], "--topic orders:PARTITIONS must be 1…100000, got -2"),
        (["hash", "-n", "-3"], "--partitions must be 1…2147483647, got -3"),
        (["hash", "--batch-keys", "0"], "--batch-keys must be ≥ 1, got 0"),
        (["inspect", "message", "--key", "a", "--value", "b", "-n", "-1"], "--partitions must be 1…2147483647, got -1"),
        (["partitions", "--null-keys", "-4"], "--null-keys must be ≥ 0, got -4"),
        (["audit", "--bootstrap", "127.0.0.1:1", "--topic", "t", "--max-records", "-5"], "--max-records must be ≥ 1, got -5"),
        (["audit", "--bootstrap", "127.0.0.1:1", "--topic", "t", "--examples", "1k"], "--examples must be 0…100, got 1000"),
        (["partitions", "--generate", "seq:k:10", "--sketch-size", "0"], "--sketch-size must be 1…"),
    ]

    @Test("out of range: one line stating the range, exit 2, nothing run", arguments: outOfRange.indices)
    func ranges(index: Int) throws {
        let (arguments, expected) = Self.outOfRange[index]
        let result = try ChildProcess.kbench(arguments, deadline: 60)
        #expect(result.status == 2, "\(arguments): \(result.err)")
        CLIErrorContractTests.expectOneLine(result, arguments.joined(separator: " "))
        #expect(result.err.hasPrefix("kbench: \(expected)"), "\(arguments): \(result.err)")
        #expect(!result.err.contains("Missing value"), "\(result.err)")
        #expect(result.out.isEmpty)
    }

    @Test("a count that is not one: one line naming the option, exit 2", arguments: [
        ["produce", "--messages", "lots"], ["produce", "--messages", "1.5M"], ["broker", "--brokers", "two"],
    ])
    func notACount(arguments: [String]) throws {
        let result = try ChildProcess.kbench(arguments, deadline: 60)
        #expect(result.status == 2, "\(arguments): \(result.err)")
        CLIErrorContractTests.expectOneLine(result, arguments.joined(separator: " "))
        #expect(result.err.contains(arguments[1]), "\(result.err)")
    }

    @Test("--compression-level -1 (the codec's default, as librdkafka spells it) is accepted")
    func negativeLevelAccepted() throws {
        let result = try KBenchExecutable.run(["produce", "--messages", "100", "--compression", "gzip", "--compression-level", "-1", "--embedded-brokers", "1"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("compression.level=-1"))
    }
}
