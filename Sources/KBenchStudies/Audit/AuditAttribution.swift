/// Which key rules wrote the keyed records, and in what shares, from the records' match masks
/// (bit `i` set: rule `i` predicts the record's partition).
///
/// 1. Rules are found one at a time: among the records no found rule explains yet (m), the
///    rule explaining the most (k) is found when k is significantly above chance (one-sided
///    exact binomial test against 1/n at ``familyAlpha`` ÷ rules, Bonferroni); rules matching
///    exactly the same records join it (indistinguishable). A found rule that ends up
///    explaining no record alone among the found rules is dropped.
/// 2. Shares are maximum-likelihood estimates (EM over the masks restricted to the found
///    rules): a record written by rule r matches r surely and every other found rule
///    independently with chance 1/n; an "other" component (unexplained records) matches every
///    rule by chance only. A record several found rules explain is thus split by the shares,
///    not given to the first rule (the greedy bias).
struct AuditAttribution {
    /// The probability of calling a rule found when chance alone placed every key (all rules together).
    static let familyAlpha = 1e-6

    /// A found rule (with its indistinguishable twins).
    struct Component: Equatable {
        /// The rule indices, the first the representative.
        var rules: [Int]
        /// Records no earlier found rule explained when it was found (m), and how many of them it explains (k).
        var residualRecords: Int
        var residualMatches: Int
        /// The test's p-value for k of m.
        var pValue: Double
        /// Estimated share of the keyed records.
        var share = 0.0
        /// Records only it explains among the found rules.
        var exclusiveRecords = 0
        /// Records it explains that another found rule explains too.
        var ambiguousRecords = 0
    }

    var components: [Component] = []
    /// Estimated share of keyed records written by no found rule.
    var otherShare = 0.0
    /// Records at least two found rules explain.
    var ambiguousRecords = 0
    /// Records no found rule explains.
    var unexplainedRecords = 0

    /// The attribution of `masks` (count of records per match mask) over `ruleCount` rules
    /// and `partitionCount` partitions.
    init(masks: [UInt64: Int], ruleCount: Int, partitionCount: Int) {
        let chance = partitionCount > 0 ? 1 / Double(partitionCount) : 1
        let threshold = Self.familyAlpha / Double(Swift.max(1, ruleCount))
        var remaining = masks.filter { $0.value > 0 }
        var used = Set<Int>()
        while true {
            let left = remaining.values.reduce(0, +)
            guard left > 0, chance < 1 else { break }
            var best = -1
            var bestCount = 0
            for index in 0..<ruleCount where !used.contains(index) {
                let count = Self.count(remaining, matching: Self.bit(index))
                if count > bestCount { best = index; bestCount = count }
            }
            guard best >= 0 else { break }
            let pValue = BinomialTest.upperTail(successes: bestCount, trials: left, probability: chance)
            guard pValue < threshold else { break }
            let bestBit = Self.bit(best)
            let twins = [best] + (0..<ruleCount).filter { index in
                index != best && !used.contains(index)
                    && remaining.keys.allSatisfy { ($0 & bestBit != 0) == ($0 & Self.bit(index) != 0) }
            }
            used.formUnion(twins)
            components.append(Component(rules: twins, residualRecords: left, residualMatches: bestCount, pValue: pValue))
            remaining = remaining.filter { $0.key & bestBit == 0 }
        }
        dropComponentsWithoutExclusiveRecords(masks)
        countExplanations(masks)
        estimateShares(masks, chance: chance)
    }

    static func bit(_ index: Int) -> UInt64 { 1 << UInt64(index) }

    static func count(_ masks: [UInt64: Int], matching bit: UInt64) -> Int {
        masks.reduce(0) { $0 + ($1.key & bit != 0 ? $1.value : 0) }
    }

    /// The found-rule bits of each component, in order.
    private var componentBits: [UInt64] { components.map { Self.bit($0.rules[0]) } }

    /// Condition (b): every found rule explains a record no other found rule does. The latest
    /// found rule without one goes first, then the check repeats.
    private mutating func dropComponentsWithoutExclusiveRecords(_ masks: [UInt64: Int]) {
        while let index = components.indices.last(where: { exclusive($0, masks) == 0 }) {
            components.remove(at: index)
        }
    }

    private func exclusive(_ index: Int, _ masks: [UInt64: Int]) -> Int {
        let bits = componentBits
        let own = bits[index]
        let others = bits.enumerated().reduce(UInt64(0)) { $0 | ($1.offset == index ? 0 : $1.element) }
        return masks.reduce(0) { $0 + ($1.key & own != 0 && $1.key & others == 0 ? $1.value : 0) }
    }

    private mutating func countExplanations(_ masks: [UInt64: Int]) {
        let bits = componentBits
        let all = bits.reduce(0, |)
        for index in components.indices {
            components[index].exclusiveRecords = exclusive(index, masks)
            components[index].ambiguousRecords = Self.count(masks, matching: bits[index]) - components[index].exclusiveRecords
        }
        ambiguousRecords = masks.reduce(0) { $0 + (($1.key & all).nonzeroBitCount > 1 ? $1.value : 0) }
        unexplainedRecords = masks.reduce(0) { $0 + ($1.key & all == 0 ? $1.value : 0) }
    }

    /// Maximum-likelihood shares by EM. Given a record matching the found rules `M`, the
    /// chance that component r wrote it is ∝ share(r) for r in M (the chance factors of the
    /// other rules are the same for every r), and ∝ share(other) × 1/n for "other"; an
    /// empty `M` is "other"'s alone.
    private mutating func estimateShares(_ masks: [UInt64: Int], chance: Double) {
        let bits = componentBits
        guard !bits.isEmpty else { otherShare = masks.isEmpty ? 0 : 1; return }
        var cells: [UInt64: Int] = [:]
        for (mask, count) in masks {
            var restricted: UInt64 = 0
            for (index, bit) in bits.enumerated() where mask & bit != 0 { restricted |= Self.bit(index) }
            cells[restricted, default: 0] += count
        }
        let total = Double(cells.values.reduce(0, +))
        guard total > 0 else { return }
        let result = Self.maximumLikelihoodShares(cells: cells, components: bits.count, chance: chance)
        for index in components.indices { components[index].share = result.shares[index] }
        otherShare = result.other
    }

    /// EM for the shares of `components` rules plus "other", from record counts per mask
    /// over those rules (bit i: rule i matches). Iterates until no share moves by 1e-12.
    static func maximumLikelihoodShares(cells: [UInt64: Int], components: Int, chance: Double) -> (shares: [Double], other: Double) {
        let total = Double(cells.values.reduce(0, +))
        guard total > 0 else { return ([Double](repeating: 0, count: components), 0) }
        var shares = [Double](repeating: 1 / Double(components + 1), count: components)
        var other = 1 / Double(components + 1)
        for _ in 0..<100_000 {
            var next = [Double](repeating: 0, count: components)
            var nextOther = 0.0
            for (mask, count) in cells {
                let weight = Double(count)
                let otherWeight = mask == 0 ? 1 : other * chance
                var sum = otherWeight
                for index in 0..<components where mask & bit(index) != 0 { sum += shares[index] }
                guard sum > 0 else { continue }
                for index in 0..<components where mask & bit(index) != 0 { next[index] += weight * shares[index] / sum }
                nextOther += weight * otherWeight / sum
            }
            next = next.map { $0 / total }
            nextOther /= total
            let moved = zip(next, shares).map { Swift.abs($0 - $1) }.max() ?? 0
            shares = next
            let otherMoved = Swift.abs(nextOther - other)
            other = nextOther
            if Swift.max(moved, otherMoved) < 1e-12 { break }
        }
        return (shares, other)
    }
}
