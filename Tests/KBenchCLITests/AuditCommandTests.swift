import Foundation
import Testing
import TestSupport

@Suite("kbench audit against a kbench broker", .serialized)
struct AuditCommandTests {
    /// The audit's JSON report: its parameters, facts and tables by id.
    struct Report {
        let json: [String: Any]

        init(_ output: String) throws {
            json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        }

        private var sections: [[String: Any]] { json["sections"] as? [[String: Any]] ?? [] }

        func parameter(_ label: String) -> Any? {
            (json["parameters"] as? [[String: Any]] ?? []).first { $0["label"] as? String == label }?["value"]
        }

        func fact(_ label: String) -> Any? {
            sections.flatMap { $0["facts"] as? [[String: Any]] ?? [] }.first { $0["label"] as? String == label }?["value"]
        }

        func rows(_ table: String) -> [[String: Any]] {
            let tables = sections.flatMap { $0["tables"] as? [[String: Any]] ?? [] }
            return tables.first { $0["id"] as? String == table }?["rows"] as? [[String: Any]] ?? []
        }

        /// The partitioners found: strategies text → estimated share.
        var shares: [String: Double] {
            Dictionary(uniqueKeysWithValues: rows("components").compactMap { row in
                (row["strategies"] as? String).flatMap { name in (row["estimated share"] as? Double).map { (name, $0) } }
            })
        }

        func share(of strategy: String) -> Double? { shares.first { $0.key.contains(strategy) }?.value }
    }

    /// Runs `kbench audit` on `topic` (JSON) and returns its report; the exit status must be 0.
    static func audit(_ bootstrap: String, _ topic: String, _ options: [String] = []) throws -> Report {
        let result = try KBenchExecutable.run(["audit", "--bootstrap", bootstrap, "--topic", topic, "--format", "json"] + options)
        #expect(result.status == 0, "\(result.err)")
        return try Report(result.out)
    }

    /// Runs `body` with the address of a one-broker `kbench broker --topic topic`, then stops it.
    static func withBroker(_ topic: String, _ body: (String) throws -> Void) throws {
        let broker = try BackgroundKBench(["broker", "--brokers", "1", "--topic", topic])
        try body(try broker.firstLine())
        broker.signal(SIGTERM)
        #expect(try broker.waitForExit() == 0)
    }

    /// Produces `spec`'s keys to `topic` through `kbench produce --bootstrap`.
    static func produce(_ bootstrap: String, _ topic: String, _ spec: String, _ partitioner: String) throws {
        let produce = try KBenchExecutable.run(["produce", "--bootstrap", bootstrap, "--topic", topic, "--generate", spec, "--partitioner", partitioner, "--format", "json"])
        #expect(produce.status == 0, "\(produce.err)")
    }

    @Test("two producers with different partitioners on one topic: the audit says MIXED")
    func mixed() throws {
        try Self.withBroker("events:8") { bootstrap in
            try Self.produce(bootstrap, "events", "seq:user-:800", "java")
            try Self.produce(bootstrap, "events", "seq:acct-:400", "consistent")
            let audit = try KBenchExecutable.run(["audit", "--bootstrap", bootstrap, "--topic", "events", "--format", "json"])
            #expect(audit.status == 0, "\(audit.err)")
            #expect(audit.out.contains("\"mixed\""))
            #expect(audit.out.contains("MIXED: java"))
            let strict = try KBenchExecutable.run(["audit", "--bootstrap", bootstrap, "--topic", "events", "--fail-on-mixed"])
            #expect(strict.status == 1)
            #expect(strict.err.contains("MIXED"))
        }
    }

    @Test("a 50/50 mix of 20k keys written in two halves (murmur2_random, then consistent_random): every read says MIXED, shares 50 ± 2 %")
    func halvesInTime() throws {
        try Self.withBroker("halves:12") { bootstrap in
            try Self.produce(bootstrap, "halves", "seq:m-:10000", "murmur2_random")
            try Self.produce(bootstrap, "halves", "seq:c-:10000", "consistent_random")

            // Whole topic (issue 13.8: was 54/46, the records both rules explain all went to the first).
            let whole = try Self.audit(bootstrap, "halves")
            #expect(whole.fact("verdict") as? String == "mixed")
            #expect(whole.parameter("read") as? String == "read all 20,000 of 20,000 records of 12 partitions")
            let ambiguous = try #require(whole.fact("ambiguous keyed records (several partitioners found explain them)") as? Int)
            #expect(ambiguous > 1_000 && ambiguous < 2_400, "about 2 × 10,000 / 12 keys fit both rules: \(ambiguous)")
            for strategy in ["librdkafka:murmur2_random", "librdkafka:consistent_random"] {
                let share = try #require(whole.share(of: strategy), "\(whole.shares)")
                #expect(Swift.abs(share - 0.5) <= 0.02, "\(strategy): \(share)")
            }
            #expect(whole.shares.count == 2)

            // Samples (issue 13.6: were "single: murmur2, 100 %", the oldest records of each partition).
            for limit in [1_200, 6_000] {
                let sample = try Self.audit(bootstrap, "halves", ["--max-records", String(limit)])
                #expect(sample.fact("verdict") as? String == "mixed", "--max-records \(limit)")
                #expect(sample.parameter("records read") as? Int == limit)
                #expect(sample.parameter("read") as? String == "sampled \(limit == 1_200 ? "1,200" : "6,000") of 20,000 records: 12 partitions × 16 windows spread over each partition's offsets")
                let partitions = sample.rows("partitions")
                #expect(partitions.count == 12 && partitions.allSatisfy { $0["read"] as? Int == limit / 12 && $0["windows"] as? Int == 16 })
                let murmur = try #require(sample.share(of: "librdkafka:murmur2_random"), "\(sample.shares)")
                let crc = try #require(sample.share(of: "librdkafka:consistent_random"), "\(sample.shares)")
                #expect(murmur > 0.4 && crc > 0.4, "--max-records \(limit): \(murmur) / \(crc)")
            }
        }
    }

    @Test("a missing topic: one line, exit 1, and the topic is not created; no --bootstrap: a usage error")
    func missingTopic() throws {
        try Self.withBroker("present:2") { bootstrap in
            let result = try KBenchExecutable.run(["audit", "--bootstrap", bootstrap, "--topic", "no-such-topic"])
            #expect(result.status == 1)
            #expect(result.err == "kbench: audit: topic 'no-such-topic' does not exist on \(bootstrap)\n")
            #expect(result.out.isEmpty)
            // Asked of the broker by another client (confluent-kafka, all-topics metadata).
            let topics = String(decoding: try PythonHelper.run(script: "list_topics.py", arguments: [bootstrap]), as: UTF8.self)
            #expect(topics.split(separator: "\n") == ["present"])

            let embedded = try KBenchExecutable.run(["audit", "--topic", "present"])
            #expect(embedded.status == 2)
            #expect(embedded.err.split(separator: "\n").count == 1)
            #expect(embedded.err.contains("--bootstrap host:port is required"))
        }
    }

    @Test("a topic partitioned by len(key) % 12 (confluent-kafka, explicit partitions): no partitioner found")
    func chanceIsNoFinding() throws {
        try Self.withBroker("bylength:12") { bootstrap in
            let written = try PythonHelper.run(script: "produce_explicit_partitions.py", arguments: [bootstrap, "bylength", "20000"])
            #expect(String(decoding: written, as: UTF8.self) == "20000\n")
            let report = try Self.audit(bootstrap, "bylength")
            #expect(report.fact("verdict") as? String == "unexplained")
            #expect(report.rows("components").isEmpty, "found: \(report.shares)")
            #expect(report.fact("unexplained keyed records") as? Int == 20_000)
            // sarama:reference matches about 1/12 of the keys, as every rule does: listed, with its p-value, but not found.
            let reference = try #require(report.rows("candidates").first { ($0["strategies"] as? String)?.contains("sarama:reference") == true })
            #expect((reference["p-value vs chance"] as? Double ?? 0) > 1e-6)
            // Every 10th key starts with ESC [ 2 J: the breaking keys show it as hex, never raw.
            let table = try KBenchExecutable.run(["audit", "--bootstrap", bootstrap, "--topic", "bylength", "--examples", "100"])
            #expect(table.status == 0, "\(table.err)")
            #expect(!table.out.unicodeScalars.contains("\u{1B}"))
            #expect(table.out.contains("0x1b5b324a6b"), "the escaped key is listed")
        }
    }

    @Test("every cluster example of --help runs against a kbench broker (the --records ones run in DocumentedExamplesTests)")
    func helpExamples() throws {
        let help = try KBenchExecutable.runWide(["help", "audit"])
        #expect(help.contains("Bonferroni"))
        let all = DocumentedExamples.help(help, source: "audit").map(\.command)
        let examples = all.filter { $0.contains("--topic") }
        #expect(examples.count == 3, "\(help)")
        #expect(all.filter { $0.contains("--records") }.count == 2, "\(help)")
        try Self.withBroker("orders:6") { bootstrap in
            try Self.produce(bootstrap, "orders", "seq:order-:3000", "java")
            for example in examples {
                let arguments = example.replacingOccurrences(of: "127.0.0.1:PORT", with: bootstrap).split(separator: " ").dropFirst().map(String.init)
                let result = try KBenchExecutable.run(arguments)
                #expect(result.status == 0, "\(example): \(result.err)")
                #expect(result.out.contains("one partitioner: java"), "\(example): \(result.out)")
                #expect(result.out.contains(example.contains("--max-records 1200") ? "sampled 1,200 of 3,000 records" : "read all 3,000 of 3,000 records"), "\(example)")
            }
        }
    }
}
