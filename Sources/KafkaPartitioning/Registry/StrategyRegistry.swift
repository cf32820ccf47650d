/// Every client strategy kbench reproduces, by stable name.
///
/// Names are `<client>` or `<client>:<strategy>` and never change once published; reports,
/// the golden vectors and the CLI refer to them.
public enum StrategyRegistry {
    /// All strategies, in the order tables list them (client by client).
    public static let all: [PartitionStrategy] = [
        PartitionStrategy(JavaBuiltInPartitioner.self),
        PartitionStrategy(JavaRoundRobinPartitioner.self),
        PartitionStrategy(JavaStickyPartitioner.self),
        PartitionStrategy(JavaUniformStickyPartitioner.self),
        PartitionStrategy(LibrdkafkaRandomPartitioner.self),
        PartitionStrategy(LibrdkafkaConsistentPartitioner.self),
        PartitionStrategy(LibrdkafkaConsistentRandomPartitioner.self),
        PartitionStrategy(LibrdkafkaMurmur2Partitioner.self),
        PartitionStrategy(LibrdkafkaMurmur2RandomPartitioner.self),
        PartitionStrategy(LibrdkafkaFNV1aPartitioner.self),
        PartitionStrategy(LibrdkafkaFNV1aRandomPartitioner.self),
        PartitionStrategy(SaramaHashPartitioner.self),
        PartitionStrategy(SaramaReferenceHashPartitioner.self),
        PartitionStrategy(SaramaConsistentCRCPartitioner.self),
        PartitionStrategy(SaramaCustomCRC32Partitioner.self),
        PartitionStrategy(SaramaMurmur2Partitioner.self),
        PartitionStrategy(FranzGoKafkaPartitioner.self),
        PartitionStrategy(FranzGoSaramaPartitioner.self),
        PartitionStrategy(FranzGoSaramaCompatPartitioner.self),
        PartitionStrategy(KafkaGoHashBalancer.self),
        PartitionStrategy(KafkaGoLegacyHashBalancer.self),
        PartitionStrategy(KafkaGoReferenceHashBalancer.self),
        PartitionStrategy(KafkaGoCRC32Balancer.self),
        PartitionStrategy(KafkaGoConsistentCRC32Balancer.self),
        PartitionStrategy(KafkaGoMurmur2Balancer.self),
        PartitionStrategy(KafkaGoConsistentMurmur2Balancer.self),
        PartitionStrategy(KafkaJSDefaultPartitioner.self),
        PartitionStrategy(KafkaJSLegacyPartitioner.self),
        PartitionStrategy(KafkaPythonDefaultPartitioner.self),
    ]

    /// Every registered name, in table order.
    public static var names: [String] { all.map(\.name) }

    /// The strategies whose non-null keys are placed by the key alone.
    public static var keyDeterministic: [PartitionStrategy] { all.filter(\.isKeyDeterministic) }

    /// The strategy named `name` (exact, case-sensitive), or nil.
    public static func strategy(named name: String) -> PartitionStrategy? {
        all.first { $0.name == name }
    }

    /// Resolves a CLI selection: `all`, or names separated by commas (spaces trimmed,
    /// duplicates dropped, order kept). Throws ``PartitioningError/unknownStrategy(_:valid:)``
    /// naming the first unknown name and listing the valid ones.
    public static func select(_ selection: String) throws(PartitioningError) -> [PartitionStrategy] {
        let trimmed = selection.trimmingSpaces()
        if trimmed == "all" { return all }
        var chosen: [PartitionStrategy] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: true) {
            let name = String(part).trimmingSpaces()
            guard let strategy = strategy(named: name) else {
                throw .unknownStrategy(name, valid: names + ["all"])
            }
            if !chosen.contains(strategy) { chosen.append(strategy) }
        }
        guard !chosen.isEmpty else { throw .unknownStrategy(trimmed, valid: names + ["all"]) }
        return chosen
    }

    /// The distinct key rules of the key-deterministic strategies, in first-use order, with the
    /// strategies that follow each.
    public static var keyRules: [(rule: KeyHashing, strategies: [PartitionStrategy])] {
        var result: [(rule: KeyHashing, strategies: [PartitionStrategy])] = []
        for strategy in keyDeterministic {
            guard let rule = strategy.keyRule else { continue }
            if let index = result.firstIndex(where: { $0.rule == rule }) {
                result[index].strategies.append(strategy)
            } else {
                result.append((rule, [strategy]))
            }
        }
        return result
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
