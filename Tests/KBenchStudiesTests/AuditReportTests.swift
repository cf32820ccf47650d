import Foundation
import KafkaLive
import Testing
@testable import KBenchReports
@testable import KBenchStudies

@Suite("AuditReport: the audit in every format")
struct AuditReportTests {
    /// A mixed verdict read as a sample, with a breaking key holding an escape sequence.
    static func result() -> AuditResult {
        var sample = AuditSamplePlan(watermarks: [0: (0, 10_000), 1: (0, 10_000)], maxRecords: 1_200)
        sample.partitions[0].recordsRead = 600
        sample.partitions[1].recordsRead = 600
        let hostileKey: [UInt8] = [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x6B]  // ESC [ 3 1 m k
        let key = hostileKey.withUnsafeBytes { displayKey($0) }
        let murmur = AuditComponent(
            rule: "(murmur2(key) & 0x7fffffff) % n", strategies: ["java"], share: 0.5012, records: 601,
            exclusiveRecords: 551, ambiguousRecords: 49, testedRecords: 1_200, testedMatches: 650, pValue: 0)
        let crc = AuditComponent(
            rule: "crc32(key) % n (unsigned)", strategies: ["librdkafka:consistent_random"], share: 0.4988, records: 599,
            exclusiveRecords: 550, ambiguousRecords: 49, testedRecords: 550, testedMatches: 550, pValue: 1e-300)
        return AuditResult(
            topic: "orders", partitionCount: 2, records: 1_200, keyedRecords: 1_200, nullKeyRecords: 0, emptyKeyRecords: 0,
            sample: sample,
            candidates: [AuditCandidate(
                rule: murmur.rule, strategies: murmur.strategies, matched: 650, checked: 1_200,
                counterexamples: [AuditCounterexample(key: key, partition: 1, predicted: 0)], pValue: 0)],
            components: [murmur, crc], unexplainedRecords: 0, ambiguousRecords: 49, otherShare: 0,
            verdict: .mixed, summary: "MIXED: java + librdkafka:consistent_random")
    }

    @Test("every format carries the shares, the ambiguous count and what was read; no raw escape reaches the output")
    func everyFormat() throws {
        let document = AuditReport.document(Self.result())
        for format in ReportFormat.allCases {
            let text = try format.render(document)
            #expect(!text.unicodeScalars.contains("\u{1B}"), "\(format)")
            #expect(text.contains("0x1b5b33316d6b"), "\(format)")
            #expect(text.contains("sampled 1,200 of 20,000 records: 2 partitions × 16 windows spread over each partition's offsets"), "\(format)")
            #expect(text.contains("Bonferroni") || format == .csv, "\(format)")  // CSV carries tables, not notes
        }
        let table = try ReportFormat.table.render(document)
        #expect(table.contains("50.12%") && table.contains("49.88%"))
        #expect(table.contains("650 of 1200"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportFormat.json.render(document).utf8)) as? [String: Any])
        let sections = try #require(json["sections"] as? [[String: Any]])
        let components = try #require(sections.flatMap { ($0["tables"] as? [[String: Any]]) ?? [] }.first { $0["id"] as? String == "components" })
        let rows = try #require(components["rows"] as? [[String: Any]])
        #expect(rows.compactMap { $0["estimated share"] as? Double } == [0.5012, 0.4988])
        #expect(rows.compactMap { $0["ambiguous"] as? Int } == [49, 49])
    }

    @Test("the sentence says what was read: whole topic or windows")
    func sampleSentence() {
        let whole = AuditSamplePlan(watermarks: [0: (5, 105)], maxRecords: nil)
        #expect(AuditReport.sampleSentence(whole) == "read all 0 of 100 records of 1 partition")
        var uneven = AuditSamplePlan(watermarks: [0: (0, 1000), 1: (0, 10)], maxRecords: 100)
        uneven.partitions[0].recordsRead = 90
        uneven.partitions[1].recordsRead = 10
        #expect(AuditReport.sampleSentence(uneven) == "sampled 100 of 1,010 records: 2 partitions × 1–16 windows spread over each partition's offsets")
    }

    @Test("the result round-trips through Codable")
    func codable() throws {
        let result = Self.result()
        #expect(try JSONDecoder().decode(AuditResult.self, from: JSONEncoder().encode(result)) == result)
    }
}
