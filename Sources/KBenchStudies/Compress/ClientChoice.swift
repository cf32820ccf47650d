import KafkaCompression

/// Which producers a compression study reproduces: `--client librdkafka|java|both`.
package enum ClientChoice: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// librdkafka 2.0.2 only.
    case librdkafka
    /// The Java producer (3.8+) only.
    case java
    /// Both, librdkafka first.
    case both

    /// The clients chosen, in report order.
    package var clients: [ProducerClient] {
        switch self {
        case .librdkafka: [.librdkafka]
        case .java: [.java]
        case .both: ProducerClient.allCases
        }
    }

    /// `librdkafka`, `java` or `both`.
    package var description: String { rawValue }
}
