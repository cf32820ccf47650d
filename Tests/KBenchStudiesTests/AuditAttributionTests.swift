import Foundation
import KafkaLive
import Testing
@testable import KBenchStudies

@Suite("Audit statistics: binomial test, found rules, maximum-likelihood shares")
struct AuditAttributionTests {
    /// `P(X ≥ k)` by summing every term (small trials only).
    static func directTail(_ k: Int, _ trials: Int, _ p: Double) -> Double {
        (k...Swift.max(k, trials)).reduce(0.0) { sum, i in
            i > trials ? sum : sum + exp(BinomialTest.logMass(i, trials: trials, probability: p))
        }
    }

    @Test("the exact binomial tail: small cases by hand, and every k of 60 trials against the direct sum")
    func binomialTail() {
        #expect(Swift.abs(BinomialTest.upperTail(successes: 3, trials: 3, probability: 0.5) - 0.125) < 1e-15)
        #expect(Swift.abs(BinomialTest.upperTail(successes: 2, trials: 3, probability: 0.5) - 0.5) < 1e-15)
        #expect(Swift.abs(BinomialTest.upperTail(successes: 1, trials: 3, probability: 0.5) - 0.875) < 1e-15)
        #expect(BinomialTest.upperTail(successes: 0, trials: 3, probability: 0.5) == 1)
        #expect(BinomialTest.upperTail(successes: 4, trials: 3, probability: 0.5) == 0)
        for k in 1...60 {
            let expected = Self.directTail(k, 60, 1.0 / 12)
            #expect(Swift.abs(BinomialTest.upperTail(successes: k, trials: 60, probability: 1.0 / 12) - expected) <= 1e-9 * expected, "k = \(k)")
        }
        // The case: 1679 of 19812 against 1/12 is chance (z ≈ 0.72).
        let chance = BinomialTest.upperTail(successes: 1679, trials: 19812, probability: 1.0 / 12)
        #expect(chance > 0.2 && chance < 0.3)
    }

    @Test("maximum likelihood: counts drawn exactly from the model give back its shares")
    func exactShares() {
        // n = 4; A 50 %, B 25 %, other 25 %: cells none 9/64, A only 27/64, B only 15/64, both 13/64.
        let mixed = AuditAttribution.maximumLikelihoodShares(cells: [0b00: 900, 0b01: 2700, 0b10: 1500, 0b11: 1300], components: 2, chance: 0.25)
        #expect(Swift.abs(mixed.shares[0] - 0.5) < 1e-9 && Swift.abs(mixed.shares[1] - 0.25) < 1e-9 && Swift.abs(mixed.other - 0.25) < 1e-9)
        // No other writer: A 75 %, B 25 %: A only 9/16, B only 3/16, both 1/4.
        let pair = AuditAttribution.maximumLikelihoodShares(cells: [0b01: 900, 0b10: 300, 0b11: 400], components: 2, chance: 0.25)
        #expect(Swift.abs(pair.shares[0] - 0.75) < 1e-6 && Swift.abs(pair.shares[1] - 0.25) < 1e-6 && pair.other < 1e-6)
    }

    @Test("records both rules explain are split by the shares, not given to the first rule found")
    func noGreedyBias() {
        // 12 partitions, 1000 keys each from A (bit 0) and B (bit 1): 1/12 of each matches the other rule.
        let masks: [UInt64: Int] = [0b01: 917, 0b10: 917, 0b11: 166]
        let attribution = AuditAttribution(masks: masks, ruleCount: 2, partitionCount: 12)
        #expect(attribution.components.map(\.rules) == [[0], [1]])
        #expect(attribution.components.allSatisfy { Swift.abs($0.share - 0.5) < 1e-6 })
        #expect(attribution.components.map(\.exclusiveRecords) == [917, 917])
        #expect(attribution.components.map(\.ambiguousRecords) == [166, 166])
        #expect(attribution.ambiguousRecords == 166 && attribution.unexplainedRecords == 0)
    }

    @Test("chance is not a finding: k of m against 1/n must pass p < 1e-6 ÷ rules")
    func significance() {
        // Rule 0 matches 1000 of 12000 (exactly chance), rule 1 990: nothing found.
        let chance = AuditAttribution(masks: [0b01: 1000, 0b10: 990, 0b00: 10010], ruleCount: 2, partitionCount: 12)
        #expect(chance.components.isEmpty)
        #expect(chance.unexplainedRecords == 12000 && chance.otherShare == 1)
        // 1200 of 12000 (z ≈ 6.6, p ≈ 2e-11): found.
        let real = AuditAttribution(masks: [0b01: 1200, 0b00: 10800], ruleCount: 2, partitionCount: 12)
        #expect(real.components.map(\.rules) == [[0]])
        #expect(real.components[0].residualMatches == 1200 && real.components[0].residualRecords == 12000)
        #expect(real.components[0].pValue < 1e-6 / 2)
    }

    @Test("a rule found first but fully explained by later ones is dropped; identical rules join")
    func exclusiveAndTwins() {
        // Rule 0 explains 1000 records; rules 1 and 2 each explain half of them plus 300 of their own.
        let covered = AuditAttribution(masks: [0b011: 500, 0b101: 500, 0b010: 300, 0b100: 300], ruleCount: 3, partitionCount: 12)
        #expect(covered.components.map(\.rules) == [[1], [2]])
        // Rules 0 and 2 match exactly the same records: one component.
        let twins = AuditAttribution(masks: [0b101: 900, 0b010: 100], ruleCount: 3, partitionCount: 12)
        #expect(twins.components.first?.rules == [0, 2])
    }
}
