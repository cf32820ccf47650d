import Foundation
import Testing
import TestSupport

/// `kbench report --baseline` through the built executable: a second run of the same build
/// reports nothing moved; a deliberately slowed hash (the hash study's test hook) is flagged.
@Suite("kbench report --baseline: change columns, what moved beyond noise, --fail-on-regression", .serialized)
struct ReportBaselineCommandTests {
    /// A scratch folder, removed when the test ends.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-baseline-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    /// Runs `kbench report --quick` into `directory` with `options`, `environment` added.
    static func report(_ directory: String, _ options: [String], environment: [String: String] = [:]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(
            executable: try KBenchExecutable.path(),
            arguments: ["report", "--quick", "--output-dir", directory] + options,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
    }

    /// The `comparison` member and the column ids of the table `id` in a report's JSON file.
    static func table(_ id: String, in file: String) throws -> (columns: [String], comparison: [String: Any]?) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let tables = (object["sections"] as? [[String: Any]] ?? []).flatMap { $0["tables"] as? [[String: Any]] ?? [] }
        let table = try #require(tables.first { $0["id"] as? String == id })
        let columns = (table["columns"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        return (columns, table["comparison"] as? [String: Any])
    }

    // This shared 2-core machine runs debug builds beside other work: runs one after the other
    // drift by up to ~40 % together, so the tests ask for a 100 % floor and slow the hash far more.
    @Test("same build: nothing moved beyond noise, no changed result; a slowed hash is flagged and fails with --fail-on-regression")
    func sameBuildThenSlowed() throws {
        let folder = Folder()
        let first = try Self.report(folder.path("a"), ["--only", "hash,partitions"])
        #expect(first.status == 0, "\(first.err)")
        let spreads = try #require(try Self.table("murmur2", in: folder.path("a/hash.json")).comparison?["timed"] as? [String: Any])
        #expect(Set(spreads.keys) == ["kbench_ns_per_key", "librdkafka_ns_per_key"])

        let second = try Self.report(folder.path("b"), ["--only", "hash,partitions", "--baseline", folder.path("a"), "--noise-floor", "100", "--fail-on-regression"])
        #expect(second.status == 0, "\(second.err)")
        #expect(second.err.contains("hash: Against \(folder.path("a")): 36 timed cells compared; none moved beyond noise.\n"), "\(second.err)")
        // The partitions stage's timed cells: its key-file passes (floor and study).
        #expect(second.err.contains("partitions: Against \(folder.path("a")): 2 timed cells compared; none moved beyond noise.\n"), "\(second.err)")
        let markdown = try String(contentsOfFile: folder.path("b/partitions.md"), encoding: .utf8)
        #expect(markdown.contains("## Compared with baseline") && markdown.contains("No deterministic figure (ratio, byte count, distribution statistic) changed."))
        #expect(try !String(contentsOfFile: folder.path("b/hash.md"), encoding: .utf8).contains("Not like for like"), "same parameters")
        let columns = try Self.table("murmur2", in: folder.path("b/hash.json")).columns
        #expect(columns.suffix(2) == ["kbench_ns_per_key_vs_baseline", "librdkafka_ns_per_key_vs_baseline"])
        let html = try String(contentsOfFile: folder.path("b/index.html"), encoding: .utf8)
        #expect(html.contains("Compared with baseline") && html.contains("moved beyond noise"))

        let slowed = try Self.report(folder.path("c"), ["--only", "hash", "--baseline", folder.path("a"), "--noise-floor", "100", "--fail-on-regression"],
                                     environment: ["KBENCH_TEST_HASH_SLOWDOWN": "3000"])
        #expect(slowed.status == 1)
        let last = slowed.err.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("kbench: ") && last.contains("timed cells slower than the baseline beyond noise: hash murmur2 single 8 B, kbench time (per key) +"), "\(slowed.err)")
        #expect(last.hasSuffix("(--fail-on-regression)"))
        let flagged = try String(contentsOfFile: folder.path("c/hash.md"), encoding: .utf8)
        #expect(flagged.contains("| hash murmur2 single 8 B, kbench time (per key)"), "the slowed cell is listed")
    }

    @Test("a baseline that cannot be used: one line, exit 1, nothing run", arguments: [
        ("missing", "no such directory"), ("file", "not a directory"), ("empty", "holds none of hash.json"), ("bad", "hash.json is not a kbench report's JSON"),
    ])
    func badBaseline(kind: String, says: String) throws {
        let folder = Folder()
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let baseline = folder.path("baseline")
        switch kind {
        case "file": try Data("x".utf8).write(to: URL(fileURLWithPath: baseline))
        case "empty": try FileManager.default.createDirectory(atPath: baseline, withIntermediateDirectories: true)
        case "bad":
            try FileManager.default.createDirectory(atPath: baseline, withIntermediateDirectories: true)
            try Data("{\"id\": 3}".utf8).write(to: URL(fileURLWithPath: baseline + "/hash.json"))
        default: break
        }
        let result = try Self.report(folder.path("out"), ["--only", "hash", "--baseline", baseline])
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("kbench: --baseline \(baseline): "), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1 && result.err.contains(says), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("out")), "nothing ran")
    }

    @Test("--noise-floor and --fail-on-regression need --baseline", arguments: [["--noise-floor", "5"], ["--fail-on-regression"]])
    func needsBaseline(options: [String]) throws {
        try expectUsageError(["report", "--quick", "--only", "hash"] + options, mentions: "--baseline")
    }
}
