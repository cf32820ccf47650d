import Foundation
import KBenchReports
import Testing
import TestSupport

@Suite("kbench partitions and kbench golden")
struct PartitionsCommandTests {
    /// The report printed by a successful `--format json` run.
    static func document(_ arguments: [String], input: Data = Data()) throws -> ReportDocument {
        let result = try KBenchExecutable.run(arguments + ["--format", "json"], input: input)
        try #require(result.status == 0, "kbench \(arguments.joined(separator: " ")) failed: \(result.err)")
        return try JSONReportRenderer().decode(result.stdout)
    }

    /// The value of `column` in the row of `strategy` of `table`.
    static func cell(_ table: ReportTable, strategy: String, _ column: String, strategyColumn: String = "strategy") -> ReportValue? {
        guard let row = table.values(column: strategyColumn).firstIndex(of: .text(strategy)) else { return nil }
        return table.value(row: row, column: column)
    }

    static func partitionValue(_ value: ReportValue?) -> Int? {
        value?.numericValue.map { Int($0) }
    }

    // MARK: One key

    @Test("--key: published vectors through the CLI (murmur2, fnv1a, crc32 of \"kafka\", 1009 partitions)")
    func singleKey() throws {
        let document = try Self.document(["partitions", "--key", "kafka", "-n", "1009"])
        let placements = try #require(document.table("placements"))
        func partition(_ name: String) -> Int? { Self.partitionValue(Self.cell(placements, strategy: name, "partition_1009")) }
        #expect(placements.rows.count == 29)
        #expect(partition("java") == 0x5067_cf64 % 1009)        // librdkafka murmur2 vector d067cf64
        #expect(partition("librdkafka:fnv1a") == 0x0d33_c4e1 % 1009)  // librdkafka fnv1a vector
        #expect(partition("librdkafka:consistent") == 1_539_077_399 % 1009)  // zlib.crc32(b"kafka")
        #expect(Self.cell(placements, strategy: "java:round-robin", "partition_1009") == .missing)
    }

    /// Golden rows (results/golden): key hex → partition per rule column `<rule>@<n>`.
    struct GoldenRows {
        let header: [String]
        let rows: [String: [String]]
        let strategyRules: [String: (rule: String, emptyKey: String, null: [String: String])]

        init() throws {
            let vectors = try String(contentsOf: Repository.file("results/golden/partition-vectors.csv"), encoding: .utf8)
            let lines = vectors.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            header = lines[0]
            var rows: [String: [String]] = [:]
            for line in lines.dropFirst() where line.count == lines[0].count { rows[line[0]] = line }
            self.rows = rows
            let strategies = try String(contentsOf: Repository.file("results/golden/strategies.csv"), encoding: .utf8)
            let table = strategies.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            var rules: [String: (String, String, [String: String])] = [:]
            for line in table.dropFirst() {
                var nulls: [String: String] = [:]
                for (index, column) in table[0].enumerated() where column.hasPrefix("null@") { nulls[String(column.dropFirst(5))] = line[index] }
                rules[line[0]] = (line[2], line[3], nulls)
            }
            strategyRules = rules
        }

        /// The published partition of row `row` under `strategy` for `n`, nil where the
        /// client does not place the key by its bytes.
        func partition(row: String, strategy: String, n: Int) -> Int? {
            guard let rule = strategyRules[strategy], rule.rule != "ignored", let line = rows[row],
                  let column = header.firstIndex(of: "\(rule.rule)@\(n)") else { return nil }
            if line[1].isEmpty && rule.emptyKey == "like-null" { return nil }
            return Int(line[column])
        }
    }

    static let goldenCounts = [1, 2, 3, 6, 12, 24, 100, 1009]

    @Test("--key-hex / --key results equal the golden file's rows, every strategy and count", arguments: ["2", "3", "4", "9", "150", "777", "5000", "9999"])
    func goldenRow(row: String) throws {
        let golden = try GoldenRows()
        let line = try #require(golden.rows[row])
        let hex = line[1]
        let counts = Self.goldenCounts.map(String.init).joined(separator: ",")
        var arguments = ["partitions", "--key-hex", hex, "-n", counts]
        let bytes = try #require(Self.bytes(hex: hex))
        if row == "9" { arguments = ["partitions", "--key", String(decoding: bytes, as: UTF8.self), "-n", counts] }
        let placements = try #require(try Self.document(arguments).table("placements"))
        #expect(placements.rows.count == golden.strategyRules.count)
        for strategy in golden.strategyRules.keys {
            for n in Self.goldenCounts {
                let shown = Self.partitionValue(Self.cell(placements, strategy: strategy, "partition_\(n)"))
                #expect(shown == golden.partition(row: row, strategy: strategy, n: n), "row \(row) \(strategy) n=\(n)")
            }
        }
    }

    @Test("--null-key equals the golden null@n column")
    func goldenNullKey() throws {
        let golden = try GoldenRows()
        let placements = try #require(try Self.document(["partitions", "--null-key", "-n", Self.goldenCounts.map(String.init).joined(separator: ",")]).table("placements"))
        for (strategy, rule) in golden.strategyRules {
            for n in Self.goldenCounts {
                let shown = Self.partitionValue(Self.cell(placements, strategy: strategy, "partition_\(n)"))
                #expect(shown == Int(rule.null["\(n)"] ?? "-"), "\(strategy) n=\(n)")
            }
        }
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16) }
    }

    @Test("--key 1202 --key-type int32 hashes 00 00 04 b2 (java: partition 10 of 12, as inspect message)")
    func typedKey() throws {
        let document = try Self.document(["partitions", "--key", "1202", "--key-type", "int32", "-n", "12,24"])
        #expect(document.parameters.contains { $0.label == "key" && $0.value == .text("key of 4 bytes, hex 000004b2") })
        #expect(document.parameters.contains { $0.label == "serialized as" && $0.value.textValue?.contains("IntegerSerializer") == true })
        let placements = try #require(document.table("placements"))
        #expect(Self.partitionValue(Self.cell(placements, strategy: "java", "partition_12")) == 10)
        let hex = try #require(try Self.document(["partitions", "--key-hex", "000004b2", "-n", "12,24"]).table("placements"))
        #expect(placements.rows == hex.rows)
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

    // MARK: Many keys

    @Test("zipf keys: max÷mean and CV above a uniform run's, the hottest partition holds key-1")
    func zipfVersusUniform() throws {
        func spread(_ spec: String) throws -> (ReportTable, ReportDocument) {
            let document = try Self.document(["partitions", "--generate", spec, "-n", "12", "--partitioner", "java,librdkafka:random"])
            return (try #require(document.table("distribution-n12")), document)
        }
        let (zipf, zipfDocument) = try spread("zipf:1.1:20000")
        let (uniform, _) = try spread("random:16:20000")
        let zipfRatio = try #require(Self.cell(zipf, strategy: "java", "max_over_mean")?.numericValue)
        let uniformRatio = try #require(Self.cell(uniform, strategy: "java", "max_over_mean")?.numericValue)
        #expect(zipfRatio > uniformRatio + 0.5, "zipf \(zipfRatio) vs uniform \(uniformRatio)")
        #expect(uniformRatio < 1.1)
        let zipfCV = try #require(Self.cell(zipf, strategy: "java", "cv")?.numericValue)
        let uniformCV = try #require(Self.cell(uniform, strategy: "java", "cv")?.numericValue)
        #expect(zipfCV > uniformCV * 5)
        #expect((Self.cell(zipf, strategy: "java", "p_value")?.numericValue ?? 1) < 1e-6)
        #expect(Self.cell(zipf, strategy: "java", "hot_keys")?.textValue?.hasPrefix("key-1 (") == true)
        #expect(Self.cell(uniform, strategy: "java", "hot_keys") == .missing)
        // The random partitioner ignores keys: even spread whatever the keys.
        #expect((Self.cell(zipf, strategy: "librdkafka:random", "max_over_mean")?.numericValue ?? 9) < 1.1)
        let hotKeys = try #require(zipfDocument.table("hot-keys"))
        #expect(hotKeys.value(row: 0, column: "key") == .text("key-1"))
    }

    @Test("statistics through the CLI: round robin over 4 partitions for 10 records → [3,3,2,2]")
    func knownStatistics() throws {
        let document = try Self.document(["partitions", "--generate", "seq:k:10", "-n", "4", "--partitioner", "java:round-robin"])
        let table = try #require(document.table("distribution-n4"))
        func value(_ column: String) -> Double? { Self.cell(table, strategy: "java:round-robin", column)?.numericValue }
        #expect(value("min") == 2)
        #expect(value("max") == 3)
        #expect(value("mean") == 2.5)
        #expect(value("max_over_mean") == 1.2)
        #expect(abs((value("cv") ?? 0) - 0.2) < 1e-12)
        #expect(abs((value("chi_square") ?? 0) - 0.4) < 1e-12)
        // scipy.stats.chisquare([3, 3, 2, 2]).pvalue (SciPy 1.17.1) = 0.9402424948393607
        #expect(abs((value("p_value") ?? 0) - 0.9402424948393607) < 1e-12)
        #expect(value("hottest") == 0)
        #expect(value("hottest_share") == 0.3)
        #expect(value("simulated") == 10)
        let counts = try #require(document.table("counts-n4"))
        #expect(["p0", "p1", "p2", "p3"].map { Self.cell(counts, strategy: "java:round-robin", $0)?.numericValue } == [3, 3, 2, 2])
    }

    @Test("--resize 12:13 moves about 12/13 of keys for murmur2; n/a for a keyless strategy")
    func resize() throws {
        let document = try Self.document(["partitions", "--generate", "uuid:30000", "-n", "12", "--resize", "12:13", "--resize", "12:24",
                                          "--partitioner", "java,sarama:hash,librdkafka:random"])
        let grow = try #require(document.table("resize-12-13"))
        let moved = try #require(Self.cell(grow, strategy: "java", "moved_fraction")?.numericValue)
        #expect(abs(moved - 12.0 / 13) < 0.01, "\(moved)")
        #expect(Self.cell(grow, strategy: "java", "expected_fraction")?.numericValue == 1 - 1.0 / 13)
        #expect(Self.cell(grow, strategy: "java", "records")?.numericValue == 30000)
        #expect(Self.cell(grow, strategy: "librdkafka:random", "moved_fraction") == .missing)
        #expect(Self.cell(grow, strategy: "librdkafka:random", "rule") == .text("keys ignored"))
        let double = try #require(document.table("resize-12-24"))
        #expect(abs((Self.cell(double, strategy: "sarama:hash", "moved_fraction")?.numericValue ?? 0) - 0.5) < 0.015)
    }

    @Test("--keys from stdin: counts add up over several partition counts; CRLF and a last line without newline are keys")
    func keyStream() throws {
        let keys = (0..<3000).map { "key-\($0)" }.joined(separator: "\r\n") + "\r\nlast"
        let document = try Self.document(["partitions", "--keys", "-", "-n", "7,1009"], input: Data(keys.utf8))
        #expect(document.parameters.contains { $0.label == "records" && $0.value == .integer(3001) })
        for n in [7, 1009] {
            let counts = try #require(document.table("counts-n\(n)"))  // JSON: every count table
            #expect(counts.rows.count == 29)
            for row in counts.rows.indices {
                let total = (0..<n).compactMap { counts.value(row: row, column: "p\($0)")?.numericValue }.reduce(0, +)
                #expect(total == 3001, "\(counts.value(row: row, column: "strategy") ?? .missing) n=\(n)")
            }
        }
    }

    @Test("--keys simulates KAFKA-9965: before 3.9 with linger 0, every other partition stays empty")
    func roundRobinBug() throws {
        let keys = Data((0..<400).map { "k\($0)\n" }.joined().utf8)
        func counts(_ model: String) throws -> [Int] {
            let document = try Self.document(["partitions", "--keys", "-", "-n", "4", "--partitioner", "java:round-robin",
                                              "--round-robin", model, "--linger-ms", "0"], input: keys)
            let table = try #require(document.table("counts-n4"))
            return (0..<4).compactMap { Self.partitionValue(table.value(row: 0, column: "p\($0)")) }
        }
        #expect(try counts("before-3.9") == [0, 200, 0, 200])
        #expect(try counts("3.9+") == [100, 100, 100, 100])
    }

    @Test("--null-keys: hashed-as-empty on one partition (golden null@12), round robin even, sticky simulated")
    func nullKeyStudy() throws {
        let document = try Self.document(["partitions", "--null-keys", "1200", "-n", "12",
                                          "--partitioner", "librdkafka:murmur2,kafkajs:default,java"])
        let counts = try #require(document.table("counts-n12"))
        let murmur = (0..<12).map { Self.partitionValue(Self.cell(counts, strategy: "librdkafka:murmur2", "p\($0)")) }
        #expect(murmur == (0..<12).map { $0 == 9 ? 1200 : 0 })  // strategies.csv: librdkafka:murmur2 null@12 = 9
        let roundRobin = (0..<12).map { Self.partitionValue(Self.cell(counts, strategy: "kafkajs:default", "p\($0)")) }
        #expect(roundRobin == Array(repeating: 100, count: 12))
        let statistics = try #require(document.table("distribution-n12"))
        #expect(Self.cell(statistics, strategy: "java", "simulated") == .integer(1200))
        #expect(document.parameters.contains { $0.label == "null keys" && $0.value == .integer(1200) })
    }

    @Test("JSON is identical from run to run (no timing unless --timing)")
    func stableJSON() throws {
        let arguments = ["partitions", "--generate", "zipf:1.2:5000", "-n", "6,12", "--resize", "6:12", "--format", "json"]
        let first = try KBenchExecutable.run(arguments)
        let second = try KBenchExecutable.run(arguments)
        #expect(first.status == 0 && second.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(!first.out.contains("run time"))
        let timed = try KBenchExecutable.run(arguments + ["--timing"])
        #expect(timed.out.contains("\"run time\""))
        #expect(timed.out.contains("\"throughput\""))
    }

    @Test("--output, --charts (bar chart SVG with the mean line) and the other formats")
    func outputs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-partitions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = directory.appendingPathComponent("partitions.md")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try KBenchExecutable.run(["partitions", "--generate", "seq:user-:2000", "-n", "6,12", "--format", "markdown",
                                               "--output", report.path, "--charts", directory.appendingPathComponent("charts").path])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.isEmpty)
        let markdown = try String(contentsOf: report, encoding: .utf8)
        #expect(markdown.hasPrefix("# Partition distribution: seq:user-:2000"))
        #expect(markdown.contains("max÷mean"))
        for n in [6, 12] {
            let svg = try String(contentsOf: directory.appendingPathComponent("charts/partitions-distribution-n\(n).svg"), encoding: .utf8)
            #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
            #expect(svg.contains("mean"))
            #expect(svg.contains("java"))
        }
        let csv = try KBenchExecutable.run(["partitions", "--generate", "seq:a:100", "-n", "3", "--partitioner", "java", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.out.contains("strategy,records,simulated,min,max,mean,max÷mean,CV,χ²,p,hottest,share (fraction),hot keys behind it"))
        let text = try KBenchExecutable.run(["partitions", "--generate", "seq:a:100", "-n", "3", "--partitioner", "java"])
        #expect(text.out.contains("Spread over 3 partitions"))
        #expect(text.out.contains("throughput:"))
    }

    // MARK: Errors and help

    @Test("usage errors exit 2 with one line naming the problem", arguments: [
        (["partitions", "--key", "a", "-n", "0"], "--partitions"),
        (["partitions", "--keys", "-", "-n", "12,0"], "--partitions"),
        (["partitions", "--key", "a", "-n", "3", "--partitioner", "java,nope"], "valid names: java"),
        (["partitions", "--generate", "seq:a:9", "--partitioner", "nope"], "unknown partitioner 'nope'"),
        (["partitions", "--key", "a", "--key-hex", "61", "-n", "3"], "exactly one of"),
        (["partitions", "-n", "3"], "exactly one of"),
        (["partitions", "--key-hex", "6z", "-n", "3"], "--key-hex"),
        (["partitions", "--key", "a", "-n", "3", "--format", "xml"], "format"),
        (["partitions", "--keys", "-", "-n", "3", "--rate", "0"], "--rate"),
        (["partitions", "--key", "abc", "--key-type", "int32"], "not a valid int32"),
        (["partitions", "--key", "70000", "--key-type", "int16"], "not a valid int16"),
        (["partitions", "--generate", "zipf:x:100"], "field S 'x' is not a number"),
        (["partitions", "--generate", "nope:3"], "unknown kind 'nope'"),
        (["partitions", "--generate", "random:16"], "wrong number of fields"),
        (["partitions", "--generate", "seq:a:10", "--resize", "12"], "expected N:M"),
        (["partitions", "--generate", "seq:a:10", "--resize", "0:4"], "N must be between"),
        (["partitions", "--key", "a", "--resize", "12:13"], "--resize needs --keys, --generate or --null-keys"),
        (["partitions", "--null-keys=-5"], "--null-keys must be ≥ 0, got -5"),
        (["partitions", "--generate", "seq:a:10", "-n", "500000"], "between 1 and 100000"),
        (["partitions", "--generate", "seq:a:10", "--sketch-size", "0"], "--sketch-size"),
    ])
    func usageErrors(arguments: [String], mentions: String) throws {
        let result = try KBenchExecutable.run(arguments)
        #expect(result.status == 2, "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.contains(mentions), "\(result.err)")
    }

    @Test("an unreadable key file is a runtime failure (exit 1, one line naming it)", arguments: ["/nonexistent/keys.txt", "/tmp"])
    func unreadableFile(path: String) throws {
        let result = try KBenchExecutable.run(["partitions", "--keys", path, "-n", "3"])
        #expect(result.status == 1)
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.contains(path), "\(result.err)")
    }

    @Test("help lists examples, generators, key types and strategy names")
    func help() throws {
        let result = try KBenchExecutable.run(["partitions", "--help"])
        #expect(result.status == 0)
        for text in ["kbench partitions --key user-42 -n 12", "--key 1202 --key-type int32", "--generate zipf:1.1:1M",
                     "--resize 12:13", "--null-keys", "kafka-python:default", "seq:PREFIX:N", "int32", "--charts", "--value-size", "--round-robin"] {
            #expect(result.out.contains(text), "help lacks \(text)")
        }
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
