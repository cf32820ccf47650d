/// Where one key lands under one strategy: the partition when it follows from the key, else
/// how the client chooses. The model behind `kbench partitions --key`.
public struct KeyPlacement: Sendable, Hashable, Codable {
    /// The strategy's registry name.
    public let strategy: String
    /// The client library.
    public let client: String
    /// The partition, or nil when the client chooses at random, round robin or sticky.
    public let partition: Int32?
    /// The formula that placed the key, or how the client chooses instead.
    public let rule: String

    /// Writes every field, `partition` as JSON null when the key does not decide.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(strategy, forKey: .strategy)
        try container.encode(client, forKey: .client)
        try container.encode(partition, forKey: .partition)
        try container.encode(rule, forKey: .rule)
    }

    /// The placement of `key` (nil: a null key) under each of `strategies`.
    public static func placements(
        key: [UInt8]?, partitionCount: PartitionCount, strategies: [PartitionStrategy]
    ) -> [KeyPlacement] {
        strategies.map { strategy in
            let descriptor = strategy.descriptor
            let partition: Int32?
            if let key {
                partition = key.withUnsafeBytes { descriptor.deterministicPartition(key: $0, partitionCount: partitionCount) }
            } else {
                partition = descriptor.deterministicPartition(key: nil, partitionCount: partitionCount)
            }
            let rule: String
            if partition != nil, let keyRule = descriptor.keyRule {
                rule = key == nil ? "null key hashed like empty: \(StrategyDescriptor.formula(keyRule))"
                    : StrategyDescriptor.formula(keyRule)
            } else if descriptor.keyRule == nil {
                rule = "keys ignored: \(descriptor.keyless.summary)"
            } else if key == nil {
                rule = "null key: \(descriptor.keyless.summary)"
            } else {
                rule = "empty key like null: \(descriptor.keyless.summary)"
            }
            return KeyPlacement(strategy: descriptor.name, client: descriptor.client, partition: partition, rule: rule)
        }
    }
}
