import Histogram
import KafkaLive
import KafkaPartitioning
import KBenchTerminal
/// Latency figures of delivered messages, in milliseconds (from the HdrHistogram of
/// enqueue → delivery-report times).
package struct LatencySummary: Sendable, Hashable, Codable {
    /// Messages measured.
    package var count: Int
    /// Mean latency.
    package var averageMilliseconds: Double
    /// Largest latency.
    package var maximumMilliseconds: Double
    /// 50th percentile.
    package var p50Milliseconds: Double
    /// 95th percentile.
    package var p95Milliseconds: Double
    /// 99th percentile.
    package var p99Milliseconds: Double
    /// 99.9th percentile.
    package var p999Milliseconds: Double

    /// A summary from its parts.
    package init(count: Int, averageMilliseconds: Double, maximumMilliseconds: Double, p50Milliseconds: Double,
                p95Milliseconds: Double, p99Milliseconds: Double, p999Milliseconds: Double) {
        self.count = count
        self.averageMilliseconds = averageMilliseconds
        self.maximumMilliseconds = maximumMilliseconds
        self.p50Milliseconds = p50Milliseconds
        self.p95Milliseconds = p95Milliseconds
        self.p99Milliseconds = p99Milliseconds
        self.p999Milliseconds = p999Milliseconds
    }

    /// A summary of `count` messages with the given mean and maximum, the percentiles read
    /// from `histogram` (µs); ``empty`` when `count` is 0.
    init(count: Int, averageMilliseconds: Double, maximumMilliseconds: Double, percentilesOf histogram: Histogram<UInt64>) {
        guard count > 0 else {
            self = .empty
            return
        }
        func percentile(_ value: Double) -> Double { Double(histogram.valueAtPercentile(value)) / 1000 }
        self.init(
            count: count, averageMilliseconds: averageMilliseconds, maximumMilliseconds: maximumMilliseconds,
            p50Milliseconds: percentile(50), p95Milliseconds: percentile(95), p99Milliseconds: percentile(99), p999Milliseconds: percentile(99.9))
    }

    /// No measurement.
    package static let empty = LatencySummary(count: 0, averageMilliseconds: 0, maximumMilliseconds: 0, p50Milliseconds: 0,
                                             p95Milliseconds: 0, p99Milliseconds: 0, p999Milliseconds: 0)
}

/// One progress window (kafka-producer-perf-test prints one every 5 s).
package struct ProduceWindow: Sendable, Hashable, Codable {
    /// Messages delivered in the window.
    package var records: Int
    /// Value bytes delivered in the window.
    package var bytes: Int
    /// The window's length in seconds.
    package var seconds: Double
    /// Mean latency in the window (ms).
    package var averageLatencyMilliseconds: Double
    /// Largest latency in the window (ms).
    package var maximumLatencyMilliseconds: Double

    /// A window from its parts.
    package init(records: Int, bytes: Int, seconds: Double, averageLatencyMilliseconds: Double, maximumLatencyMilliseconds: Double) {
        self.records = records
        self.bytes = bytes
        self.seconds = seconds
        self.averageLatencyMilliseconds = averageLatencyMilliseconds
        self.maximumLatencyMilliseconds = maximumLatencyMilliseconds
    }

    /// Records per second.
    package var recordsPerSecond: Double { Rate.perSecond(records, over: seconds) }
    /// MB (1024 × 1024 bytes) per second.
    package var megabytesPerSecond: Double { Rate.megabytesPerSecond(bytes, over: seconds) }
}

/// A delivery-report partition that differs from kbench's prediction.
package struct PartitionMismatch: Sendable, Hashable, Codable {
    /// The key, as text when printable, else `0x…` hex.
    package var key: String
    /// The partition kbench predicted.
    package var predicted: Int32
    /// The partition the delivery report named.
    package var delivered: Int32

    /// A mismatch from its parts.
    package init(key: String, predicted: Int32, delivered: Int32) {
        self.key = key
        self.predicted = predicted
        self.delivered = delivered
    }
}

/// Every delivery report's partition against the chosen strategy's prediction.
package struct PartitionCheck: Sendable, Hashable, Codable {
    /// The registry strategy predictions come from (nil: none applies).
    package var strategy: String?
    /// Reports whose partition was predicted and compared.
    package var checked: Int
    /// Compared reports that matched.
    package var matched: Int
    /// Compared reports that did not.
    package var mismatched: Int
    /// Delivered messages the strategy places by state, not by key (null keys under a
    /// sticky or random strategy; every message under a keyless one): not predictable per
    /// record, so not counted as mismatches.
    package var notPredictable: Int
    /// The first few mismatches.
    package var examples: [PartitionMismatch]

    /// A check from its parts.
    package init(strategy: String?, checked: Int = 0, matched: Int = 0, mismatched: Int = 0, notPredictable: Int = 0, examples: [PartitionMismatch] = []) {
        self.strategy = strategy
        self.checked = checked
        self.matched = matched
        self.mismatched = mismatched
        self.notPredictable = notPredictable
        self.examples = examples
    }
}

/// Messages that failed with one error.
package struct DeliveryFailureCount: Sendable, Hashable, Codable {
    /// librdkafka's error name (`_MSG_TIMED_OUT`, `MSG_SIZE_TOO_LARGE`, …), or `NO_REPORT`
    /// for messages whose report never arrived within the flush timeout.
    package var error: String
    /// librdkafka's text for it.
    package var message: String
    /// How many messages.
    package var count: Int

    /// A count from its parts.
    package init(error: String, message: String, count: Int) {
        self.error = error
        self.message = message
        self.count = count
    }
}

/// Everything a producer run measured.
package struct ProduceResult: Sendable, Hashable, Codable {
    /// The topic.
    package var topic: String
    /// Its partition count during the run.
    package var partitionCount: Int
    /// How messages were placed (``ProducerPartitioner/description``).
    package var partitioner: String
    /// The keys (``ProduceKeys/description``).
    package var keys: String
    /// The values (``ValuePool/description``).
    package var values: String
    /// Messages handed to librdkafka.
    package var sent: Int
    /// Messages the cluster acknowledged.
    package var delivered: Int
    /// Value bytes of the delivered messages.
    package var deliveredBytes: Int
    /// Messages not delivered, by error (the total is ``failed``).
    package var failures: [DeliveryFailureCount]
    /// Seconds from the first send to the last delivery report.
    package var elapsedSeconds: Double
    /// Delivery latency of the acknowledged messages.
    package var latency: LatencySummary
    /// Delivered messages per partition (index = partition).
    package var deliveredPerPartition: [Int]
    /// Delivered partitions against kbench's predictions.
    package var check: PartitionCheck
    /// Progress windows, in order.
    package var windows: [ProduceWindow]
    /// Times the local queue was full and the producer waited for room.
    package var queueFullWaits: Int
    /// The in-flight window the run kept (``SendWindow/description``).
    package var window: String
    /// Times sending paused because the window was full (reports were awaited).
    package var windowWaits: Int
    /// Things worth knowing (keys ran out, the embedded cluster dropped data…).
    package var notes: [String]
    /// On the embedded mock cluster: the partitions that no longer hold every message
    /// delivered to them, with the first offset each still holds (the mock cluster keeps
    /// ``MockCluster/retainedBytesPerPartition`` per partition). Empty otherwise.
    package var droppedByMockCluster: [Int: Int64] = [:]
    /// What the run's batches put on the wire (librdkafka's statistics) beside the compression
    /// study's prediction; nil when librdkafka emitted no statistics (`statistics.interval.ms=0`).
    package var wire: ProduceWire?
    /// Offered against achieved rate, service and response time: fixed-rate runs only.
    package var pacing: ProducePacing?
    /// One line per producer instance when several sent in parallel (`--producers`), else empty.
    package var producerLines: [ProducerLine] = []
    /// With `--end-to-end`: records read back by consumers against records delivered, and the
    /// end-to-end latency; nil otherwise.
    package var endToEnd: EndToEndResult?
    /// With `--transactional-id`: the transactions committed and aborted, and their timing; nil otherwise.
    package var transactions: TransactionResult?
    /// The latency histograms behind the percentiles (µs), for `--format json` and `--hgrm`.
    package var histograms: ProduceHistograms?
    /// From the first send to the last delivery report, in UTC (the earliest start and latest
    /// end of several producer instances).
    package var wallClock: WallClockWindow?

    /// Messages not delivered.
    package var failed: Int { failures.reduce(0) { $0 + $1.count } }
    /// True when every message sent was delivered.
    package var allDelivered: Bool { failed == 0 && delivered == sent }
    /// Delivered messages per second.
    package var recordsPerSecond: Double { Rate.perSecond(delivered, over: elapsedSeconds) }
    /// Delivered value MB (1024 × 1024 bytes) per second.
    package var megabytesPerSecond: Double { Rate.megabytesPerSecond(deliveredBytes, over: elapsedSeconds) }
}

/// A key for people: the text when it is printable (``TerminalText/printable(_:)``: no control, format or
/// unassigned characters), else `0x` and hex.
package func displayKey(_ key: UnsafeRawBufferPointer?) -> String {
    guard let key else { return "(null)" }
    return TerminalText.printable(key) ?? "0x" + Hex.encode(key)
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
