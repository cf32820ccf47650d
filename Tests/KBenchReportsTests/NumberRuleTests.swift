import Foundation
import Testing
@testable import KBenchReports

@Suite("NumberRule")
struct NumberRuleTests {
    @Test("quantities: three significant digits, integer digits kept, thousands grouped")
    func quantities() {
        #expect(NumberRule.quantity(52.0252) == "52.0")
        #expect(NumberRule.quantity(83_019) == "83,019")
        #expect(NumberRule.quantity(83_333.333) == "83,333")
        #expect(NumberRule.quantity(0.0224) == "0.0224")
        #expect(NumberRule.quantity(0) == "0")
        #expect(NumberRule.quantity(-1234.5) == "-1,235")
        #expect(NumberRule.quantity(.infinity) == "∞")
    }

    @Test("scientific only below 1e-4 or from 1e15, with the same significant digits")
    func scientific() {
        #expect(NumberRule.quantity(0.00000566) == "5.66e-6")
        #expect(NumberRule.quantity(0.000032) == "3.20e-5")
        #expect(NumberRule.quantity(3.68e-284) == "3.68e-284")
        #expect(NumberRule.quantity(0.000283) == "0.000283")
        #expect(NumberRule.quantity(2.5e17) == "2.50e17")
        #expect(!NumberRule.quantity(1e14).contains("e"))
    }

    @Test("counts and bytes are whole numbers with separators")
    func countsAndBytes() {
        #expect(NumberRule.count(1_000_000) == "1,000,000")
        #expect(NumberRule.count(1e6) == "1,000,000")
        #expect(NumberRule.count(83_019.4) == "83,019")
        #expect(NumberRule.count(.nan) == "NaN")
        #expect(NumberRule.bytes(73.04) == "73 B")
        #expect(NumberRule.bytes(16_384) == "16,384 B")
    }

    @Test("p-values: significant digits, and below 1e-300 (an underflow to 0 among them) < 1e-300, never 0 beside 3.68e-284")
    func probabilities() throws {
        #expect(NumberRule.probability(0.932) == "0.932")
        #expect(NumberRule.probability(1) == "1.00")
        #expect(NumberRule.probability(3.68e-284) == "3.68e-284")
        #expect(NumberRule.probability(0) == "< 1e-300")
        #expect(NumberRule.probability(.leastNonzeroMagnitude) == "< 1e-300")
        #expect(NumberRule.probability(9.9e-301) == "< 1e-300")
        #expect(NumberRule.probability(.nan) == "NaN")
        #expect(ValueFormat.probability(digits: 2).display(.number(0)) == "< 1e-300")
        #expect(ValueFormat.probability(digits: 2).display(.number(0.0837)) == "0.084")
        var table = ReportTable(id: "t", title: "t", columns: [ReportColumn("p", format: .probability(digits: 3))])
        table.addRow([.number(0)])
        let json = try JSONReportRenderer().render(value: table)
        #expect(json.contains(#""kind":"probability""#) || json.contains(#""kind" : "probability""#), "\(json)")
        let decoded = try JSONReportRenderer().decode(ReportTable.self, from: Data(json.utf8))
        #expect(decoded.columns.first?.format == .probability(digits: 3))
        #expect(decoded.rows.first?.first?.numericValue == 0, "JSON keeps the raw value")
        #expect(PlainTextRenderer().render(table).contains("< 1e-300"))
    }

    @Test("tables, tooltips and JSON follow the rule: display text by it, raw values untouched")
    func everywhere() throws {
        #expect(ValueFormat.significant(digits: 3).display(.number(0.000032)) == "3.20e-5")
        #expect(ValueFormat.integer.display(.number(73.04)) == "73")
        #expect(AxisFormat.number.exact(83_019) == "83,019")
        #expect(AxisFormat.number.exact(52.0252) == "52.03")
        #expect(AxisFormat.number.exact(0.000032) == "3.200e-5")
        #expect(AxisFormat.multiplier.exact(2.2834) == "2.283×")
        var table = ReportTable(id: "t", title: "t", columns: [ReportColumn("x", format: .significant(digits: 3))])
        table.addRow([.number(0.000032)])
        let json = try JSONReportRenderer().render(value: table)
        #expect(json.contains("3.2e-05"))
    }
}
