import Histogram
import KafkaLive
import KafkaPartitioning

/// What a producer run learns from its delivery reports: counts per partition and per error,
/// the latency histogram, progress windows and the partition check.
///
/// A delivered report costs a few loads, additions and one comparison: the counters are plain
/// stored integers, the per-partition counts and latency buckets live in memory the
/// accounting owns (no reference counting, uniqueness or exclusivity checks per report), the
/// partition prediction and the send time arrive with the report in its ``MessageStamp``
/// (computed when sending), and the clock is read once per 16 reports (``ReportClock``)
/// rather than per report.
///
/// Only touched from the thread that produces, polls and flushes (librdkafka serves delivery
/// reports on the polling thread), hence `@unchecked Sendable` for the callback's sake.
final class DeliveryAccounting: DeliveryEventReceiver, @unchecked Sendable {
    /// Latencies beyond an hour (µs) are not kept in the histogram (its range).
    static let highestTrackableLatency: UInt64 = 3_600_000_000
    private static let exampleLimit = 5

    private let strategy: String?
    /// Latency from `rd_kafka_message_latency` (a clock read per report) rather than the
    /// ``ReportClock``.
    private let exactLatency: Bool
    /// Whether messages were sent on a schedule: their response time (from the intended send
    /// time) is recorded too.
    private let paced: Bool
    // Touched only from the polling thread: no dynamic exclusivity checks per report.
    @exclusivity(unchecked) private var partitionCount = 0
    @exclusivity(unchecked) private var perPartitionCounts = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
    @exclusivity(unchecked) private var latencies = LatencyRecorder(highestTrackableValue: highestTrackableLatency)
    @exclusivity(unchecked) private var responseLatencies = LatencyRecorder(highestTrackableValue: highestTrackableLatency)
    @exclusivity(unchecked) private var clock = ReportClock(origin: MessageStamp.monotonicMicroseconds())
    @exclusivity(unchecked) private(set) var delivered = 0
    @exclusivity(unchecked) private(set) var deliveredBytes = 0
    @exclusivity(unchecked) private(set) var reports = 0
    @exclusivity(unchecked) private var latencySumMicroseconds = 0
    @exclusivity(unchecked) private var latencyMaxMicroseconds = 0
    @exclusivity(unchecked) private var checked = 0
    @exclusivity(unchecked) private var mismatched = 0
    @exclusivity(unchecked) private var notPredictable = 0
    @exclusivity(unchecked) private var examples: [PartitionMismatch] = []
    @exclusivity(unchecked) private var failureCounts: [Int32: Int] = [:]

    // The current progress window.
    @exclusivity(unchecked) private var windowRecords = 0
    @exclusivity(unchecked) private var windowBytes = 0
    @exclusivity(unchecked) private var windowLatencySum = 0
    @exclusivity(unchecked) private var windowLatencyMax = 0
    @exclusivity(unchecked) private var windowStart = ContinuousClock.now
    @exclusivity(unchecked) private(set) var windows: [ProduceWindow] = []

    /// Accounting checking partitions against `strategy` (its name, for the report), reading
    /// the clock for every report when `exactLatency`, recording response times when `paced`.
    init(strategy: String?, exactLatency: Bool = false, paced: Bool = false) {
        self.strategy = strategy
        self.exactLatency = exactLatency
        self.paced = paced
    }

    deinit {
        perPartitionCounts.deallocate()
        latencies.deallocate()
        responseLatencies.deallocate()
    }

    /// Starts counting for a topic of `partitionCount` partitions, the first window at `start`,
    /// latencies against send times counted from `timeOrigin` (see ``MessageStamp``).
    func begin(partitionCount: Int, start: ContinuousClock.Instant, timeOrigin: UInt64) {
        clock = ReportClock(origin: timeOrigin)
        perPartitionCounts.deallocate()
        self.partitionCount = Swift.max(0, partitionCount)
        perPartitionCounts = .allocate(capacity: self.partitionCount)
        perPartitionCounts.initialize(repeating: 0)
        windowStart = start
    }

    /// The thread is about to poll (and maybe wait): the next report reads the clock.
    @inline(__always)
    func willPoll() {
        clock.invalidate()
    }

    /// One delivery report; its message id is its ``MessageStamp``.
    func receive(_ event: DeliveryEvent) {
        reports &+= 1
        guard event.isDelivered else {
            failureCounts[event.error.rawValue, default: 0] &+= 1
            return
        }
        delivered &+= 1
        let length = event.valueLength
        deliveredBytes &+= length
        let stamp = event.messageID
        let microseconds = exactLatency
            ? UInt64(truncatingIfNeeded: Swift.max(0, event.latencyMicroseconds ?? 0))
            : MessageStamp.latency(stamp, now: clock.reportTime())
        latencies.record(microseconds)
        if paced { responseLatencies.record(microseconds &+ MessageStamp.lag(stamp)) }
        let latency = Int(truncatingIfNeeded: microseconds)
        latencySumMicroseconds &+= latency
        if latency > latencyMaxMicroseconds { latencyMaxMicroseconds = latency }
        windowRecords &+= 1
        windowBytes &+= length
        windowLatencySum &+= latency
        if latency > windowLatencyMax { windowLatencyMax = latency }
        let partition = event.partition
        if UInt(truncatingIfNeeded: Int(partition)) < UInt(partitionCount) { perPartitionCounts[Int(partition)] &+= 1 }
        guard let predicted = PartitionPredictor.predictedPartition(tag: MessageStamp.tag(stamp)) else {
            notPredictable &+= 1
            return
        }
        checked &+= 1
        if predicted != partition { recordMismatch(key: event.key, predicted: predicted, delivered: partition) }
    }

    private func recordMismatch(key: UnsafeRawBufferPointer?, predicted: Int32, delivered partition: Int32) {
        mismatched &+= 1
        if examples.count < Self.exampleLimit {
            examples.append(PartitionMismatch(key: displayKey(key), predicted: predicted, delivered: partition))
        }
    }

    /// A message librdkafka refused outright (no report will come).
    func recordRejected(_ error: LibrdkafkaErrorCode) {
        rejected &+= 1
        failureCounts[error.rawValue, default: 0] &+= 1
    }

    /// Messages librdkafka refused when producing.
    @exclusivity(unchecked) private(set) var rejected = 0

    /// Messages whose report never came.
    @exclusivity(unchecked) var noReportCount = 0

    /// The shortest delivery latency so far (µs), nil before any non-zero one.
    var fastestDelivery: UInt64? { latencies.minimumNonZeroValue }

    /// Delivered messages per partition (index = partition).
    var perPartition: [Int] { Array(perPartitionCounts) }

    /// The partition check so far.
    var check: PartitionCheck {
        PartitionCheck(strategy: strategy, checked: checked, matched: checked - mismatched, mismatched: mismatched,
                       notPredictable: notPredictable, examples: examples)
    }

    /// Closes the window when `interval` has passed; returns it.
    func closeWindowIfDue(now: ContinuousClock.Instant, interval: Duration, force: Bool = false) -> ProduceWindow? {
        let length = windowStart.duration(to: now)
        guard force || length >= interval else { return nil }
        // The closing window of a run is only kept when something was delivered in it.
        if force && windowRecords == 0 { return nil }
        let seconds = Double(milliseconds(length)) / 1000
        let window = ProduceWindow(
            records: windowRecords, bytes: windowBytes, seconds: seconds,
            averageLatencyMilliseconds: windowRecords > 0 ? Double(windowLatencySum) / Double(windowRecords) / 1000 : 0,
            maximumLatencyMilliseconds: Double(windowLatencyMax) / 1000)
        windows.append(window)
        windowRecords = 0
        windowBytes = 0
        windowLatencySum = 0
        windowLatencyMax = 0
        windowStart = now
        return window
    }

    /// The latency summary so far, its percentiles read from `service` (``serviceHistogram()``,
    /// built once by the caller).
    func latency(service: Histogram<UInt64>) -> LatencySummary {
        LatencySummary(
            count: delivered,
            averageMilliseconds: delivered > 0 ? Double(latencySumMicroseconds) / Double(delivered) / 1000 : 0,
            maximumMilliseconds: Double(latencyMaxMicroseconds) / 1000, percentilesOf: service)
    }

    /// The HdrHistogram of every delivered message's service time (enqueue → report, µs).
    func serviceHistogram() -> Histogram<UInt64> { latencies.histogram() }

    /// The HdrHistogram of every delivered message's response time (intended send time →
    /// report, µs); empty unless paced.
    func responseHistogram() -> Histogram<UInt64> { responseLatencies.histogram() }

    /// Failures by error, most frequent first.
    var failures: [DeliveryFailureCount] {
        var result = failureCounts.map { code, count in
            let error = LibrdkafkaErrorCode(rawValue: code)
            return DeliveryFailureCount(error: error.name, message: error.text, count: count)
        }
        if noReportCount > 0 {
            result.append(DeliveryFailureCount(error: "NO_REPORT", message: "no delivery report within the flush timeout", count: noReportCount))
        }
        return result.sorted { ($0.count, $1.error) > ($1.count, $0.error) }
    }
}
