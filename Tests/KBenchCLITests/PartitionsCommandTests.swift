import Foundation
import Testing
import TestSupport

@Suite("kbench partitions and kbench golden")
struct PartitionsCommandTests {
    /// The JSON object printed by a successful run.
    func json(_ arguments: [String], input: Data = Data()) throws -> [String: Any] {
        let result = try KBenchExecutable.run(arguments, input: input)
        try #require(result.status == 0, "kbench \(arguments.joined(separator: " ")) failed: \(result.err)")
        return try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
    }

    @Test("--key: published vectors through the CLI (murmur2, fnv1a, crc32 of \"kafka\", 1009 partitions)")
    func singleKey() throws {
        let output = try json(["partitions", "--key", "kafka", "-n", "1009", "--format", "json"])
        let placements = try #require(output["placements"] as? [[String: Any]])
        func partition(_ name: String) -> Int? {
            placements.first { $0["strategy"] as? String == name }?["partition"] as? Int
        }
        #expect(placements.count == 25)
        #expect(partition("java") == 0x5067_cf64 % 1009)        // librdkafka murmur2 vector d067cf64
        #expect(partition("librdkafka:fnv1a") == 0x0d33_c4e1 % 1009)  // librdkafka fnv1a vector
        #expect(partition("librdkafka:consistent") == 1_539_077_399 % 1009)  // zlib.crc32(b"kafka")
        #expect(partition("java:round-robin") == nil)
        #expect(output["partitionCount"] as? Int == 1009)
    }

    @Test("--key-hex and --null-key in the table format")
    func table() throws {
        let hex = try KBenchExecutable.run(["partitions", "--key-hex", "6b61666b61", "-n", "1009", "--partitioner", "java"])
        #expect(hex.status == 0)
        #expect(hex.out.contains("key \"kafka\" (5 bytes, hex 6b61666b61), 1009 partitions"))
        #expect(hex.out.contains("java"))
        #expect(hex.out.contains(" 48 "))
        let null = try KBenchExecutable.run(["partitions", "--null-key", "-n", "12", "--partitioner", "librdkafka:murmur2,java"])
        #expect(null.status == 0)
        #expect(null.out.contains("null key hashed like empty"))
        #expect(null.out.contains("null key: sticky for batch.size bytes"))
    }

    @Test("usage errors exit 2 with one line naming the problem", arguments: [
        (["partitions", "--key", "a", "-n", "0"], "--partitions"),
        (["partitions", "--key", "a", "-n", "3", "--partitioner", "java,nope"], "valid names: java"),
        (["partitions", "--key", "a", "--key-hex", "61", "-n", "3"], "exactly one of"),
        (["partitions", "--key-hex", "6z", "-n", "3"], "--key-hex"),
        (["partitions", "--key", "a", "-n", "3", "--format", "xml"], "format"),
        (["partitions", "--keys", "-", "-n", "3", "--rate", "0"], "--rate"),
    ])
    func usageErrors(arguments: [String], mentions: String) throws {
        let result = try KBenchExecutable.run(arguments)
        #expect(result.status == 2)
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.contains(mentions), "\(result.err)")
    }

    @Test("--keys from stdin: counts add up; CRLF and a last line without newline are keys")
    func keyStream() throws {
        let keys = (0..<3000).map { "key-\($0)" }.joined(separator: "\r\n") + "\r\nlast"
        let output = try json(["partitions", "--keys", "-", "-n", "7", "--format", "json"], input: Data(keys.utf8))
        #expect(output["records"] as? Int == 3001)
        let strategies = try #require(output["strategies"] as? [[String: Any]])
        #expect(strategies.count == 25)
        for strategy in strategies {
            let counts = try #require(strategy["counts"] as? [Int])
            #expect(counts.count == 7)
            #expect(counts.reduce(0, +) == 3001, "\(strategy["strategy"] ?? "")")
        }
    }

    @Test("--keys simulates KAFKA-9965: before 3.9 with linger 0, every other partition stays empty")
    func roundRobinBug() throws {
        let keys = Data((0..<400).map { "k\($0)\n" }.joined().utf8)
        func counts(_ model: String) throws -> [Int] {
            let output = try json(["partitions", "--keys", "-", "-n", "4", "--partitioner", "java:round-robin",
                                   "--round-robin", model, "--linger-ms", "0", "--format", "json"], input: keys)
            let strategies = try #require(output["strategies"] as? [[String: Any]])
            return try #require(strategies.first?["counts"] as? [Int])
        }
        #expect(try counts("before-3.9") == [0, 200, 0, 200])
        #expect(try counts("3.9+") == [100, 100, 100, 100])
    }

    @Test("a missing key file is a runtime failure (exit 1)")
    func missingFile() throws {
        let result = try KBenchExecutable.run(["partitions", "--keys", "/nonexistent/keys.txt", "-n", "3"])
        #expect(result.status == 1)
        #expect(result.err.contains("/nonexistent/keys.txt"))
    }

    @Test("help lists examples and strategy names")
    func help() throws {
        let result = try KBenchExecutable.run(["partitions", "--help"])
        #expect(result.status == 0)
        #expect(result.out.contains("kbench partitions --key user-42 -n 12"))
        #expect(result.out.contains("kafka-python:default"))
    }

    @Test("golden --check passes on the committed files; --output writes identical files")
    func golden() throws {
        let check = try KBenchExecutable.run(["golden", "--check", "--output", Repository.file("results/golden").path])
        #expect(check.status == 0, "\(check.err)")
        #expect(check.out.contains("identical"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let write = try KBenchExecutable.run(["golden", "--output", directory.path])
        #expect(write.status == 0, "\(write.err)")
        for name in ["partition-vectors.csv", "strategies.csv"] {
            let written = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
            let published = FileManager.default.contents(atPath: Repository.file("results/golden/\(name)").path)
            #expect(written != nil && written == published, "\(name)")
        }
        // A changed cell is reported with its row and column.
        let vectors = directory.appendingPathComponent("partition-vectors.csv")
        var text = String(decoding: try Data(contentsOf: vectors), as: UTF8.self)
        text = text.replacingOccurrences(of: "\n3,3231,c5f2f8ec,", with: "\n3,3231,c5f2f8ed,")
        try Data(text.utf8).write(to: vectors)
        let changed = try KBenchExecutable.run(["golden", "--check", "--output", directory.path])
        #expect(changed.status == 1)
        #expect(changed.err.contains("row 3"))
        #expect(changed.err.contains("column murmur2"))
    }
}
