import Foundation
import KafkaPartitioning
import Testing
import TestSupport

@Suite("kbench broker + kbench produce as separate processes; confluent-kafka reads it back", .serialized)
struct BrokerProduceTests {
    @Test("broker prints its address, produce delivers with every partition predicted, Python's confluent-kafka sees the same records, SIGTERM stops the broker cleanly")
    func brokerProduceConsume() throws {
        let broker = try BackgroundKBench(["broker", "--brokers", "2", "--topic", "orders:6"])
        let bootstrap = try broker.firstLine()
        #expect(bootstrap.split(separator: ",").count == 2)
        #expect(bootstrap.hasPrefix("127.0.0.1:"))

        let count = 1500
        let produce = try KBenchExecutable.run([
            "produce", "--bootstrap", bootstrap, "--topic", "orders", "--messages", String(count),
            "--generate", "seq:order-:\(count)", "--value-size", "64", "--partitioner", "java",
            "--compression", "zstd", "--format", "json", "--report-interval", "1ms",
        ])
        #expect(produce.status == 0, "\(produce.err)")
        let report = try ReportJSON(produce.out)
        func fact(_ section: String, _ label: String) -> Any? { report.fact(label, in: section) }
        #expect(fact("summary", "delivered") as? Int == count)
        #expect(fact("summary", "failed") as? Int == 0)
        #expect(fact("partition-check", "checked") as? Int == count)
        #expect(fact("partition-check", "mismatched") as? Int == 0)
        #expect(produce.err.contains("records sent"), "progress windows go to stderr with --format json")

        // The exact messages kbench sent, from the same options.
        let exportPath = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-export-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: exportPath) }
        let export = try KBenchExecutable.run([
            "produce", "--export-messages", exportPath, "--messages", String(count),
            "--generate", "seq:order-:\(count)", "--value-size", "64",
        ])
        #expect(export.status == 0, "\(export.err)")
        let expected = try String(contentsOfFile: exportPath, encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            return (key: String(parts[0]), value: String(parts[1]))
        }
        #expect(expected.count == count)

        // A client nobody here wrote: confluent-kafka (its own bundled librdkafka).
        let consumed = try PythonHelper.run(script: "live_consume.py", arguments: [bootstrap, "orders", String(count), "20"])
        let records = try String(decoding: consumed, as: UTF8.self).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(records.count == count)
        let java = try #require(StrategyRegistry.strategy(named: "java"))
        var seen: [String: String] = [:]
        for record in records {
            let key = try #require(Self.bytes(hex: record["key"] as? String))
            let value = try #require(Self.bytes(hex: record["value"] as? String))
            let partition = try #require(record["partition"] as? Int)
            let predicted = key.withUnsafeBytes { java.deterministicPartition(key: $0, partitionCount: .valid(6)) }
            #expect(predicted.map(Int.init) == partition)
            seen[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
        }
        #expect(seen.count == count)
        #expect(expected.allSatisfy { seen[$0.key] == $0.value }, "identical keys and values")

        broker.signal(SIGTERM)
        #expect(try broker.waitForExit() == 0)
        #expect(!broker.endedBySignal)
        #expect(broker.text(.stderr).contains("SIGTERM received, cluster shut down"))
        #expect(broker.text(.stdout) == bootstrap + "\n", "the address is the only line on stdout")
    }

    @Test("SIGINT stops the broker cleanly too")
    func brokerSigint() throws {
        let broker = try BackgroundKBench(["broker", "--brokers", "1"])
        _ = try broker.firstLine()
        broker.signal(SIGINT)
        #expect(try broker.waitForExit() == 0)
        #expect(broker.text(.stderr).contains("SIGINT received"))
    }

    static func bytes(hex: String?) -> [UInt8]? {
        guard let hex, hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
