import KafkaLive
import KBenchWorkloads

/// Where a producer run's keys come from.
package enum ProduceKeys: Sendable, Hashable, CustomStringConvertible {
    /// Null keys (the partitioner's keyless behaviour: sticky, random, round-robin…).
    case none
    /// Generated keys (``KeySpec``), cycled when the run outlasts the spec's count.
    case generated(KeySpec, seed: UInt64)
    /// One key per line of a file (`-` = standard input); a regular file is re-read when the
    /// run outlasts it, standard input ends the run.
    case file(String)

    /// `null keys`, `seq:k:100`, `uuid:10 (seed 1)`, `keys from keys.txt`.
    package var description: String {
        switch self {
        case .none: "null keys"
        case .generated(let spec, let seed): spec.isSeeded ? "\(spec) (seed \(seed))" : spec.description
        case .file(let path): "keys from \(InputPath.displayName(path))"
        }
    }
}

/// When a producer run stops sending.
package enum ProduceLimit: Sendable, Hashable, CustomStringConvertible {
    /// After this many messages.
    case messages(Int)
    /// After this long (then waits for the outstanding reports).
    case duration(Duration)

    /// `100000 messages` / `10 s`.
    package var description: String {
        switch self {
        case .messages(let count): "\(count) messages"
        case .duration(let duration): "\(Double(milliseconds(duration)) / 1000) s"
        }
    }
}

/// Everything a ``ProduceBenchmark`` run needs.
package struct ProduceSettings: Sendable {
    /// The topic produced to.
    package var topic: String
    /// When to stop sending.
    package var limit: ProduceLimit
    /// The keys.
    package var keys: ProduceKeys
    /// The values, cycled.
    package var values: ValuePool
    /// How messages are placed.
    package var partitioner: ProducerPartitioner
    /// librdkafka properties (`bootstrap.servers`, `compression.type`, `acks`, …).
    package var configuration: KafkaConfiguration
    /// Partitions to create the topic with (nil: use the topic as it is, or the cluster's
    /// auto-creation default).
    package var partitions: Int?
    /// The embedded cluster the run talks to, when there is one (topics are created on it
    /// directly).
    package var mockCluster: MockCluster?
    /// Bound on reaching the cluster and learning the topic's metadata.
    package var connectTimeout: Duration
    /// Bound on waiting for the last delivery reports after sending stopped.
    package var flushTimeout: Duration
    /// How often a progress window is reported (kafka-producer-perf-test: 5 s).
    package var reportInterval: Duration
    /// How far sending may run ahead of the delivery reports.
    package var window: SendWindow
    /// Read the clock for every delivery report (`rd_kafka_message_latency`) instead of once
    /// per 16 reports (see ``MessageStamp``).
    package var exactLatency: Bool
    /// How fast messages are offered (`--throughput`).
    package var throughput: ProduceThroughput
    /// librdkafka producer instances sending in parallel, each on its own thread with its own
    /// share of the offered rate and of the message count (`--producers`).
    package var producers: Int
    /// Read the topic back while it is written and measure end-to-end latency
    /// (`--end-to-end`); nil: no consumers.
    package var endToEnd: EndToEndSettings?
    /// Produce in transactions (`--transactional-id`; the producer gets `transactional.id`):
    /// with one producer instance only (one id); nil: no transactions.
    package var transactions: TransactionSettings?

    /// Settings with kafka-producer-perf-test-like defaults.
    package init(
        topic: String,
        limit: ProduceLimit,
        keys: ProduceKeys = .none,
        values: ValuePool = ValuePool(fixedSize: 100, seed: 0),
        partitioner: ProducerPartitioner = .librdkafkaDefault,
        configuration: KafkaConfiguration,
        partitions: Int? = nil,
        mockCluster: MockCluster? = nil,
        connectTimeout: Duration = .seconds(10),
        flushTimeout: Duration = .seconds(60),
        reportInterval: Duration = .seconds(5),
        window: SendWindow = .adaptive,
        exactLatency: Bool = false,
        throughput: ProduceThroughput = .max,
        producers: Int = 1,
        endToEnd: EndToEndSettings? = nil,
        transactions: TransactionSettings? = nil
    ) {
        self.topic = topic
        self.limit = limit
        self.keys = keys
        self.values = values
        self.partitioner = partitioner
        self.configuration = configuration
        self.partitions = partitions
        self.mockCluster = mockCluster
        self.connectTimeout = connectTimeout
        self.flushTimeout = flushTimeout
        self.reportInterval = reportInterval
        self.window = window
        self.exactLatency = exactLatency
        self.throughput = throughput
        self.producers = producers
        self.endToEnd = endToEnd
        self.transactions = transactions
    }
}
