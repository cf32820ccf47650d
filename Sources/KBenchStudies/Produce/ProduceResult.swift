import KafkaLive
import KafkaPartitioning
/// Latency figures of delivered messages, in milliseconds (from the HdrHistogram of
/// enqueue → delivery-report times).
public struct LatencySummary: Sendable, Hashable, Codable {
    /// Messages measured.
    public var count: Int
    /// Mean latency.
    public var averageMilliseconds: Double
    /// Largest latency.
    public var maximumMilliseconds: Double
    /// 50th percentile.
    public var p50Milliseconds: Double
    /// 95th percentile.
    public var p95Milliseconds: Double
    /// 99th percentile.
    public var p99Milliseconds: Double
    /// 99.9th percentile.
    public var p999Milliseconds: Double

    /// A summary from its parts.
    public init(count: Int, averageMilliseconds: Double, maximumMilliseconds: Double, p50Milliseconds: Double,
                p95Milliseconds: Double, p99Milliseconds: Double, p999Milliseconds: Double) {
        self.count = count
        self.averageMilliseconds = averageMilliseconds
        self.maximumMilliseconds = maximumMilliseconds
        self.p50Milliseconds = p50Milliseconds
        self.p95Milliseconds = p95Milliseconds
        self.p99Milliseconds = p99Milliseconds
        self.p999Milliseconds = p999Milliseconds
    }

    /// No measurement.
    public static let empty = LatencySummary(count: 0, averageMilliseconds: 0, maximumMilliseconds: 0, p50Milliseconds: 0,
                                             p95Milliseconds: 0, p99Milliseconds: 0, p999Milliseconds: 0)
}

/// One progress window (kafka-producer-perf-test prints one every 5 s).
public struct ProduceWindow: Sendable, Hashable, Codable {
    /// Messages delivered in the window.
    public var records: Int
    /// Value bytes delivered in the window.
    public var bytes: Int
    /// The window's length in seconds.
    public var seconds: Double
    /// Mean latency in the window (ms).
    public var averageLatencyMilliseconds: Double
    /// Largest latency in the window (ms).
    public var maximumLatencyMilliseconds: Double

    /// A window from its parts.
    public init(records: Int, bytes: Int, seconds: Double, averageLatencyMilliseconds: Double, maximumLatencyMilliseconds: Double) {
        self.records = records
        self.bytes = bytes
        self.seconds = seconds
        self.averageLatencyMilliseconds = averageLatencyMilliseconds
        self.maximumLatencyMilliseconds = maximumLatencyMilliseconds
    }

    /// Records per second.
    public var recordsPerSecond: Double { Rate.perSecond(records, over: seconds) }
    /// MB (1024 × 1024 bytes) per second.
    public var megabytesPerSecond: Double { Rate.megabytesPerSecond(bytes, over: seconds) }
}

/// A delivery-report partition that differs from kbench's prediction.
public struct PartitionMismatch: Sendable, Hashable, Codable {
    /// The key, as text when printable, else `0x…` hex.
    public var key: String
    /// The partition kbench predicted.
    public var predicted: Int32
    /// The partition the delivery report named.
    public var delivered: Int32

    /// A mismatch from its parts.
    public init(key: String, predicted: Int32, delivered: Int32) {
        self.key = key
        self.predicted = predicted
        self.delivered = delivered
    }
}

/// Every delivery report's partition against the chosen strategy's prediction.
public struct PartitionCheck: Sendable, Hashable, Codable {
    /// The registry strategy predictions come from (nil: none applies).
    public var strategy: String?
    /// Reports whose partition was predicted and compared.
    public var checked: Int
    /// Compared reports that matched.
    public var matched: Int
    /// Compared reports that did not.
    public var mismatched: Int
    /// Delivered messages the strategy places by state, not by key (null keys under a
    /// sticky or random strategy; every message under a keyless one): not predictable per
    /// record, so not counted as mismatches.
    public var notPredictable: Int
    /// The first few mismatches.
    public var examples: [PartitionMismatch]

    /// A check from its parts.
    public init(strategy: String?, checked: Int = 0, matched: Int = 0, mismatched: Int = 0, notPredictable: Int = 0, examples: [PartitionMismatch] = []) {
        self.strategy = strategy
        self.checked = checked
        self.matched = matched
        self.mismatched = mismatched
        self.notPredictable = notPredictable
        self.examples = examples
    }
}

/// Messages that failed with one error.
public struct DeliveryFailureCount: Sendable, Hashable, Codable {
    /// librdkafka's error name (`_MSG_TIMED_OUT`, `MSG_SIZE_TOO_LARGE`, …), or `NO_REPORT`
    /// for messages whose report never arrived within the flush timeout.
    public var error: String
    /// librdkafka's text for it.
    public var message: String
    /// How many messages.
    public var count: Int

    /// A count from its parts.
    public init(error: String, message: String, count: Int) {
        self.error = error
        self.message = message
        self.count = count
    }
}

/// Everything a producer run measured.
public struct ProduceResult: Sendable, Hashable, Codable {
    /// The topic.
    public var topic: String
    /// Its partition count during the run.
    public var partitionCount: Int
    /// How messages were placed (``ProducerPartitioner/description``).
    public var partitioner: String
    /// The keys (``ProduceKeys/description``).
    public var keys: String
    /// The values (``ValuePool/description``).
    public var values: String
    /// Messages handed to librdkafka.
    public var sent: Int
    /// Messages the cluster acknowledged.
    public var delivered: Int
    /// Value bytes of the delivered messages.
    public var deliveredBytes: Int
    /// Messages not delivered, by error (the total is ``failed``).
    public var failures: [DeliveryFailureCount]
    /// Seconds from the first send to the last delivery report.
    public var elapsedSeconds: Double
    /// Delivery latency of the acknowledged messages.
    public var latency: LatencySummary
    /// Delivered messages per partition (index = partition).
    public var deliveredPerPartition: [Int]
    /// Delivered partitions against kbench's predictions.
    public var check: PartitionCheck
    /// Progress windows, in order.
    public var windows: [ProduceWindow]
    /// Times the local queue was full and the producer waited for room.
    public var queueFullWaits: Int
    /// The in-flight window the run kept (``SendWindow/description``).
    public var window: String
    /// Times sending paused because the window was full (reports were awaited).
    public var windowWaits: Int
    /// Things worth knowing (keys ran out, the embedded cluster dropped data…).
    public var notes: [String]
    /// On the embedded mock cluster: the partitions that no longer hold every message
    /// delivered to them, with the first offset each still holds (the mock cluster keeps
    /// ``MockCluster/retainedBytesPerPartition`` per partition). Empty otherwise.
    public var droppedByMockCluster: [Int: Int64] = [:]
    /// What the run's batches put on the wire (librdkafka's statistics) beside the compression
    /// study's prediction; nil when librdkafka emitted no statistics (`statistics.interval.ms=0`).
    public var wire: ProduceWire?

    /// Messages not delivered.
    public var failed: Int { failures.reduce(0) { $0 + $1.count } }
    /// True when every message sent was delivered.
    public var allDelivered: Bool { failed == 0 && delivered == sent }
    /// Delivered messages per second.
    public var recordsPerSecond: Double { Rate.perSecond(delivered, over: elapsedSeconds) }
    /// Delivered value MB (1024 × 1024 bytes) per second.
    public var megabytesPerSecond: Double { Rate.megabytesPerSecond(deliveredBytes, over: elapsedSeconds) }
}

/// A key for people: the text when it is printable (``PrintableText``: no control, format or
/// unassigned characters), else `0x` and hex.
public func displayKey(_ key: UnsafeRawBufferPointer?) -> String {
    guard let key else { return "(null)" }
    return PrintableText.text(key) ?? "0x" + Hex.encode(Array(key))
}

/// Per-second rates of a run or a window (0 when no time passed).
enum Rate {
    /// `amount ÷ seconds`.
    static func perSecond(_ amount: Int, over seconds: Double) -> Double {
        seconds > 0 ? Double(amount) / seconds : 0
    }

    /// `bytes ÷ seconds` in MB (1024 × 1024 bytes).
    static func megabytesPerSecond(_ bytes: Int, over seconds: Double) -> Double {
        perSecond(bytes, over: seconds) / 1_048_576
    }
}
