import Foundation
import Histogram
import KafkaLive
import Synchronization

/// One producer instance's figures in a run of several (`--producers N`).
package struct ProducerLine: Sendable, Hashable, Codable {
    /// The instance, from 1.
    package var instance: Int
    /// Messages it handed to librdkafka.
    package var sent: Int
    /// Messages the cluster acknowledged.
    package var delivered: Int
    /// Delivered messages per second over its run.
    package var recordsPerSecond: Double
    /// Its share of the offered rate and what it achieved (fixed-rate runs).
    package var pacing: ProducePacing?
    /// Its service time's 99th percentile (ms).
    package var p99Milliseconds: Double

    /// The line of one instance's result.
    init(instance: Int, result: ProduceResult) {
        self.instance = instance
        sent = result.sent
        delivered = result.delivered
        recordsPerSecond = result.recordsPerSecond
        pacing = result.pacing
        p99Milliseconds = result.latency.p99Milliseconds
    }
}

/// `--producers N`: N librdkafka producer instances, each on its own thread running the
/// whole sending loop (``ProduceBenchmark``) with its own schedule at an N-th of the offered
/// rate and an N-th of the message count, then their results summed and their latency
/// histograms merged into one result with a ``ProducerLine`` each.
///
/// The topic is prepared once, before the instances start. Progress windows are merged by
/// position (the instances start together and close a window every interval) and handed to
/// `onWindow` once every instance has finished.
enum ProducerInstances {
    static func run(_ settings: ProduceSettings, values: PinnedValues, onWindow: (ProduceWindow) -> Void) throws -> ProduceResult {
        let count = settings.producers
        let probe = try KafkaProducer(configuration: settings.configuration, partitioner: nil)
        let partitionCount = try ProduceBenchmark.prepareTopic(settings, producer: probe)
        // --end-to-end: one set of consumers reads every instance's records (from the first
        // send: --backlog is measured with one instance, and `kbench produce` refuses more).
        let consumers = try settings.endToEnd.map {
            var endToEnd = $0
            endToEnd.backlog = nil
            return try ProduceBenchmark.endToEndConsumers(endToEnd, settings: settings, partitionCount: partitionCount, producer: probe, producerCount: count)
        }
        consumers?.start()
        let outcomes = Mutex<[Result<ProduceBenchmark.InstanceOutcome, any Error>?]>(Array(repeating: nil, count: count))
        let finished = DispatchGroup()
        for instance in 0..<count {
            let share = instanceSettings(settings, instance: instance)
            let stamping = consumers.map { EndToEndStamping(runTag: $0.runTag, producer: instance) }
            finished.enter()
            let thread = Thread {
                let outcome = Result { try ProduceBenchmark.run(share, values: values, onWindow: { _ in }, stamping: stamping) }
                outcomes.withLock { $0[instance] = outcome }
                finished.leave()
            }
            thread.name = "kbench-producer-\(instance + 1)"
            thread.start()
        }
        finished.wait()
        let results = try outcomes.withLock { all in try all.map { try $0!.get() } }
        var merged = merge(results, settings: settings)
        if let consumers {
            let tail = consumers.awaitTail(delivered: merged.delivered)
            merged.endToEnd = ProduceBenchmark.endToEndResult(
                consumers, delivered: results.compactMap(\.delivered), deliveredCount: merged.delivered, tail: tail,
                settings: settings, partitionCount: partitionCount, producer: probe)
            merged.histograms?.endToEnd = merged.endToEnd?.latencyHistogram
        }
        if merged.windows.count > 1 { merged.windows.forEach(onWindow) }
        return merged
    }

    /// Instance `instance`'s settings: its share of the rate and of the message count.
    static func instanceSettings(_ settings: ProduceSettings, instance: Int) -> ProduceSettings {
        var share = settings
        share.producers = 1
        share.throughput = settings.throughput.share(of: settings.producers, instance: instance)
        if case .messages(let total) = settings.limit {
            share.limit = .messages(total / settings.producers + (instance < total % settings.producers ? 1 : 0))
        }
        return share
    }

    /// The instances' results as one.
    static func merge(_ outcomes: [ProduceBenchmark.InstanceOutcome], settings: ProduceSettings) -> ProduceResult {
        let results = outcomes.map(\.result)
        var service = outcomes[0].service
        var response = outcomes[0].response
        for outcome in outcomes.dropFirst() {
            service.add(outcome.service)
            response.add(outcome.response)
        }
        var total = results[0]
        total.sent = results.reduce(0) { $0 + $1.sent }
        total.delivered = results.reduce(0) { $0 + $1.delivered }
        total.deliveredBytes = results.reduce(0) { $0 + $1.deliveredBytes }
        total.elapsedSeconds = results.map(\.elapsedSeconds).max() ?? 0
        total.failures = mergedFailures(results.map(\.failures))
        total.latency = mergedLatency(results.map(\.latency), service: service)
        total.deliveredPerPartition = results.map(\.deliveredPerPartition).reduce(into: []) { sums, counts in
            if sums.count < counts.count { sums += Array(repeating: 0, count: counts.count - sums.count) }
            for (partition, count) in counts.enumerated() { sums[partition] += count }
        }
        total.check = mergedCheck(results.map(\.check))
        total.windows = mergedWindows(results.map(\.windows))
        total.queueFullWaits = results.reduce(0) { $0 + $1.queueFullWaits }
        total.windowWaits = results.reduce(0) { $0 + $1.windowWaits }
        total.notes = results.enumerated().flatMap { index, result in result.notes.map { "producer \(index + 1): \($0)" } }
        total.droppedByMockCluster = results.reduce(into: [:]) { dropped, result in
            dropped.merge(result.droppedByMockCluster) { Swift.max($0, $1) }
        }
        total.wire = nil
        if results.contains(where: { $0.wire != nil }) {
            total.notes.append("bytes on the wire are not reported for several producers (each has its own statistics): run with --producers 1 for them")
        }
        if let offered = settings.throughput.recordsPerSecond {
            total.pacing = ProducePacing(
                offeredRecordsPerSecond: offered,
                achievedRecordsPerSecond: results.reduce(0) { $0 + ($1.pacing?.achievedRecordsPerSecond ?? 0) },
                service: LatencyPercentiles(service), response: LatencyPercentiles(response))
        }
        total.histograms = ProduceHistograms(
            service: LatencyHistogram(service), response: settings.throughput == .max ? nil : LatencyHistogram(response))
        total.wallClock = results.compactMap(\.wallClock).reduce(nil) { union, window in union.map { $0.union(window) } ?? window }
        total.producerLines = results.enumerated().map { ProducerLine(instance: $0.offset + 1, result: $0.element) }
        return total
    }

    private static func mergedFailures(_ lists: [[DeliveryFailureCount]]) -> [DeliveryFailureCount] {
        var byError: [String: DeliveryFailureCount] = [:]
        for failure in lists.joined() {
            byError[failure.error, default: DeliveryFailureCount(error: failure.error, message: failure.message, count: 0)].count += failure.count
        }
        return byError.values.sorted { ($0.count, $1.error) > ($1.count, $0.error) }
    }

    private static func mergedLatency(_ summaries: [LatencySummary], service: Histogram<UInt64>) -> LatencySummary {
        let count = summaries.reduce(0) { $0 + $1.count }
        return LatencySummary(
            count: count,
            averageMilliseconds: count > 0 ? summaries.reduce(0) { $0 + $1.averageMilliseconds * Double($1.count) } / Double(count) : 0,
            maximumMilliseconds: summaries.map(\.maximumMilliseconds).max() ?? 0, percentilesOf: service)
    }

    private static func mergedCheck(_ checks: [PartitionCheck]) -> PartitionCheck {
        PartitionCheck(
            strategy: checks.first?.strategy,
            checked: checks.reduce(0) { $0 + $1.checked }, matched: checks.reduce(0) { $0 + $1.matched },
            mismatched: checks.reduce(0) { $0 + $1.mismatched }, notPredictable: checks.reduce(0) { $0 + $1.notPredictable },
            examples: Array(checks.flatMap(\.examples).prefix(5)))
    }

    /// Windows merged by position: records and bytes summed, the longest length, the
    /// record-weighted mean latency and the largest maximum.
    private static func mergedWindows(_ lists: [[ProduceWindow]]) -> [ProduceWindow] {
        let length = lists.map(\.count).max() ?? 0
        return (0..<length).map { index in
            let windows = lists.compactMap { index < $0.count ? $0[index] : nil }
            let records = windows.reduce(0) { $0 + $1.records }
            let latencySum = windows.reduce(0) { $0 + $1.averageLatencyMilliseconds * Double($1.records) }
            return ProduceWindow(
                records: records, bytes: windows.reduce(0) { $0 + $1.bytes }, seconds: windows.map(\.seconds).max() ?? 0,
                averageLatencyMilliseconds: records > 0 ? latencySum / Double(records) : 0,
                maximumLatencyMilliseconds: windows.map(\.maximumLatencyMilliseconds).max() ?? 0)
        }
    }
}
