import Foundation
import KafkaPartitioning

/// Per-rule counts and the match masks of the keyed records read, turned into an ``AuditResult``.
struct AuditAnalysis {
    let partitionCount: Int32
    /// The topic's count as the key rules take it (nil for a topic without partitions, whose
    /// records never arrive).
    private let divisor: PartitionCount?
    let examplesPerRule: Int
    let rules: [(rule: KeyHashing, strategies: [PartitionStrategy])]
    var matched: [Int]
    var examples: [[AuditCounterexample]]
    /// How many keyed records matched exactly the rules in each bit mask.
    var masks: [UInt64: Int] = [:]
    var records = 0
    var keyed = 0
    var nullKeys = 0
    var emptyKeys = 0

    init(partitionCount: Int32, examplesPerRule: Int, rules: [(rule: KeyHashing, strategies: [PartitionStrategy])] = StrategyRegistry.keyRules) {
        self.partitionCount = partitionCount
        divisor = try? PartitionCount(Int(partitionCount))
        self.examplesPerRule = examplesPerRule
        self.rules = Array(rules.prefix(64))
        matched = [Int](repeating: 0, count: self.rules.count)
        examples = [[AuditCounterexample]](repeating: [], count: self.rules.count)
    }

    mutating func add(key: UnsafeRawBufferPointer?, partition: Int32) {
        records += 1
        guard let key else { nullKeys += 1; return }
        guard !key.isEmpty else { emptyKeys += 1; return }
        keyed += 1
        var mask: UInt64 = 0
        for index in rules.indices {
            let predicted = divisor.map { rules[index].rule.partition(key, partitionCount: $0) } ?? -1
            if predicted == partition {
                matched[index] += 1
                mask |= AuditAttribution.bit(index)
            } else if examples[index].count < examplesPerRule {
                examples[index].append(AuditCounterexample(key: displayKey(key), partition: partition, predicted: predicted))
            }
        }
        masks[mask, default: 0] += 1
    }

    func result(topic: String, sample: AuditSamplePlan) -> AuditResult {
        func names(_ index: Int) -> [String] { rules[index].strategies.map(\.name) }
        func formula(_ index: Int) -> String { StrategyDescriptor.formula(rules[index].rule) }
        let chance = partitionCount > 0 ? 1 / Double(partitionCount) : 1
        let candidates = rules.indices.map { index in
            AuditCandidate(
                rule: formula(index), strategies: names(index), matched: matched[index], checked: keyed,
                counterexamples: examples[index],
                pValue: BinomialTest.upperTail(successes: matched[index], trials: keyed, probability: chance))
        }.sorted { $0.matched > $1.matched }

        let attribution = AuditAttribution(masks: masks, ruleCount: rules.count, partitionCount: Int(partitionCount))
        let components = attribution.components.map { found in
            AuditComponent(
                rule: found.rules.map(formula).joined(separator: " ≡ "), strategies: found.rules.flatMap(names),
                share: found.share, records: Int((found.share * Double(keyed)).rounded()),
                exclusiveRecords: found.exclusiveRecords, ambiguousRecords: found.ambiguousRecords,
                testedRecords: found.residualRecords, testedMatches: found.residualMatches, pValue: found.pValue)
        }
        let (verdict, summary) = verdict(components: components, unexplained: attribution.unexplainedRecords, chance: chance)
        return AuditResult(
            topic: topic, partitionCount: Int(partitionCount), records: records, keyedRecords: keyed,
            nullKeyRecords: nullKeys, emptyKeyRecords: emptyKeys, sample: sample,
            candidates: candidates, components: components, unexplainedRecords: attribution.unexplainedRecords,
            ambiguousRecords: attribution.ambiguousRecords, otherShare: attribution.otherShare,
            verdict: verdict, summary: summary)
    }

    private func verdict(components: [AuditComponent], unexplained: Int, chance: Double) -> (AuditVerdict, String) {
        func percent(_ share: Double) -> String { String(format: "%.1f %%", 100 * share) }
        func name(_ component: AuditComponent) -> String { component.strategies.joined(separator: "/") }
        if keyed == 0 {
            return (.inconclusive, "no keyed records: the partitioner cannot be inferred from keys (\(nullKeys) null-key records)")
        }
        if partitionCount <= 1 { return (.inconclusive, "one partition: every partitioner agrees") }
        if components.count > 1 {
            let parts = components.map { "\(name($0)) (≈ \(percent($0.share)), \($0.exclusiveRecords) records only it explains)" }
            return (.mixed, "MIXED: " + parts.joined(separator: " + ") + (unexplained > 0 ? " + \(unexplained) unexplained" : ""))
        }
        guard let single = components.first else {
            let best = matched.max() ?? 0
            return (.unexplained, "no partitioner found: no key rule explains significantly more keyed records than chance (best \(best) of \(keyed), \(percent(Double(best) / Double(keyed))) vs \(percent(chance)) by chance): explicit partitions or a custom partitioner")
        }
        if unexplained > 0 {
            return (.unexplained, "\(name(single)) explains \(keyed - unexplained) of \(keyed); \(unexplained) keyed records fit no known strategy (explicit partitions, a custom partitioner, or a changed partition count)")
        }
        return (.single, "one partitioner: \(single.strategies.joined(separator: ", ")) (all \(keyed) keyed records)")
    }
}
