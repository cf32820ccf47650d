import Foundation
import KBenchReports
import Testing
import TestSupport

/// `kbench compress` through the built executable, on tiny runs (--min-time 0).
@Suite("kbench compress")
struct CompressCommandTests {
    /// A quick run: two settings, one small batch size, a small sample.
    static let quick = ["compress", "--min-time", "0", "--codecs", "zstd,lz4", "--levels", "zstd:1", "--batch-sizes", "1KiB", "--sample-bytes", "4KiB"]

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-compress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("help teaches: corpora, defaults, payload formats and runnable examples")
    func help() throws {
        let result = try KBenchExecutable.run(["compress", "--help"])
        #expect(result.status == 0)
        let text = result.out.replacingOccurrences(of: " \\\n      ", with: " ")
        #expect(text.contains("Examples:"))
        #expect(text.contains("kbench compress --corpus logs --codecs zstd,lz4 --levels zstd:1,3,9 --batch-sizes 16KiB,1MiB"))
        #expect(text.contains("length-delimited"))
        for corpus in ["json", "logs", "csv", "avro", "random"] { #expect(text.contains("\n  \(corpus) ")) }
        #expect(text.contains("--min-time <seconds>"))
        #expect(try KBenchExecutable.run(["--help"]).out.contains("compress"))
    }

    @Test("bad values are usage errors: exit 2, one line naming the problem", arguments: [
        (["--codecs", "brotli"], "kbench: unknown codec 'brotli' (expected one of: none, gzip, snappy, lz4, zstd)"),
        (["--levels", "zstd:99"], "kbench: librdkafka does not accept zstd level 99 (compression.level: -1...12 (-1 = the codec default))"),
        (["--client", "librdkafka", "--levels", "zstd:19"], "kbench: librdkafka does not accept zstd level 19 (compression.level: -1...12 (-1 = the codec default))"),
        (["--client", "java", "--levels", "gzip:11"], "kbench: java does not accept gzip level 11 (compression.gzip.level: 1...9 or -1 (= 6))"),
        (["--client", "kafkajs"], "kbench: The value 'kafkajs' is invalid for '--client <client>'. Please provide one of 'librdkafka', 'java' or 'both'."),
        (["--batch-sizes", "0"], "kbench: --batch-sizes: a batch size must be positive, got '0'"),
        (["--batch-sizes", "16KiB,0KiB"], "kbench: --batch-sizes: a batch size must be positive, got '0KiB'"),
        (["--batch-sizes", "16 lumps"], "kbench: --batch-sizes: '16 lumps' is not a byte size (examples: 1024, 16KiB, 1MiB, 64K, 1MB)"),
        (["--batch-sizes", "1GiB"], "kbench: --batch-sizes: 1 GiB is above the maximum of 64 MiB"),
        (["--min-time=-1"], "kbench: --min-time must be between 0 and 60 seconds, got -1.0"),
        (["--corpus", "logs", "--payload", "x.txt"], "kbench: use --corpus or --payload, not both"),
        (["--payload-format", "lines"], "kbench: --payload-format needs --payload"),
        (["--corpus", "xml"], "kbench: The value 'xml' is invalid for '--corpus <corpus>'. Please provide one of 'json', 'logs', 'csv', 'avro' or 'random'."),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try KBenchExecutable.run(["compress"] + arguments)
        #expect(result.status == 2)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(message) == true, "\(result.err)")
        #expect(result.out.isEmpty)
    }

    @Test("an unreadable payload is a failure: exit 1, one line")
    func unreadablePayload() throws {
        let result = try KBenchExecutable.run(["compress", "--payload", "/no/such/payload.jsonl"])
        #expect(result.status == 1)
        #expect(result.err == "kbench: cannot open /no/such/payload.jsonl: No such file or directory\n")
    }

    @Test("a corrupt length-delimited payload names the file and byte offset: exit 1")
    func corruptPayload() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("records.bin").path
        try Data([0, 0, 0, 2, 0x41, 0x42, 0, 0, 1, 0, 0x43]).write(to: URL(fileURLWithPath: path))
        let result = try KBenchExecutable.run(Self.quick + ["--payload", path, "--payload-format", "length-delimited"])
        #expect(result.status == 1)
        #expect(result.err == "kbench: \(path): byte 6: record length 256 runs past the end of the input (1 bytes left)\n")
    }

    @Test("--format json: the report model, with picks, per-client per-size tables and every measurement")
    func json() throws {
        let result = try KBenchExecutable.run(Self.quick + ["--format", "json", "--corpus", "csv"])
        #expect(result.status == 0, "\(result.err)")
        let document = try JSONReportRenderer().decode(Data(result.out.utf8))
        #expect(document.id == "compress")
        #expect(document.table("picks")?.values(column: "client").compactMap(\.textValue) == ["librdkafka", "java"])
        let librdkafka = try #require(document.table("codecs-librdkafka-1kib"))
        #expect(librdkafka.values(column: "setting").compactMap(\.textValue) == ["zstd 1", "lz4 0", "lz4 9"])
        #expect(librdkafka.values(column: "ratio").allSatisfy { ($0.numericValue ?? 0) > 1 })
        let java = try #require(document.table("codecs-java-1kib"))
        #expect(java.values(column: "setting").compactMap(\.textValue) == ["zstd 1", "lz4 8", "lz4 9"])
        #expect(document.table("measurements")?.rows.count == 6)
        #expect(document.parameters.contains { $0.label == "payload" && $0.value == .text("corpus csv (seed 42)") })
        #expect(document.allCharts.count == 2)
        let one = try KBenchExecutable.run(Self.quick + ["--format", "json", "--corpus", "csv", "--client", "librdkafka"])
        let single = try JSONReportRenderer().decode(Data(one.out.utf8))
        #expect(single.table("picks")?.rows.count == 1 && single.table("codecs-java-1kib") == nil)
    }

    @Test("a lines payload to a Markdown file, with SVG charts")
    func payloadToFiles() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let payload = directory.appendingPathComponent("events.jsonl")
        let lines = (0..<200).map { #"{"user":\#($0 % 17),"event":"click","path":"/item/\#($0 * 7)"}"# }
        try Data(lines.joined(separator: "\n").utf8).write(to: payload)
        let report = directory.appendingPathComponent("compress.md").path
        let charts = directory.appendingPathComponent("charts").path
        let result = try KBenchExecutable.run(Self.quick + ["--payload", payload.path, "--format", "markdown", "--output", report, "--charts", charts])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.isEmpty)
        let markdown = try String(contentsOfFile: report, encoding: .utf8)
        #expect(markdown.hasPrefix("# Compression: codecs × levels × batch sizes"))
        #expect(markdown.contains("- payload: \(payload.path)"))
        #expect(markdown.contains("| zstd 1 "))
        let svg = try String(contentsOfFile: charts + "/compress-ratio-vs-speed-librdkafka-1kib.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(svg.contains("zstd 1"))
    }

    @Test("the table format is for people: headings, picks and both tables per size")
    func table() throws {
        let result = try KBenchExecutable.run(Self.quick + ["--corpus", "random"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix("Compression: codecs × levels × batch sizes\n"))
        #expect(result.out.contains("librdkafka, 1 KiB batches: size and speed"))
        #expect(result.out.contains("java, 1 KiB batches: kbench vs the bare codec library"))
        #expect(result.out.contains("payload:             corpus random (seed 42)"))
        #expect(result.err.isEmpty)
    }
}

extension CompressCommandTests {
    @Test("--payload - reads standard input; errors there name it")
    func standardInput() throws {
        let lines = (0..<100).map { "2024-01-01 INFO request \($0) served in \($0 % 13) ms" }.joined(separator: "\n")
        let result = try KBenchExecutable.run(Self.quick + ["--payload", "-", "--format", "json"], input: Data(lines.utf8))
        #expect(result.status == 0, "\(result.err)")
        let document = try JSONReportRenderer().decode(Data(result.out.utf8))
        #expect(document.parameters.first { $0.label == "payload" }?.value == .text("standard input"))
        let bad = try KBenchExecutable.run(Self.quick + ["--payload", "-", "--payload-format", "length-delimited"], input: Data([0, 0]))
        #expect(bad.status == 1)
        #expect(bad.err == "kbench: standard input: byte 0: truncated length field: needs 4 bytes, 2 left\n")
    }
}
