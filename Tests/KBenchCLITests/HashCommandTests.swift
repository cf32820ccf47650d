import Foundation
import KBenchReports
import Testing
import TestSupport

/// `kbench hash` through the built executable, on tiny runs (--min-time 0, small batches).
@Suite("kbench hash")
struct HashCommandTests {
    static let tiny = ["hash", "--min-time", "0", "--batch-keys", "1000"]

    @Test("--format json: the report model with every cell and the speedup over librdkafka")
    func json() throws {
        let result = try KBenchExecutable.run(Self.tiny + ["--sizes", "8,64", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let document = try JSONReportRenderer().decode(Data(result.out.utf8))
        #expect(document.id == "hash")
        let speedup = try #require(document.table("speedup"))
        #expect(speedup.rows.count == 6)
        #expect(speedup.columns.map(\.id) == ["function", "mode", "size_8", "size_64"])
        #expect(speedup.rows.allSatisfy { row in row.dropFirst(2).allSatisfy { ($0.numericValue ?? 0) > 0 } })
        for function in ["murmur2", "crc32", "fnv1a"] {
            let table = try #require(document.table(function))
            #expect(table.values(column: "key_size").map(\.numericValue) == [8, 64, 8, 64])
            #expect(table.values(column: "keys").map(\.numericValue) == [16384, 4096, 1000, 1000])
        }
        #expect(document.parameters.contains { $0.label == "verified" })
    }

    @Test("--compare none --format csv: kbench columns only")
    func csvWithoutComparison() throws {
        let result = try KBenchExecutable.run(Self.tiny + ["--sizes", "16", "--functions", "crc32", "--modes", "batch", "--compare", "none", "--format", "csv"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("kbench bytes (B/s)"))
        #expect(!result.out.contains("librdkafka bytes"))
        #expect(!result.out.contains("speedup"))
        #expect(result.out.contains("equal librdkafka's"))  // verified all the same
    }

    @Test("--output and --charts write the report and the SVG charts")
    func files() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-hash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("hash.md").path
        let charts = directory.appendingPathComponent("charts").path
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try KBenchExecutable.run(Self.tiny + ["--sizes", "8", "--functions", "murmur2", "--format", "markdown", "--output", output, "--charts", charts])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.isEmpty)
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("# Key hashing: kbench vs librdkafka"))
        let svgs = try FileManager.default.contentsOfDirectory(atPath: charts).sorted()
        #expect(svgs == ["hash-speedup.svg", "hash-throughput-murmur2.svg"])
    }

    @Test("bad values are usage errors: exit 2, one line naming the problem", arguments: [
        (["--sizes", "0"], "kbench: --sizes: a key size must be positive, got '0'"),
        (["--sizes", "8,2MiB"], "kbench: --sizes: 2 MiB is above the maximum key size of 1 MiB"),
        (["--sizes", "8,eight"], "kbench: --sizes: 'eight' is not a byte size"),
        (["--functions", "md5"], "kbench: --functions: unknown hash function 'md5' (expected one of: murmur2, crc32, fnv1a)"),
        (["--modes", "turbo"], "kbench: --modes: unknown mode 'turbo' (expected one of: single, batch)"),
        (["--compare", "kafka"], "kbench: The value 'kafka' is invalid for '--compare <peer>'. Please provide one of 'librdkafka' and 'none'."),
        (["--min-time=-1"], "kbench: --min-time must be between 0 and 60 seconds, got -1.0"),
        (["-n", "0"], "kbench: --partitions must be 1…2147483647, got 0"),
        (["--batch-keys", "0"], "kbench: --batch-keys must be ≥ 1, got 0"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try KBenchExecutable.run(["hash"] + arguments)
        #expect(result.status == 2)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(message) == true, "\(result.err)")
        #expect(result.out.isEmpty)
    }

    @Test("help teaches: modes, verification, examples")
    func help() throws {
        let result = try KBenchExecutable.run(["hash", "--help"])
        #expect(result.status == 0)
        let text = result.out.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        #expect(text.contains("Examples:"))
        #expect(text.contains("kbench hash --functions murmur2 --sizes 16,64,1KiB --min-time 0.5"))
        #expect(text.contains("--compare <peer>"))
        #expect(try KBenchExecutable.run(["--help"]).out.contains("hash"))
    }
}
