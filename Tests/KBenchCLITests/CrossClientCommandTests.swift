import Foundation
import KBenchReports
import Testing
import TestSupport

/// The cross-client options of `kbench partitions` (--list, the agreement matrix, --from/--to,
/// --per-key) and `kbench audit --records`.
@Suite("kbench partitions across clients; kbench audit --records")
struct CrossClientCommandTests {
    @Test("--list: every strategy with its rule, empty- and null-key behaviour, in every format")
    func list() throws {
        let document = try PartitionsCommandTests.document(["partitions", "--list"])
        let table = try #require(document.table("strategies"))
        #expect(table.values(column: "strategy").count == 29)
        #expect(PartitionsCommandTests.cell(table, strategy: "kafka-go:crc32-consistent", "null_key") == .text("hashed like an empty key (one fixed partition)"))
        #expect(PartitionsCommandTests.cell(table, strategy: "librdkafka:consistent_random", "empty_key") == .text("like a null key"))
        #expect(PartitionsCommandTests.cell(table, strategy: "kafka-go:hash-legacy", "group") == .text("franz-go:sarama +1"))
        #expect(try #require(document.table("interchangeable")).rows.count == 8)
        for format in ["table", "csv", "markdown"] {
            let result = try KBenchExecutable.run(["partitions", "--list", "--format", format])
            #expect(result.status == 0)
            #expect(result.out.contains("kafka-go:murmur2-consistent"), "\(format)")
        }
    }

    @Test("two keyed strategies add the agreement matrix and its heatmap; --from/--to the moved keys")
    func matrixAndMigration() throws {
        let document = try PartitionsCommandTests.document([
            "partitions", "--generate", "random:16:20k", "-n", "12", "--partitioner", "java,librdkafka:murmur2,librdkafka:consistent_random",
            "--from", "librdkafka:consistent_random", "--to", "java",
        ])
        let matrix = try #require(document.table("agreement-n12"))
        #expect(matrix.rows.count == 2)
        #expect(PartitionsCommandTests.cell(matrix, strategy: "java +1", "g1", strategyColumn: "group") == .number(1))
        let cross = try #require(PartitionsCommandTests.cell(matrix, strategy: "java +1", "g2", strategyColumn: "group")?.numericValue)
        #expect(abs(cross - 1.0 / 12) < 0.01)
        #expect(document.allCharts.contains { $0.id == "agreement-n12" })
        let migration = try #require(document.table("migration"))
        let share = try #require(migration.value(row: 0, column: "moved_fraction")?.numericValue)
        #expect(abs(share - 11.0 / 12) < 0.01)
        let flows = try #require(document.table("migration-flow-n12"))
        let outflow = flows.values(column: "outflow").compactMap(\.numericValue).reduce(0, +)
        #expect(outflow == migration.value(row: 0, column: "moved")?.numericValue)
    }

    @Test("option errors: one line, exit 2", arguments: [
        (["--generate", "seq:k:10", "--from", "java"], "--from and --to go together"),
        (["--key", "a", "--from", "java", "--to", "sarama:hash"], "--from/--to need --keys or --generate"),
        (["--generate", "seq:k:10", "--from", "java", "--to", "java:round-robin"], "java:round-robin ignores keys"),
        (["--generate", "seq:k:10", "--per-key", "-", "--partitioner", "java,librdkafka:random"], "librdkafka:random ignores keys"),
        (["--key", "a", "--per-key", "-"], "--per-key needs --keys or --generate"),
    ])
    func optionErrors(arguments: [String], message: String) throws {
        let result = try KBenchExecutable.run(["partitions"] + arguments)
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.contains(message), "\(result.err)")
    }

    @Test("--per-key of 10M generated keys runs in flat memory: the child's peak RSS within 8 MiB of 100k keys'")
    func perKeyFlatMemory() throws {
        var peaks: [Int] = []
        for count in ["100k", "10M"] {
            let result = try ChildProcess.kbench(
                ["partitions", "--generate", "seq:key-:\(count)", "-n", "12", "--partitioner", "java,librdkafka:consistent_random", "--per-key", "/dev/null"],
                deadline: 600)
            #expect(result.status == 0, "\(count): \(result.err)")
            #expect(result.peakRSS > 1 << 20, "\(count): peak \(result.peakRSS)")
            peaks.append(result.peakRSS)
        }
        #expect(peaks[1] - peaks[0] < 8 << 20, "peak RSS \(peaks[0] >> 10) KiB for 100k keys, \(peaks[1] >> 10) KiB for 10M")
    }

    @Test("--per-key writes an existing path in place: a symlink stays a link and its target gets the rows (as /dev/null stays a device)")
    func perKeyInPlace() throws {
        let folder = try TemporaryFolder()
        let target = folder.path("rows.csv"), link = folder.path("link.csv")
        try Data("old content, longer than nothing\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let result = try KBenchExecutable.run(["partitions", "--generate", "seq:user-:3", "-n", "12", "--partitioner", "java", "--per-key", link])
        #expect(result.status == 0, "\(result.err)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        let rows = try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 4 && !rows.contains { $0.hasPrefix("old content") }, "\(rows)")
    }

    @Test("--per-key rows through audit --records: single; --fail-on-mixed exits 1 on a mixed file naming it")
    func auditRecords() throws {
        let folder = try TemporaryFolder()
        let rows = try KBenchExecutable.run(["partitions", "--generate", "seq:user-:3000", "-n", "12", "--partitioner", "java,sarama:hash", "--per-key", "-"])
        try #require(rows.status == 0)
        var single = "", mixed = ""
        for (index, line) in rows.out.split(separator: "\n").dropFirst().enumerated() {
            let cells = line.split(separator: ",")
            single += "\(cells[0])\t\(cells[1])\n"
            mixed += "\(cells[0])\t\(cells[index % 2 == 0 ? 1 : 2])\n"
        }
        try Data(single.utf8).write(to: URL(fileURLWithPath: folder.path("single.tsv")))
        try Data(mixed.utf8).write(to: URL(fileURLWithPath: folder.path("mixed.tsv")))
        let document = try PartitionsCommandTests.document(["audit", "--records", folder.path("single.tsv"), "--fail-on-mixed"])
        #expect(document.sections.first?.facts.first?.value == .text("single"))
        #expect(document.parameters.contains { $0.label == "partition count" })
        let failed = try KBenchExecutable.run(["audit", "--records", folder.path("mixed.tsv"), "--partitions", "12", "--fail-on-mixed"])
        #expect(failed.status == 1)
        #expect(failed.err.hasPrefix("kbench: \(folder.path("mixed.tsv")): MIXED"), "\(failed.err)")
        let bad = try KBenchExecutable.run(["audit", "--records", "-", "--partitions", "12"], input: Data("a\t1\nb 2\n".utf8))
        #expect(bad.status == 1)
        #expect(bad.err == "kbench: audit --records: standard input: line 2: no tab between key and partition (expected key<TAB>partition)\n")
        let inferred = try KBenchExecutable.run(["audit", "--records", "-"], input: Data("a\t1\n".utf8))
        #expect(inferred.err.contains("give --partitions N when reading standard input"), "\(inferred.err)")
    }
}
