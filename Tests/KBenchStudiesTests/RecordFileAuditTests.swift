import Foundation
import KafkaPartitioning
import Testing
import TestSupport
@testable import KBenchStudies

/// `kbench audit --records`: exported `key<TAB>partition` lines through the live audit's analysis.
@Suite("Offline audit: records files")
struct RecordFileAuditTests {
    static func write(_ lines: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-records-\(UUID().uuidString).tsv").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func partition(_ strategy: String, _ key: String, _ n: Int) throws -> Int32 {
        try #require(StrategyRegistry.strategy(named: strategy)).makePartitioner().partition(key: Array(key.utf8), partitionCount: .valid(n))
    }

    static func audit(_ lines: [String], hex: Bool = false, partitions: Int? = nil) throws -> RecordFileAudit.Outcome {
        let path = try write(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try RecordFileAudit.run(RecordFileAudit.Settings(path: path, hexKeys: hex, partitionCount: partitions))
    }

    @Test("a file written by one strategy: single, naming it; the partition count inferred and noted")
    func single() throws {
        let lines = try (1...3_000).map { "user-\($0)\t\(try Self.partition("librdkafka:consistent_random", "user-\($0)", 12))" }
        let outcome = try Self.audit(lines)
        #expect(outcome.result.verdict == .single)
        #expect(outcome.result.components.first?.strategies.contains("librdkafka:consistent_random") == true)
        #expect(outcome.inferredPartitionCount)
        #expect(outcome.result.partitionCount == 12)
        #expect(outcome.result.keyedRecords == 3_000)
    }

    @Test("half java, half librdkafka consistent_random: mixed, about 50 % each")
    func mixed() throws {
        let lines = try (1...4_000).map { index in
            let key = "order-\(index)"
            return "\(key)\t\(try Self.partition(index % 2 == 0 ? "java" : "librdkafka:consistent_random", key, 12))"
        }
        let outcome = try Self.audit(lines, partitions: 12)
        #expect(outcome.result.verdict == .mixed)
        #expect(outcome.result.components.count == 2)
        for component in outcome.result.components { #expect(abs(component.share - 0.5) < 0.05, "\(component.strategies)") }
        #expect(!outcome.inferredPartitionCount)
    }

    @Test("a rule no client uses (key length modulo n): unexplained")
    func unexplained() throws {
        let lines = (1...3_000).map { "k\(String(repeating: "x", count: $0 % 17))-\($0)\t\(($0 * 7 + $0 / 5) % 12)" }
        #expect(try Self.audit(lines, partitions: 12).result.verdict == .unexplained)
    }

    @Test("hex keys decode to the bytes; a tab inside a text key stays in the key")
    func hexAndTabs() throws {
        let key: [UInt8] = [0x00, 0xff, 0x10]
        let partition = KeyHashing.kafkaDefault.partition(key, partitionCount: .valid(6))
        let hex = try Self.audit(Array(repeating: "\(Hex.encode(key))\t\(partition)", count: 50), hex: true, partitions: 6)
        #expect(hex.result.candidates.first { $0.strategies.contains("java") }?.matched == 50)
        let tabbed = try Self.audit(Array(repeating: "a\tb\t\(try Self.partition("java", "a\tb", 6))", count: 50), partitions: 6)
        #expect(tabbed.result.candidates.first { $0.strategies.contains("java") }?.matched == 50)
    }

    @Test("a bad line is one error naming the file, the line and what is wrong", arguments: [
        ("no tab here", "no tab between key and partition"),
        ("key\t", "the partition after the tab is missing"),
        ("key\tx1", "partition 'x1' is not a whole number"),
        ("key\t-1", "partition '-1' is not a whole number"),
        ("key\t99999999999", "partition '99999999999' is not a whole number"),
        ("key\t12", "partition 12 is not below the partition count 12"),
        ("abc\t1", "hex key has an odd number of digits"),
        ("zz\t1", "hex key has a non-hex character at column 1"),
    ])
    func badLines(line: String, reason: String) throws {
        let hex = line.hasPrefix("abc") || line.hasPrefix("zz")
        let path = try Self.write(["00\t1", line])
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try RecordFileAudit.run(RecordFileAudit.Settings(path: path, hexKeys: hex, partitionCount: 12))
            Issue.record("no error for \(line)")
        } catch {
            #expect(error.description.hasPrefix("\(path): line 2: \(reason)"), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }
}
