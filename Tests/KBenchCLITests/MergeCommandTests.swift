import Foundation
import Testing
import TestSupport

@Suite("kbench merge on the command line: produce JSON in, combined report out, mismatches refused", .serialized)
struct MergeCommandTests {
    /// A scratch folder, removed when the test ends.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-merge-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    /// Runs `kbench produce … --format json` and saves its output as `name` in `folder`.
    static func produce(_ options: [String], to name: String, in folder: Folder) throws -> String {
        try save(["produce", "--messages", "3000", "--format", "json"] + options, to: name, in: folder)
    }

    /// Runs kbench with `arguments` (expecting exit 0) and saves its output as `name` in `folder`.
    static func save(_ arguments: [String], to name: String, in folder: Folder) throws -> String {
        let result = try KBenchExecutable.run(arguments)
        #expect(result.status == 0, "\(result.err)")
        let path = folder.path(name)
        try Data(result.out.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("two runs of one command merge: counts add up, one line per input, --hgrm writes the merged histograms")
    func merges() throws {
        let folder = try Folder()
        let a = try Self.produce(["--compression", "lz4"], to: "a.json", in: folder)
        let b = try Self.produce(["--compression", "lz4"], to: "b.json", in: folder)
        let result = try KBenchExecutable.run(["merge", a, b, "--format", "json", "--hgrm", folder.path("hgrm")])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        #expect(report.fact("sent", in: "summary") as? Int == 6_000)
        #expect(report.fact("delivered", in: "summary") as? Int == 6_000)
        #expect(report.fact("service values", in: "latency") as? Int == 6_000)
        #expect(report.parameter("settings") as? String == "compression.type=lz4 message.timeout.ms=30000")
        let inputs = try #require(report.sections.first { $0["id"] as? String == "inputs" }?["tables"] as? [[String: Any]])
        let rows = try #require(inputs.first?["rows"] as? [[String: Any]])
        #expect(rows.map { $0["input"] as? String } == [a, b])
        #expect(result.err == "kbench merge: wrote \(folder.path("hgrm"))/service.hgrm\n")
        let hgrm = try String(contentsOfFile: folder.path("hgrm/service.hgrm"), encoding: .utf8)
        #expect(hgrm.contains("Total count    =         6000]"), "\(hgrm.suffix(300))")
        // The merged file merges again, with a third run.
        let merged = folder.path("ab.json")
        try Data(result.out.utf8).write(to: URL(fileURLWithPath: merged))
        let c = try Self.produce(["--compression", "lz4"], to: "c.json", in: folder)
        let again = try KBenchExecutable.run(["merge", merged, c, "--format", "json"])
        #expect(again.status == 0, "\(again.err)")
        #expect(try ReportJSON(again.out).fact("delivered", in: "summary") as? Int == 9_000)
    }

    @Test("runs of two configurations: one line naming the difference, exit 1")
    func mismatch() throws {
        let folder = try Folder()
        let a = try Self.produce(["--compression", "zstd"], to: "a.json", in: folder)
        let b = try Self.produce(["--compression", "lz4"], to: "b.json", in: folder)
        let result = try KBenchExecutable.run(["merge", a, b])
        #expect(result.status == 1)
        #expect(result.err == "kbench: cannot merge \(b) with \(a): compression.type lz4 vs zstd\n")
        #expect(result.out.isEmpty)
    }

    @Test("two rate-step studies merge row by row (counts add up, the knee recomputed, one .hgrm per row); a study with another ladder or with a single run is refused")
    func studies() throws {
        let folder = try Folder()
        let ladder = ["--throughput", "2k,max", "--messages", "1000"]
        let a = try Self.produce(ladder, to: "a.json", in: folder)
        let b = try Self.produce(ladder, to: "b.json", in: folder)
        let result = try KBenchExecutable.run(["merge", a, b, "--format", "json", "--hgrm", folder.path("hgrm")])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        let rows = try ProduceStudyCommandTests.table(report, section: "steps")
        #expect(rows.map { $0["step"] as? String } == ["2000 records/s", "max"])
        #expect(rows.map { $0["offered_per_second"] as? Int } == [4000, nil], "the offered rate of both machines")
        #expect(report.parameter("machines") as? Int == 2)
        #expect(report.fact("knee", in: "steps") != nil)
        let stems = ["2000-records-s.service", "2000-records-s.response", "max.service"]
        #expect(result.err == "kbench merge: wrote " + stems.map { folder.path("hgrm/\($0).hgrm") }.joined(separator: ", ") + "\n")
        let hgrm = try String(contentsOfFile: folder.path("hgrm/max.service.hgrm"), encoding: .utf8)
        #expect(hgrm.contains("Total count    =         2000]"), "\(hgrm.suffix(300))")
        let study = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])["study"] as? [String: Any]
        let merged = try #require(study?["rows"] as? [[String: Any]])
        #expect(merged.count == 2)

        let other = try Self.produce(["--throughput", "2k,3k", "--messages", "600"], to: "c.json", in: folder)
        let ladders = try KBenchExecutable.run(["merge", a, other])
        #expect(ladders.status == 1 && ladders.out.isEmpty)
        #expect(ladders.err == "kbench: cannot merge \(other) with \(a): rate steps 2000 records/s; 3000 records/s vs 2000 records/s; max\n")
        let single = try Self.produce([], to: "single.json", in: folder)
        let mixed = try KBenchExecutable.run(["merge", a, single])
        #expect(mixed.status == 1 && mixed.err == "kbench: cannot merge \(single) with \(a): a single run vs a rate-step study\n", "\(mixed.err)")
    }

    @Test("bad files: one line naming the file, exit 1", arguments: [
        ("not json", "not JSON, or cut short"), (#"{"id": "hash", "sections": []}"#, "not a kbench produce or consume result"), ("", "not JSON, or cut short"),
    ])
    func badFile(content: String, says: String) throws {
        let folder = try Folder()
        let good = try Self.produce([], to: "good.json", in: folder)
        let bad = folder.path("bad.json")
        try Data(content.utf8).write(to: URL(fileURLWithPath: bad))
        let result = try KBenchExecutable.run(["merge", good, bad])
        #expect(result.status == 1)
        #expect(result.err.split(separator: "\n").count == 1 && result.err.hasPrefix("kbench: \(bad): \(says)"), "\(result.err)")
        let truncated = folder.path("cut.json")
        try Data(try String(contentsOfFile: good, encoding: .utf8).prefix(5_000).utf8).write(to: URL(fileURLWithPath: truncated))
        let cut = try KBenchExecutable.run(["merge", truncated])
        #expect(cut.status == 1 && cut.err == "kbench: \(truncated): not JSON, or cut short (expected the output of kbench produce --format json)\n", "\(cut.err)")
    }
}
