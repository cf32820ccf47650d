import Histogram
import KafkaPartitioning

/// What a producer run learns from its delivery reports: counts per partition and per error,
/// the latency histogram, progress windows and the partition check.
///
/// Only touched from the thread that produces, polls and flushes (librdkafka serves delivery
/// reports on the polling thread), hence `@unchecked Sendable` for the callback's sake.
final class DeliveryAccounting: DeliveryEventReceiver, @unchecked Sendable {
    private var partitionCount: Int32 = 0
    // The prediction, unpacked into plain values (no reference counting per report).
    private let rule: KeyHashing?
    private let nullKeysHashed: Bool
    private let emptyKeysLikeNull: Bool
    // Touched only from the polling thread: no dynamic exclusivity checks per report.
    @exclusivity(unchecked) private var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    @exclusivity(unchecked) private(set) var delivered = 0
    @exclusivity(unchecked) private(set) var deliveredBytes = 0
    @exclusivity(unchecked) private(set) var reports = 0
    @exclusivity(unchecked) private var latencySumMicroseconds = 0
    @exclusivity(unchecked) private var latencyMaxMicroseconds = 0
    @exclusivity(unchecked) private(set) var perPartition: [Int] = []
    private var failureCounts: [Int32: Int] = [:]
    @exclusivity(unchecked) private(set) var check: PartitionCheck
    private static let exampleLimit = 5

    // The current progress window.
    @exclusivity(unchecked) private var windowRecords = 0
    @exclusivity(unchecked) private var windowBytes = 0
    @exclusivity(unchecked) private var windowLatencySum = 0
    @exclusivity(unchecked) private var windowLatencyMax = 0
    private var windowStart = ContinuousClock.now
    private(set) var windows: [ProduceWindow] = []

    init(prediction: PartitionStrategy?) {
        rule = prediction?.keyRule
        nullKeysHashed = prediction?.descriptor.keyless == .hashedAsEmpty
        emptyKeysLikeNull = prediction?.descriptor.emptyKey == .likeNullKey
        check = PartitionCheck(strategy: prediction?.name)
    }

    /// Starts counting for a topic of `partitionCount` partitions, the first window at `start`.
    func begin(partitionCount: Int, start: ContinuousClock.Instant) {
        self.partitionCount = Int32(clamping: partitionCount)
        perPartition = [Int](repeating: 0, count: Swift.max(0, partitionCount))
        windowStart = start
    }

    /// One delivery report.
    func receive(_ event: DeliveryEvent) {
        reports &+= 1
        guard event.isDelivered else {
            failureCounts[event.error.rawValue, default: 0] &+= 1
            return
        }
        delivered &+= 1
        deliveredBytes &+= event.valueLength
        let latency = Int(event.latencyMicroseconds ?? 0)
        _ = histogram.record(UInt64(Swift.max(0, latency)))
        latencySumMicroseconds &+= latency
        if latency > latencyMaxMicroseconds { latencyMaxMicroseconds = latency }
        windowRecords &+= 1
        windowBytes &+= event.valueLength
        windowLatencySum &+= latency
        if latency > windowLatencyMax { windowLatencyMax = latency }
        let partition = event.partition
        if partition >= 0, Int(partition) < perPartition.count { perPartition[Int(partition)] &+= 1 }
        checkPartition(key: event.key, delivered: partition)
    }

    /// The strategy's partition for `key` when the key alone decides it.
    private func predictedPartition(key: UnsafeRawBufferPointer?) -> Int32? {
        guard let rule, partitionCount > 0 else { return nil }
        guard let key else { return nullKeysHashed ? rule.partition(UnsafeRawBufferPointer(start: nil, count: 0), partitionCount: partitionCount) : nil }
        if key.isEmpty && emptyKeysLikeNull { return nil }
        return rule.partition(key, partitionCount: partitionCount)
    }

    private func checkPartition(key: UnsafeRawBufferPointer?, delivered partition: Int32) {
        guard let predicted = predictedPartition(key: key) else {
            check.notPredictable &+= 1
            return
        }
        check.checked &+= 1
        if predicted == partition {
            check.matched &+= 1
        } else {
            check.mismatched &+= 1
            if check.examples.count < Self.exampleLimit {
                check.examples.append(PartitionMismatch(key: displayKey(key), predicted: predicted, delivered: partition))
            }
        }
    }

    /// A message librdkafka refused outright (no report will come).
    func recordRejected(_ error: LibrdkafkaErrorCode) {
        rejected &+= 1
        failureCounts[error.rawValue, default: 0] &+= 1
    }

    /// Messages librdkafka refused when producing.
    private(set) var rejected = 0

    /// Messages whose report never came.
    var noReportCount = 0

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

    /// The latency summary so far.
    var latency: LatencySummary {
        guard delivered > 0 else { return .empty }
        func percentile(_ value: Double) -> Double { Double(histogram.valueAtPercentile(value)) / 1000 }
        return LatencySummary(
            count: delivered,
            averageMilliseconds: Double(latencySumMicroseconds) / Double(delivered) / 1000,
            maximumMilliseconds: Double(latencyMaxMicroseconds) / 1000,
            p50Milliseconds: percentile(50), p95Milliseconds: percentile(95),
            p99Milliseconds: percentile(99), p999Milliseconds: percentile(99.9))
    }

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
