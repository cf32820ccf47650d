import KBenchTerminal
import Testing
@testable import KBenchReports

@Suite("NumberText")
struct NumberTextTests {
    @Test("fixed decimals round half away from zero and never print -0")
    func fixed() {
        #expect(NumberText.fixed(3.14159, places: 2) == "3.14")
        #expect(NumberText.fixed(2.5, places: 0) == "3")
        #expect(NumberText.fixed(-2.5, places: 0) == "-3")
        #expect(NumberText.fixed(0.05, places: 3) == "0.050")
        #expect(NumberText.fixed(-0.0001, places: 2) == "0.00")
        #expect(NumberText.fixed(1234567.891, places: 1) == "1234567.9")
        #expect(NumberText.fixed(1e20, places: 0) == "1e+20")
        #expect(NumberText.fixed(.nan, places: 2) == "NaN")
        #expect(NumberText.fixed(-.infinity, places: 2) == "-∞")
    }

    @Test("significant digits keep integer digits and switch to scientific for tiny values")
    func significant() {
        #expect(NumberText.significant(0.012345, digits: 3) == "0.0123")
        #expect(NumberText.significant(12345, digits: 3) == "12345")
        #expect(NumberText.significant(1.5, digits: 3) == "1.50")
        #expect(NumberText.significant(9.996, digits: 3) == "10.0")
        #expect(NumberText.significant(0.0009996, digits: 3) == "0.00100")
        #expect(NumberText.significant(0, digits: 3) == "0")
        #expect(NumberText.significant(1.234e-9, digits: 3) == "1.23e-9")
        #expect(NumberText.significant(-4.56e-300, digits: 2) == "-4.6e-300")
        #expect(NumberText.significant(Double.leastNonzeroMagnitude, digits: 2) == "4.9e-324")
        #expect(NumberText.significant(2.5e17, digits: 2) == "2.5e17")
    }

    @Test("grouping, raw and compact forms")
    func groupingRawCompact() {
        #expect(NumberText.grouped(1_234_567) == "1,234,567")
        #expect(NumberText.grouped(-999) == "-999")
        #expect(NumberText.grouped(Int64.min) == "-9,223,372,036,854,775,808")
        #expect(NumberText.groupingIntegerPart(of: "-83333.33") == "-83,333.33")
        #expect(NumberText.groupingIntegerPart(of: "1.2e-9") == "1.2e-9")
        #expect(NumberText.raw(2.0) == "2")
        #expect(NumberText.raw(0.1) == "0.1")
        #expect(NumberText.raw(1e-5) == "1e-05")
        #expect(NumberText.compact(1500) == "1.5k")
        #expect(NumberText.compact(20_000_000) == "20M")
        #expect(NumberText.compact(0.25) == "0.25")
        #expect(NumberText.compact(100) == "100")
        #expect(NumberText.trimmingZeros("3.00") == "3")
        #expect(NumberText.trimmingZeros("300") == "300")
    }
}

@Suite("UnitText")
struct UnitTextTests {
    @Test("bytes in binary units")
    func bytes() {
        #expect(UnitText.bytes(0) == "0 B")
        #expect(UnitText.bytes(512) == "512 B")
        #expect(UnitText.bytes(16384) == "16 KiB")
        #expect(UnitText.bytes(1_048_576) == "1 MiB")
        #expect(UnitText.bytes(1_572_864) == "1.50 MiB")
        #expect(UnitText.bytes(1_234_567_890) == "1.15 GiB")
    }

    @Test("rates with SI prefixes")
    func rates() {
        #expect(UnitText.rate(1.23e9, unit: "B") == "1.23 GB/s")
        #expect(UnitText.rate(1.2e7, unit: "keys") == "12.0 M keys/s")
        #expect(UnitText.rate(999.7, unit: "keys") == "1.00 k keys/s")
        #expect(UnitText.rate(12, unit: "keys") == "12.0 keys/s")
        #expect(UnitText.rate(4500, unit: "") == "4.50 k/s")
    }

    @Test("durations, clocks and percentages")
    func durations() {
        #expect(UnitText.duration(seconds: 6.91e-9) == "6.91 ns")
        #expect(UnitText.duration(seconds: 1.24e-5) == "12.4 µs")
        #expect(UnitText.duration(seconds: 0.0035) == "3.50 ms")
        #expect(UnitText.duration(seconds: 2.345) == "2.35 s")
        #expect(UnitText.duration(seconds: 200) == "3 min 20 s")
        #expect(UnitText.duration(seconds: 3720) == "1 h 02 min")
        #expect(UnitText.clock(seconds: 5) == "0:05")
        #expect(UnitText.clock(seconds: 3723) == "1:02:03")
        #expect(UnitText.clock(seconds: .infinity) == "--:--")
        #expect(UnitText.percent(0.0833, places: 1) == "8.3%")
    }
}

@Suite("DisplayWidth.padded (the report alignment on top of KBenchTerminal's widths)")
struct DisplayWidthPaddingTests {
    @Test("padding respects display width")
    func pad() {
        #expect(DisplayWidth.padded("日本", to: 6, alignment: .right) == "  日本")
        #expect(DisplayWidth.padded("ab", to: 5, alignment: .center) == " ab  ")
        #expect(DisplayWidth.padded("longer", to: 3, alignment: .left) == "longer")
    }
}

@Suite("SampleSummary")
struct SampleSummaryTests {
    @Test("mean, median, extremes and standard deviation; non-finite values ignored")
    func summary() {
        let summary = SampleSummary([2, 4, 4, 4, 5, 5, 7, 9, .nan, .infinity])
        #expect(summary.count == 8)
        #expect(summary.mean == 5)
        #expect(summary.minimum == 2)
        #expect(summary.maximum == 9)
        #expect(summary.median == 4.5)
        #expect(abs(summary.standardDeviation - 2.138089935299395) < 1e-12)
        #expect(SampleSummary([Double]()).count == 0)
        #expect(SampleSummary([3.0]).standardDeviation == 0)
    }
}
