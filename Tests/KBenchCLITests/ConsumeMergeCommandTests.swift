import Foundation
import Testing
import TestSupport

@Suite("kbench merge of kbench consume --format json files on the command line", .serialized)
struct ConsumeMergeCommandTests {
    /// Runs `kbench consume … --format json` on a freshly seeded embedded topic and saves its output as `name`.
    static func consume(_ options: [String], to name: String, in folder: MergeCommandTests.Folder) throws -> String {
        try MergeCommandTests.save(["consume", "--seed-messages", "5000", "--format", "json"] + options, to: name, in: folder)
    }

    @Test("two consume runs merge: records and bytes add, one line per input, windows merged; the merge merges again")
    func merges() throws {
        let folder = try MergeCommandTests.Folder()
        let a = try Self.consume([], to: "a.json", in: folder)
        let b = try Self.consume([], to: "b.json", in: folder)
        let result = try KBenchExecutable.run(["merge", a, b, "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let report = try ReportJSON(result.out)
        #expect(report.fact("records read", in: "summary") as? Int == 10_000)
        #expect(report.fact("bytes read (key+value)", in: "summary") as? Int == 1_000_000)
        #expect(report.parameter("consumers per run") as? Int == 1)
        let inputs = try #require(report.sections.first { $0["id"] as? String == "inputs" }?["tables"] as? [[String: Any]])
        #expect((inputs.first?["rows"] as? [[String: Any]])?.map { $0["input"] as? String } == [a, b])
        let windows = try #require(report.sections.first { $0["id"] as? String == "windows" }?["tables"] as? [[String: Any]])
        let records = (windows.first?["rows"] as? [[String: Any]])?.compactMap { $0["records"] as? Int } ?? []
        #expect(records.reduce(0, +) == 10_000, "\(records)")
        let merged = folder.path("ab.json")
        try Data(result.out.utf8).write(to: URL(fileURLWithPath: merged))
        let c = try Self.consume([], to: "c.json", in: folder)
        let again = try KBenchExecutable.run(["merge", merged, c, "--format", "json"])
        #expect(again.status == 0, "\(again.err)")
        #expect(try ReportJSON(again.out).fact("records read", in: "summary") as? Int == 15_000)
    }

    @Test("consume runs of different settings, or mixed with a produce run: one line, exit 1")
    func refused() throws {
        let folder = try MergeCommandTests.Folder()
        let a = try Self.consume([], to: "a.json", in: folder)
        let b = try Self.consume(["--consumers", "2"], to: "b.json", in: folder)
        let differ = try KBenchExecutable.run(["merge", a, b])
        #expect(differ.status == 1)
        #expect(differ.err == "kbench: cannot merge \(b) with \(a): consumers 2 vs 1\n")
        let produced = try MergeCommandTests.produce([], to: "p.json", in: folder)
        let mixed = try KBenchExecutable.run(["merge", a, produced])
        #expect(mixed.status == 1)
        #expect(mixed.err == "kbench: cannot merge \(produced) with \(a): a single run vs a consume run\n")
        #expect(mixed.out.isEmpty)
    }
}
