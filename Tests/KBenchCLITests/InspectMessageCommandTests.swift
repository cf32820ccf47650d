import Foundation
import KBenchReports
import Testing
import TestSupport

/// `kbench inspect message` through the built executable.
@Suite("kbench inspect message")
struct InspectMessageCommandTests {
    static let seedExample = ["inspect", "message", "--key", "1202", "--key-type", "int32", "--value", "Phuc", "--value-type", "string", "--timestamp", "1700000000000"]

    @Test("the seed example prints the key bytes, annotated record and batch, and java's partition")
    func seedExample() throws {
        let result = try KBenchExecutable.run(Self.seedExample)
        #expect(result.status == 0, "\(result.err)")
        let out = result.out
        #expect(out.contains("key bytes:   00 00 04 b2 (4 bytes)"))
        #expect(out.contains("value bytes: 50 68 75 63 (4 bytes)"))
        #expect(out.contains("record bytes: 1c 00 00 00 08 00 00 04 b2 08 50 68 75 63 00"))
        #expect(out.contains("Record (15 bytes)"))
        #expect(out.contains("One-record batch (uncompressed), 76 bytes"))
        #expect(out.contains("     5       4  00 00 04 b2  key "))
        #expect(out.contains("java (default partitioner):"))
        let javaRow = out.split(separator: "\n").first { $0.hasPrefix("java  ") }
        #expect(javaRow?.split(separator: " ", omittingEmptySubsequences: true).contains("10") == true)
        #expect(result.err.isEmpty)
    }

    @Test("help shows the seed example and the types")
    func help() throws {
        let result = try KBenchExecutable.run(["inspect", "message", "--help"])
        #expect(result.status == 0)
        let text = result.out.replacingOccurrences(of: " \\\n      ", with: " ")
        #expect(text.contains("kbench inspect message --key 1202 --key-type int32 --value Phuc --value-type string"))
        #expect(text.contains("Examples:"))
        #expect(text.contains("bytes-hex"))
        #expect(text.contains("-n, --partitions <N>"))
        #expect(try KBenchExecutable.run(["inspect", "--help"]).out.contains("message"))
    }

    @Test("--format json decodes to the report model; -n changes the partition count")
    func json() throws {
        let result = try KBenchExecutable.run(Self.seedExample + ["--format", "json", "-n", "7", "--header", "trace=abc", "--header", "flag", "--codec", "zstd"])
        #expect(result.status == 0, "\(result.err)")
        let document = try JSONReportRenderer().decode(Data(result.out.utf8))
        #expect(document.id == "inspect-message")
        let partitions = try #require(document.table("partitions"))
        #expect(partitions.title.contains("(7 partitions)"))
        #expect(partitions.values(column: "partition").compactMap(\.numericValue).allSatisfy { (0..<7).contains($0) })
        #expect(document.table("record-fields")?.values(column: "field").contains(.text("headers[1].key")) == true)
        #expect(document.table("compressed-batch-fields")?.values(column: "field").last == .text("records"))
    }

    @Test("a null key without --timestamp: keyless strategies are simulated")
    func nullKey() throws {
        let result = try KBenchExecutable.run(["inspect", "message", "--value", "tombstone?", "--format", "markdown"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix("# Message anatomy"))
        #expect(result.out.contains("- key: null"))
        #expect(result.out.contains("depends on producer state"))
    }

    @Test("bad inputs are usage errors: exit 2, one line", arguments: [
        (["--key", "abc", "--key-type", "int32"], "kbench: --key 'abc' is not a valid int32: expected a whole number in -2147483648...2147483647"),
        (["--key", "1", "--key-type", "null"], "kbench: --key-type null takes no --key"),
        (["--value", "{", "--value-type", "json"], "kbench: --value '{' is not a valid json: not valid JSON"),
        (["--key", "k", "-n", "0"], "kbench: --partitions must be 1…2147483647, got 0"),
        (["--key", "k", "--header", "=v"], "kbench: --header: header '=v' has no key"),
        (["--key", "k", "--codec", "zstd", "--level", "40"], "kbench: --level: zstd level 40 is out of range (valid: -131072...22)"),
        (["--key", "k", "--key-type", "int128"], "kbench: The value 'int128' is invalid for '--key-type <type>'"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try KBenchExecutable.run(["inspect", "message"] + arguments)
        #expect(result.status == 2)
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.hasPrefix(message), "\(result.err)")
    }

    @Test("--output writes the report to a file")
    func output() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-inspect-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try KBenchExecutable.run(Self.seedExample + ["--format", "json", "--output", path])
        #expect(result.status == 0 && result.out.isEmpty)
        let document = try JSONReportRenderer().decode(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(document.table("partitions")?.value(row: 0, column: "partition") == .integer(10))
    }
}
