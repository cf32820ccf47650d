import Foundation
import Histogram
import KafkaLive

/// The consumer side of `kbench produce --end-to-end`: consumers in the producing process,
/// each on its own thread, assigned every partition of the topic (dealt among them) from the
/// offsets the partitions' next records will get — asked of the cluster before the first
/// message is sent, so no record of the run is missed and none written before is read. No
/// consumer group is involved and nothing is committed. With `--backlog`
/// (``EndToEndSettings/backlog``) they start paused until ``resume()``.
///
/// After the producer's last delivery report, ``awaitTail(delivered:settle:whileWaiting:)`` lets them read on until
/// every delivered record was read, giving up when ``EndToEndSettings/tailIdleTimeout`` passes
/// with nothing new (or ``EndToEndSettings/tailLimit`` in all); ``result(delivered:lowWatermarks:)``
/// then checks what they read against what was delivered.
final class EndToEndConsumers {
    /// Tells this run's records from others' (see ``EndToEndStamp/Identity``).
    let runTag: UInt16
    private let settings: EndToEndSettings
    private let consumers: [EndToEndConsumer]
    /// The offset each partition's first record of the run got (or will get).
    let startOffsets: [Int32: Int64]

    /// Consumers of `topic`'s `partitionCount` partitions, positioned at their end offsets
    /// (asked through `producer`); records of `producerCount` producers of run `runTag` below
    /// sequence `sequenceCap` are the run's.
    ///
    /// - Throws: ``KafkaLiveError`` when an end offset cannot be read or a consumer cannot be
    ///   created or assigned.
    init(
        _ settings: EndToEndSettings, topic: String, partitionCount: Int, configuration: KafkaConfiguration,
        producer: KafkaProducer, runTag: UInt16, producerCount: Int, sequenceCap: UInt64, timeoutMilliseconds: Int
    ) throws(KafkaLiveError) {
        self.settings = settings
        self.runTag = runTag
        var startOffsets: [Int32: Int64] = [:]
        for partition in 0..<Int32(clamping: partitionCount) {
            startOffsets[partition] = try producer.watermarks(topic: topic, partition: partition, timeoutMilliseconds: timeoutMilliseconds).high
        }
        self.startOffsets = startOffsets
        let count = Swift.max(1, Swift.min(settings.consumers, partitionCount))
        var consumers: [EndToEndConsumer] = []
        for index in 0..<count {
            let mine = startOffsets.filter { Int($0.key) % count == index }
            let ledger = ConsumedLedger(
                runTag: runTag, producerCount: producerCount, sequenceCap: sequenceCap, partitionCount: partitionCount, startOffsets: mine)
            consumers.append(try EndToEndConsumer(
                configuration: configuration, topic: topic, startOffsets: mine, ledger: ledger, paused: settings.backlog != nil))
        }
        self.consumers = consumers
    }

    deinit { stop() }

    /// Starts every consumer's thread.
    func start() {
        for consumer in consumers { consumer.start() }
    }

    /// With `--backlog`: lets every consumer fetch (they start paused).
    func resume() {
        for consumer in consumers { consumer.resume() }
    }

    /// With `--backlog`: whether the latencies the consumers record now are the drain's.
    func setDraining(_ draining: Bool) {
        for consumer in consumers { consumer.draining = draining }
    }

    /// This run's records read so far (each once) plus offsets found skipped, and the value
    /// bytes of the records read.
    var progress: (records: Int, bytes: Int) {
        consumers.reduce((0, 0)) { ($0.0 + $1.readOrSkipped, $0.1 + $1.valueBytesRead) }
    }

    /// Stops every consumer and waits for its thread (idempotent).
    func stop() {
        for consumer in consumers { consumer.stop() }
    }

    /// Waits until the consumers have read `delivered` records of the run (or found their
    /// offsets skipped: records the cluster no longer held) and then nothing new came for
    /// `settle`, or the tail wait gives up, then stops them, calling `whileWaiting` on every
    /// turn (every 2 ms). Returns how long it waited and whether every record was accounted for.
    func awaitTail(delivered: Int, settle: Duration = .zero, whileWaiting: () -> Void = {}) -> (seconds: Double, complete: Bool) {
        let clock = ContinuousClock()
        let begin = clock.now
        var lastCount = -1
        var lastChange = begin
        var complete = true
        while true {
            whileWaiting()
            let count = consumers.reduce(0) { $0 + $1.readOrSkipped }
            let now = clock.now
            if count != lastCount {
                lastCount = count
                lastChange = now
            }
            if count >= delivered && lastChange.duration(to: now) >= settle { break }
            if lastChange.duration(to: now) >= settings.tailIdleTimeout || begin.duration(to: now) >= settings.tailLimit {
                complete = false
                break
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        let waited = seconds(begin.duration(to: clock.now))
        stop()
        return (waited, complete)
    }

    /// What was read against what `delivered` (index = producer) says was delivered; offsets
    /// skipped below a partition's `lowWatermarks` are records the cluster dropped. Call after
    /// ``awaitTail(delivered:settle:)``. The records in `aborted` (index = producer) belong to
    /// aborted transactions: not expected to be read.
    func result(
        delivered: [DeliveredLedger], deliveredCount: Int, tail: (seconds: Double, complete: Bool), lowWatermarks: [Int32: Int64],
        aborted: [SequenceBitmap] = []
    ) -> EndToEndResult {
        let outcomes = consumers.map(\.outcome)
        let ledgers = outcomes.map(\.ledger)
        let latencies = Self.latencies(of: ledgers)
        let counts = EndToEndReconciliation(delivered: delivered, consumed: ledgers, aborted: aborted)
        var skipped: [Int32: Int64] = [:]
        for ledger in ledgers {
            for (partition, count) in ledger.skippedOffsets.enumerated() where count > 0 { skipped[Int32(partition), default: 0] += count }
        }
        let dropped = EndToEndReconciliation.droppedByCluster(
            missing: counts.missing, skipped: skipped, startOffsets: startOffsets, lowWatermarks: lowWatermarks)
        let held = skipped.values.reduce(0, +)
            - EndToEndReconciliation.skippedBelowLowWatermark(skipped, startOffsets: startOffsets, lowWatermarks: lowWatermarks)
        var errors: [Int32: Int] = [:]
        for ledger in ledgers { errors.merge(ledger.errors, uniquingKeysWith: +) }
        var failures = errors.map { code, count in
            let error = LibrdkafkaErrorCode(rawValue: code)
            return DeliveryFailureCount(error: error.name, message: error.text, count: count)
        }
        for case let (_, failure?) in outcomes {
            failures.append(DeliveryFailureCount(error: "CONSUMER_STOPPED", message: "\(failure)", count: 1))
        }
        let drain = settings.backlog == nil ? nil : Self.latencies(of: ledgers, drainOnly: true)
        var result = EndToEndResult(
            consumers: consumers.count, delivered: deliveredCount, consumed: counts.consumed,
            exactlyOnce: counts.exactlyOnce, missing: counts.missing, droppedByCluster: dropped,
            lost: counts.missing - dropped, duplicated: counts.duplicated,
            unreported: counts.unreported, abortedDelivered: counts.abortedDelivered, abortedRead: counts.abortedRead,
            offsetsWithoutRecord: Int(clamping: held), foreign: ledgers.reduce(0) { $0 + $1.foreign },
            errors: failures.sorted { ($0.count, $1.error) > ($1.count, $0.error) },
            tailSeconds: tail.seconds, tailComplete: tail.complete,
            tailIdleSeconds: seconds(settings.tailIdleTimeout), tailLimitSeconds: seconds(settings.tailLimit),
            latency: LatencyPercentiles(latencies.histogram), averageLatencyMilliseconds: latencies.averageMilliseconds,
            latencyHistogram: LatencyHistogram(latencies.histogram))
        if let drain {
            let steady = Self.latencies(of: ledgers, steadyOnly: true)
            result.drainLatency = BacklogLatency(drain)
            result.steadyLatency = BacklogLatency(steady)
        }
        return result
    }

    /// The end-to-end latencies (µs) of the records the consumers read, their histograms
    /// merged, and their mean in milliseconds: of every record, or (`drainOnly`) of those read
    /// while a backlog drained, or (`steadyOnly`) of the others.
    private static func latencies(
        of ledgers: [ConsumedLedger], drainOnly: Bool = false, steadyOnly: Bool = false
    ) -> (histogram: Histogram<UInt64>, averageMilliseconds: Double) {
        var histogram = Histogram<UInt64>(
            highestTrackableValue: ConsumedLedger.highestTrackableLatency, numberOfSignificantValueDigits: .three)
        var sum: UInt64 = 0
        for ledger in ledgers {
            if !drainOnly { histogram.add(ledger.latencies.histogram()) }
            if !steadyOnly { histogram.add(ledger.drainLatencies.histogram()) }
            sum &+= drainOnly ? ledger.drainLatencySumMicroseconds
                : steadyOnly ? ledger.latencySumMicroseconds &- ledger.drainLatencySumMicroseconds : ledger.latencySumMicroseconds
        }
        return (histogram, histogram.totalCount > 0 ? Double(sum) / Double(histogram.totalCount) / 1000 : 0)
    }
}

/// `duration` in seconds (millisecond resolution).
private func seconds(_ duration: Duration) -> Double { Double(milliseconds(duration)) / 1000 }
