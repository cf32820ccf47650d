/// A key that a candidate rule would have placed elsewhere.
package struct AuditCounterexample: Sendable, Hashable, Codable {
    /// The key (text when printable, else `0x…`).
    package var key: String
    /// The partition the record is in.
    package var partition: Int32
    /// The partition the candidate predicts.
    package var predicted: Int32

    /// A counterexample from its parts.
    package init(key: String, partition: Int32, predicted: Int32) {
        self.key = key
        self.partition = partition
        self.predicted = predicted
    }
}

/// One key rule (and the client strategies that share it) against the records read.
package struct AuditCandidate: Sendable, Hashable, Codable {
    /// The rule's formula, e.g. `(murmur2(key) & 0x7fffffff) % n`.
    package var rule: String
    /// The registry strategies that place keys by this rule.
    package var strategies: [String]
    /// Keyed records whose partition matches the rule.
    package var matched: Int
    /// Keyed records compared.
    package var checked: Int
    /// Keys that break the rule (the first few).
    package var counterexamples: [AuditCounterexample]
    /// The chance of matching at least `matched` of `checked` if the rule had placed no key
    /// (each record matching with chance 1/n): the one-sided exact binomial tail.
    package var pValue: Double

    /// A candidate from its parts.
    package init(rule: String, strategies: [String], matched: Int, checked: Int, counterexamples: [AuditCounterexample], pValue: Double) {
        self.rule = rule
        self.strategies = strategies
        self.matched = matched
        self.checked = checked
        self.counterexamples = counterexamples
        self.pValue = pValue
    }

    /// `matched ÷ checked` (0 when nothing was checked).
    package var share: Double { checked > 0 ? Double(matched) / Double(checked) : 0 }
}

/// One partitioner found to have written part of the topic.
package struct AuditComponent: Sendable, Hashable, Codable {
    /// The rule's formula (rules matching exactly the same records joined by ` ≡ `).
    package var rule: String
    /// Its strategies.
    package var strategies: [String]
    /// Estimated share of the keyed records it wrote (maximum likelihood, ambiguous records split).
    package var share: Double
    /// Estimated records it wrote: `share × keyed records`, rounded.
    package var records: Int
    /// Keyed records only it explains among the partitioners found.
    package var exclusiveRecords: Int
    /// Keyed records it explains that another partitioner found explains too.
    package var ambiguousRecords: Int
    /// Keyed records no earlier-found partitioner explained when it was tested (m).
    package var testedRecords: Int
    /// How many of those it explains (k).
    package var testedMatches: Int
    /// The test's p-value: `P(X ≥ k)` for `X ~ Binomial(m, 1/n)`.
    package var pValue: Double

    /// A component from its parts.
    package init(
        rule: String, strategies: [String], share: Double, records: Int, exclusiveRecords: Int,
        ambiguousRecords: Int, testedRecords: Int, testedMatches: Int, pValue: Double
    ) {
        self.rule = rule
        self.strategies = strategies
        self.share = share
        self.records = records
        self.exclusiveRecords = exclusiveRecords
        self.ambiguousRecords = ambiguousRecords
        self.testedRecords = testedRecords
        self.testedMatches = testedMatches
        self.pValue = pValue
    }
}

/// What the records say about the partitioner(s) that wrote them.
package enum AuditVerdict: String, Sendable, Hashable, Codable {
    /// One key rule explains every keyed record.
    case single
    /// Two or more rules each explain a distinct part of the records: several producers with
    /// different partitioners (the classic Java vs librdkafka vs Sarama mismatch).
    case mixed
    /// No rule explains significantly more than chance, or the rules found leave records no
    /// known strategy explains (explicit partitions, a custom partitioner, or a partition count
    /// that changed while producing).
    case unexplained
    /// Nothing to decide on: no keyed records, or a single partition.
    case inconclusive
}

/// The outcome of auditing a topic.
package struct AuditResult: Sendable, Hashable, Codable {
    /// The topic.
    package var topic: String
    /// Its partition count (the `n` of every prediction).
    package var partitionCount: Int
    /// Records read.
    package var records: Int
    /// Records with a non-empty key (the ones compared).
    package var keyedRecords: Int
    /// Records with a null key.
    package var nullKeyRecords: Int
    /// Records with an empty key (placed differently by different clients; not compared).
    package var emptyKeyRecords: Int
    /// What was read of each partition (windows of offsets).
    package var sample: AuditSamplePlan
    /// Every rule, best share first.
    package var candidates: [AuditCandidate]
    /// The partitioners found, in the order they explain the records.
    package var components: [AuditComponent]
    /// Keyed records no component explains.
    package var unexplainedRecords: Int
    /// Keyed records two or more components explain (split between them by their shares).
    package var ambiguousRecords: Int
    /// Estimated share of keyed records written by none of the components.
    package var otherShare: Double
    /// The verdict.
    package var verdict: AuditVerdict
    /// One sentence saying it.
    package var summary: String

    /// A result from its parts.
    package init(
        topic: String, partitionCount: Int, records: Int, keyedRecords: Int, nullKeyRecords: Int, emptyKeyRecords: Int,
        sample: AuditSamplePlan, candidates: [AuditCandidate], components: [AuditComponent], unexplainedRecords: Int,
        ambiguousRecords: Int, otherShare: Double, verdict: AuditVerdict, summary: String
    ) {
        self.topic = topic
        self.partitionCount = partitionCount
        self.records = records
        self.keyedRecords = keyedRecords
        self.nullKeyRecords = nullKeyRecords
        self.emptyKeyRecords = emptyKeyRecords
        self.sample = sample
        self.candidates = candidates
        self.components = components
        self.unexplainedRecords = unexplainedRecords
        self.ambiguousRecords = ambiguousRecords
        self.otherShare = otherShare
        self.verdict = verdict
        self.summary = summary
    }

    /// Whether every partition was read to its end (false: a sample).
    package var readWholeTopic: Bool { sample.wholeTopic }

    /// The share a rule reaches by chance on keys it did not place: 1 / partitions.
    package var chanceShare: Double { partitionCount > 0 ? 1 / Double(partitionCount) : 0 }
}
