import KafkaLive

/// How `kbench produce --end-to-end` reads the topic back (``ProduceSettings/endToEnd``).
package struct EndToEndSettings: Sendable, Hashable {
    /// Consumers (one thread and one librdkafka consumer each), the topic's partitions dealt
    /// among them in turn.
    package var consumers: Int
    /// After the last delivery report, the consumers stop once this long passes with nothing
    /// new read (or when every delivered record was read).
    package var tailIdleTimeout: Duration
    /// After the last delivery report, the consumers stop after this long at most.
    package var tailLimit: Duration
    /// With `--backlog`: the consumers start paused until this backlog is built; nil: they
    /// read from the first send.
    package var backlog: BacklogSettings?

    /// In a transactional run, once the consumers have accounted for as many offsets as records
    /// were delivered, they read on until nothing new came for this long: transaction markers
    /// take offsets too, so the count can reach the target before the last committed records.
    static let transactionalSettle: Duration = .milliseconds(500)

    /// Settings with one consumer and a tail wait of at most 5 s idle, 60 s in all.
    package init(
        consumers: Int = 1, tailIdleTimeout: Duration = .seconds(5), tailLimit: Duration = .seconds(60), backlog: BacklogSettings? = nil
    ) {
        self.consumers = Swift.max(1, consumers)
        self.tailIdleTimeout = tailIdleTimeout
        self.tailLimit = tailLimit
        self.backlog = backlog
    }

    /// Property prefixes of the producer's configuration a consumer takes over (connection,
    /// security, logging, fetching); the rest (acks, linger.ms, compression, …) is the
    /// producer's.
    static let sharedPropertyPrefixes = [
        "bootstrap.servers", "metadata.broker.list", "security.", "sasl.", "ssl.", "ssl_", "enable.ssl", "socket.",
        "broker.", "client.", "log_level", "log.", "debug", "api.version", "reconnect.", "connections.max.idle.ms",
        "topic.metadata.", "metadata.", "fetch.", "queued.", "max.partition.fetch.bytes", "receive.message.max.bytes",
        "check.crcs", "isolation.level", "auto.offset.reset",
    ]

    /// The consumers' configuration from the producer's: the shared properties, records read
    /// from the earliest offset still held when a position is gone (so records the cluster
    /// dropped show as skipped offsets, not a jump to the end) and, on the embedded cluster,
    /// `fetch.wait.max.ms=1` unless set: librdkafka's mock cluster answers a fetch that finds
    /// nothing only after the whole wait (500 ms by default), not when data arrives as a broker
    /// does, so a record arriving meanwhile waits for the rest of it.
    /// In a transactional run (`readCommitted`) they read with `isolation.level=read_committed`.
    static func consumerConfiguration(from producer: KafkaConfiguration, embedded: Bool, readCommitted: Bool = false) -> KafkaConfiguration {
        var properties = producer.properties.filter { key, _ in sharedPropertyPrefixes.contains { key.hasPrefix($0) } }
        if properties["auto.offset.reset"] == nil { properties["auto.offset.reset"] = "earliest" }
        properties["enable.partition.eof"] = "false"
        if readCommitted { properties["isolation.level"] = "read_committed" }
        if embedded && properties["fetch.wait.max.ms"] == nil { properties["fetch.wait.max.ms"] = "1" }
        return KafkaConfiguration(properties)
    }
}
