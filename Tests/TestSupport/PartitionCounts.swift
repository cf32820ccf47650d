import KafkaPartitioning

extension PartitionCount {
    /// A count a test spells as a constant (`.valid(12)`); an invalid one stops the test run.
    ///
    /// Not `ExpressibleByIntegerLiteral`: with it, `try PartitionCount(0)` would compile as a
    /// literal coercion (SE-0213) that traps instead of throwing.
    package static func valid(_ value: Int) -> PartitionCount {
        do { return try PartitionCount(value) } catch { preconditionFailure("test constant: \(error)") }
    }
}
