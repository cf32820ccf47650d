import Foundation
import Testing
@testable import KBenchReports

@Suite("NonBreakingUnits: a number and its unit stay on one line in findings")
struct NonBreakingUnitsTests {
    static let nbsp = "\u{00A0}"

    @Test("number and unit joined, punctuation after the unit kept, other spaces untouched")
    func joins() {
        let text = "1000000 records/s: achieved 1,000,000 records/s, p99 8.73 ms ≤ 13.6 ms (2 × the lowest-load p99 (6.78 ms))"
        let expected = "1000000\(Self.nbsp)records/s: achieved 1,000,000\(Self.nbsp)records/s, p99 8.73\(Self.nbsp)ms ≤ 13.6\(Self.nbsp)ms "
            + "(2\(Self.nbsp)× the lowest-load p99 (6.78\(Self.nbsp)ms))"
        #expect(NonBreakingUnits.apply(text) == expected)
        #expect(NonBreakingUnits.apply("balanced zstd 3 (3.53×, 301 MB/s); 64 KiB keys") == "balanced zstd 3 (3.53×, 301\(Self.nbsp)MB/s); 64\(Self.nbsp)KiB keys")
    }

    @Test("an SI prefix written apart is joined to its number and to the unit after it")
    func prefixes() {
        #expect(NonBreakingUnits.apply("12.0 M keys/s and 137 k records/s") == "12.0\(Self.nbsp)M\(Self.nbsp)keys/s and 137\(Self.nbsp)k\(Self.nbsp)records/s")
        #expect(NonBreakingUnits.apply("M keys/s without a number") == "M keys/s without a number")
    }

    @Test("text without numbers or units is unchanged")
    func unchanged() {
        for text in ["", "none", "linger-ms=5 compression=none", "3 combinations within", "version 2 of it"] {
            #expect(NonBreakingUnits.apply(text) == text)
        }
    }

    @Test("index.html: findings keep their numbers and units together, the sentence otherwise as written")
    func findingsPage() {
        let document = ReportDocument(
            id: "p", title: "Producer", findings: [ReportFinding(topic: "knee, 16 KiB batches", text: "2,000 records/s: p99 8.73 ms", section: "s")],
            sections: [ReportSection(id: "s", title: "S", paragraphs: ["p99 8.73 ms"])])
        let html = HTMLRenderer().renderIndex(title: "t", machine: testMachine, reports: [ResultsReport(name: "p", document: document)])
        #expect(html.contains(">knee, 16\(Self.nbsp)KiB batches</a>: 2,000\(Self.nbsp)records/s: p99 8.73\(Self.nbsp)ms</li>"))
    }
}
