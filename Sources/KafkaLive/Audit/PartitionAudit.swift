import KafkaPartitioning

/// Reads a topic (or a sample of it) and infers which partitioner(s) wrote it: for each key
/// rule of the registry, the share of keyed records whose partition it predicts; then a
/// greedy cover finds the fewest rules that explain the records (one: a single partitioner;
/// several: producers with different partitioners wrote to the same topic).
public enum PartitionAudit {
    /// What to read and how.
    public struct Settings: Sendable {
        /// The topic.
        public var topic: String
        /// Read at most this many records, spread evenly over the partitions (nil: all).
        public var maxRecords: Int?
        /// librdkafka properties (`bootstrap.servers`, security, …).
        public var configuration: KafkaConfiguration
        /// Bound on reaching the cluster and on each wait for records.
        public var timeout: Duration
        /// Counterexamples kept per rule.
        public var examplesPerRule: Int

        /// Settings for `topic`.
        public init(topic: String, maxRecords: Int? = nil, configuration: KafkaConfiguration, timeout: Duration = .seconds(10), examplesPerRule: Int = 3) {
            self.topic = topic
            self.maxRecords = maxRecords
            self.configuration = configuration
            self.timeout = timeout
            self.examplesPerRule = examplesPerRule
        }
    }

    /// Consumes and analyses the topic.
    public static func run(_ settings: Settings) throws(KafkaLiveError) -> AuditResult {
        let timeout = milliseconds(settings.timeout)
        let client = try KafkaProducer(configuration: settings.configuration)
        _ = try client.metadata(timeoutMilliseconds: timeout)
        let partitionCount = try client.metadata(topic: settings.topic, timeoutMilliseconds: timeout).topicPartitionCount ?? 0
        var analysis = Analysis(partitionCount: Int32(partitionCount), examplesPerRule: settings.examplesPerRule)

        // Where each partition starts and ends, and how much of it to read.
        var ranges: [Int32: (next: Int64, end: Int64)] = [:]
        var available: [Int32: Int64] = [:]
        for partition in 0..<Int32(partitionCount) {
            let (low, high) = try client.watermarks(topic: settings.topic, partition: partition, timeoutMilliseconds: timeout)
            if high > low { available[partition] = high - low; ranges[partition] = (low, high) }
        }
        let quotas = Self.quotas(available: available, maxRecords: settings.maxRecords)
        var readWholeTopic = true
        for (partition, quota) in quotas where quota < (available[partition] ?? 0) {
            readWholeTopic = false
            if let range = ranges[partition] { ranges[partition] = (range.next, range.next + quota) }
        }
        ranges = ranges.filter { $0.value.end > $0.value.next }

        if !ranges.isEmpty {
            let consumer = try KafkaConsumer(configuration: settings.configuration.setting("enable.partition.eof", "false"))
            defer { try? consumer.close() }
            for (partition, range) in ranges {
                try consumer.assign(topic: settings.topic, partitions: [partition], from: .offset(range.next), incremental: true)
            }
            var remaining = ranges
            let clock = ContinuousClock()
            var lastProgress = clock.now
            while !remaining.isEmpty {
                let outcome = try consumer.poll(timeoutMilliseconds: 200) { message in
                    guard let range = remaining[message.partition], message.offset < range.end else { return }
                    analysis.add(key: message.key, partition: message.partition)
                    if message.offset + 1 >= range.end {
                        remaining[message.partition] = nil
                    } else {
                        remaining[message.partition] = (message.offset + 1, range.end)
                    }
                }
                if outcome == .message {
                    lastProgress = clock.now
                } else if lastProgress.duration(to: clock.now) > settings.timeout {
                    throw .timedOut(operation: "reading \(settings.topic) (\(remaining.count) partitions unfinished)", milliseconds: timeout)
                }
            }
        }
        return analysis.result(topic: settings.topic, readWholeTopic: readWholeTopic)
    }

    /// Records to read per partition: everything, or `maxRecords` spread evenly (a partition
    /// with fewer records leaves its share to the others).
    static func quotas(available: [Int32: Int64], maxRecords: Int?) -> [Int32: Int64] {
        guard let maxRecords else { return available }
        var quotas: [Int32: Int64] = [:]
        var left = Int64(Swift.max(0, maxRecords))
        var open = available.keys.sorted()
        while left > 0, !open.isEmpty {
            let share = Swift.max(1, left / Int64(open.count))
            var stillOpen: [Int32] = []
            for partition in open where left > 0 {
                let room = (available[partition] ?? 0) - (quotas[partition] ?? 0)
                let take = Swift.min(share, room, left)
                quotas[partition, default: 0] += take
                left -= take
                if take == room { continue }
                stillOpen.append(partition)
            }
            open = stillOpen
        }
        return quotas
    }
}

/// Per-rule counts and the match masks of the keyed records.
struct Analysis {
    let partitionCount: Int32
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
            let predicted = rules[index].rule.partition(key, partitionCount: partitionCount)
            if predicted == partition {
                matched[index] += 1
                mask |= 1 << UInt64(index)
            } else if examples[index].count < examplesPerRule {
                examples[index].append(AuditCounterexample(key: displayKey(key), partition: partition, predicted: predicted))
            }
        }
        masks[mask, default: 0] += 1
    }

    /// Smallest group of records a second partitioner must explain to count as one.
    static let minimumComponent = 5
    /// Share of the still unexplained records a rule must explain to count as a component.
    static let componentShare = 0.95

    func result(topic: String, readWholeTopic: Bool) -> AuditResult {
        func names(_ index: Int) -> [String] { rules[index].strategies.map(\.name) }
        func formula(_ index: Int) -> String { StrategyDescriptor.formula(rules[index].rule) }
        let candidates = rules.indices.map { index in
            AuditCandidate(rule: formula(index), strategies: names(index), matched: matched[index], checked: keyed, counterexamples: examples[index])
        }.sorted { $0.matched > $1.matched }

        // Greedy cover over the match masks.
        var remaining = masks
        var components: [AuditComponent] = []
        var used = Set<Int>()
        while true {
            let left = remaining.values.reduce(0, +)
            guard left > 0 else { break }
            var best = -1
            var bestCount = 0
            for index in rules.indices where !used.contains(index) {
                let count = remaining.reduce(0) { $0 + ($1.key & (1 << UInt64(index)) != 0 ? $1.value : 0) }
                if count > bestCount { best = index; bestCount = count }
            }
            guard best >= 0 else { break }
            let isFirst = components.isEmpty
            guard isFirst || (bestCount >= Self.minimumComponent && Double(bestCount) >= Self.componentShare * Double(left)) else { break }
            // Rules that explain exactly the same records are one component (indistinguishable here).
            let bit: UInt64 = 1 << UInt64(best)
            var twins = [best]
            for index in rules.indices where index != best && !used.contains(index) {
                let otherBit: UInt64 = 1 << UInt64(index)
                if remaining.allSatisfy({ ($0.key & bit != 0) == ($0.key & otherBit != 0) }) { twins.append(index) }
            }
            twins.forEach { used.insert($0) }
            components.append(AuditComponent(
                rule: twins.map(formula).joined(separator: " ≡ "), strategies: twins.flatMap(names), records: bestCount))
            remaining = remaining.filter { $0.key & bit == 0 }
        }
        let unexplained = remaining.values.reduce(0, +)

        let verdict: AuditVerdict
        let summary: String
        if keyed == 0 {
            verdict = .inconclusive
            summary = "no keyed records: the partitioner cannot be inferred from keys (\(nullKeys) null-key records)"
        } else if partitionCount <= 1 {
            verdict = .inconclusive
            summary = "one partition: every partitioner agrees"
        } else if components.count > 1 {
            verdict = .mixed
            summary = "MIXED: " + components.map { component in
                "\(component.strategies.joined(separator: "/")) (\(component.records) records)"
            }.joined(separator: " + ") + (unexplained > 0 ? " + \(unexplained) unexplained" : "")
        } else if unexplained > 0 || components.isEmpty {
            verdict = .unexplained
            let best = components.first.map { "\($0.strategies.joined(separator: "/")) explains \($0.records) of \(keyed)" } ?? "no rule explains any"
            summary = "\(best); \(unexplained) keyed records fit no known strategy (explicit partitions, a custom partitioner, or a changed partition count)"
        } else {
            verdict = .single
            summary = "one partitioner: \(components[0].strategies.joined(separator: ", ")) (all \(keyed) keyed records)"
        }
        return AuditResult(
            topic: topic, partitionCount: Int(partitionCount), records: records, keyedRecords: keyed,
            nullKeyRecords: nullKeys, emptyKeyRecords: emptyKeys, readWholeTopic: readWholeTopic,
            candidates: candidates, components: components, unexplainedRecords: unexplained,
            verdict: verdict, summary: summary)
    }
}
