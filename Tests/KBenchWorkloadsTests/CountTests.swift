import KBenchWorkloads
import Testing

@Suite("Count: the one count parser of key specs and count options")
struct CountTests {
    @Test("digits, separators and k/M/G suffixes (decimal)", arguments: [
        ("1000", 1000), ("1_000", 1000), ("1,000", 1000), ("10k", 10_000), ("10K", 10_000), ("1M", 1_000_000),
        ("1m", 1_000_000), ("2G", 2_000_000_000), (" 7 ", 7), ("0", 0), ("-5", -5), ("+3k", 3000), ("-1M", -1_000_000),
    ])
    func parses(text: String, value: Int) throws {
        #expect(try Count.parse(text) == value)
    }

    @Test("what is not a count", arguments: ["", "k", "-", "1.5M", "10 messages", "1T", "0x10", "--duration"])
    func rejects(text: String) {
        #expect(throws: CountError(input: text, reason: .notANumber)) { try Count.parse(text) }
    }

    @Test("too large for an Int", arguments: ["99999999999999999999", "9223372036854775807G", "10000000000G"])
    func tooLarge(text: String) {
        #expect(throws: CountError(input: text, reason: .tooLarge)) { try Count.parse(text) }
    }

    @Test("printing and ranges")
    func formatAndRanges() {
        #expect([1_000_000, 12_000, 1500, 0, 3_000_000_000].map(Count.format) == ["1M", "12k", "1500", "0", "3G"])
        #expect(Count.describe(1...100_000) == "1…100000")
        #expect(Count.describe(1...Int.max) == "≥ 1")
        #expect(CountError(input: "x", reason: .notANumber).description.hasPrefix("'x' is not a count (digits"))
    }

    @Test("key specs read counts with the same parser; a negative count is out of range")
    func keySpecCounts() throws {
        #expect(try KeySpec(parsing: "seq:user-:1M").count == 1_000_000)
        #expect(try KeySpec(parsing: "zipf:1.1:100k:1_000").description == "zipf:1.1:100000:1000")
        #expect(throws: KeySpecError(spec: "uuid:-5", reason: .outOfRange(field: "N", text: "-5", allowed: "at least 0"))) {
            try KeySpec(parsing: "uuid:-5")
        }
    }
}
