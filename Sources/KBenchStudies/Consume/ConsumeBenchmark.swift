import Foundation
import KafkaLive
import KBenchReports

/// `kbench consume`: reads a topic as fast as librdkafka's consumers deliver it, like
/// kafka-consumer-perf-test: every record the topic held when the run began (or `--messages`),
/// by N consumers on their own threads, with or without a consumer group.
package enum ConsumeBenchmark {
    /// Runs `settings`, calling `onWindow` (on the calling thread) at every progress window.
    ///
    /// - Throws: ``ConsumeError`` for a missing topic; ``KafkaLiveError`` when the cluster
    ///   cannot be reached, offsets cannot be read or a consumer cannot be created.
    package static func run(_ settings: ConsumeSettings, onWindow: (ConsumeWindow) -> Void = { _ in }) throws -> ConsumeResult {
        let timeoutMilliseconds = milliseconds(settings.timeout)
        let metadataClient = try KafkaProducer(configuration: settings.configuration)
        // Reach the cluster first (bounded by the timeout); then list topics without creating any.
        _ = try metadataClient.metadata(timeoutMilliseconds: timeoutMilliseconds)
        guard let partitionCount = try metadataClient.topics(timeoutMilliseconds: timeoutMilliseconds)[settings.topic], partitionCount > 0 else {
            throw ConsumeError(kind: .missingTopic, topic: settings.topic)
        }
        let partitions = (0..<Int32(clamping: partitionCount)).map { $0 }
        var watermarks: [(low: Int64, high: Int64)] = []
        for partition in partitions {
            watermarks.append(try metadataClient.watermarks(topic: settings.topic, partition: partition, timeoutMilliseconds: timeoutMilliseconds))
        }
        let configuration = consumerConfiguration(settings)
        let begin = MessageStamp.monotonicMicroseconds()
        let startTime = Date()
        var consumers: [KafkaConsumer] = []
        var boxes: [FetchStatisticsBox] = []
        for _ in 0..<settings.consumers {
            let box = FetchStatisticsBox(topic: settings.topic)
            consumers.append(try KafkaConsumer(configuration: configuration, onStatistics: { box.record($0) }))
            boxes.append(box)
        }
        var startOffsets = watermarks.map(\.low)
        if settings.group != nil {
            let committed = try consumers[0].committedOffsets(topic: settings.topic, partitions: partitions, timeoutMilliseconds: timeoutMilliseconds)
            for (partition, offset) in committed where Int(partition) < startOffsets.count {
                startOffsets[Int(partition)] = Swift.max(offset, watermarks[Int(partition)].low)
            }
            for consumer in consumers { try consumer.subscribe([settings.topic]) }
        } else {
            for (index, consumer) in consumers.enumerated() {
                let mine = partitions.filter { Int($0) % settings.consumers == index }
                try consumer.assign(topic: settings.topic, startOffsets: Dictionary(uniqueKeysWithValues: mine.map { ($0, startOffsets[Int($0)]) }))
            }
        }
        let lagAtStart = zip(watermarks, startOffsets).reduce(Int64(0)) { $0 + Swift.max(0, $1.0.high - $1.1) }
        let target = Swift.min(settings.messages ?? Int.max, Int(lagAtStart))
        let progress = ConsumeProgress(target: target, startOffsets: startOffsets)
        let statisticsWait: Duration = settings.statisticsIntervalMilliseconds > 0
            ? .milliseconds(settings.statisticsIntervalMilliseconds * 2 + 100) : .zero
        var readers: [ConsumeReader] = []
        for (consumer, box) in zip(consumers, boxes) {
            readers.append(try ConsumeReader(
                consumer: consumer, partitionCount: partitionCount, progress: progress,
                statistics: box, statisticsWait: statisticsWait, begin: begin))
        }
        for reader in readers { reader.start() }
        let lead = Duration.microseconds(MessageStamp.monotonicMicroseconds() &- begin)
        var watched = watch(progress, partitionCount: partitionCount, settings: settings, onWindow: onWindow)
        watched.uncovered += lead  // no partition was held before the readers started
        let outcomes = readers.map { $0.finish() }
        var endWatermarks: [Int64] = []
        for partition in partitions {
            endWatermarks.append(try metadataClient.watermarks(topic: settings.topic, partition: partition, timeoutMilliseconds: timeoutMilliseconds).high)
        }
        return result(
            settings, partitionCount: partitionCount, outcomes: outcomes, progress: progress, watched: watched, target: target,
            offsets: (endHigh: endWatermarks, lagAtStart: lagAtStart, belowLow: watermarks.reduce(0) { $0 + $1.low }),
            fetch: settings.statisticsIntervalMilliseconds > 0 ? boxes.map(\.latest).reduce(FetchStatistics(), +) : nil,
            startTime: startTime, elapsedMicroseconds: MessageStamp.monotonicMicroseconds() &- begin)
    }

    /// The consumers' configuration: statistics on, a group reading from the earliest offset
    /// when it has none committed (`-X` settings kept).
    static func consumerConfiguration(_ settings: ConsumeSettings) -> KafkaConfiguration {
        var configuration = settings.configuration
        if configuration["statistics.interval.ms"] == nil, settings.statisticsIntervalMilliseconds > 0 {
            configuration["statistics.interval.ms"] = String(settings.statisticsIntervalMilliseconds)
        }
        if let group = settings.group {
            configuration["group.id"] = group
            if configuration["auto.offset.reset"] == nil { configuration["auto.offset.reset"] = "earliest" }
        }
        return configuration
    }

    /// The longest stretch in which the consumers do not hold every partition (the first
    /// assignment, a later rebalance) that stops the idle clock.
    static let settleLimit: Duration = .seconds(60)

    /// What ``watch(_:partitionCount:settings:onWindow:)`` saw.
    struct Watch {
        /// Progress windows.
        var windows: [ConsumeWindow]
        /// True when the target was read.
        var complete: Bool
        /// Time in which the consumers did not hold every partition.
        var uncovered: Duration
    }

    /// Samples `progress` every few milliseconds until the target is read or nothing arrived
    /// for the idle timeout while the consumers held every partition (``ConsumeIdleClock``);
    /// windows every report interval.
    private static func watch(
        _ progress: ConsumeProgress, partitionCount: Int, settings: ConsumeSettings, onWindow: (ConsumeWindow) -> Void
    ) -> Watch {
        let clock = ContinuousClock()
        let begin = clock.now
        var idle = ConsumeIdleClock(idleTimeout: settings.idleTimeout, settleLimit: settleLimit)
        var windows: [ConsumeWindow] = []
        var windowStart = begin
        var windowRecords = 0
        var windowBytes = 0
        func closeWindow(at now: ContinuousClock.Instant) {
            let records = progress.records.load(ordering: .relaxed)
            let bytes = progress.bytes.load(ordering: .relaxed)
            let window = ConsumeWindow(
                endSeconds: begin.duration(to: now).seconds, seconds: windowStart.duration(to: now).seconds,
                records: records - windowRecords, bytes: bytes - windowBytes)
            windows.append(window)
            onWindow(window)
            (windowStart, windowRecords, windowBytes) = (now, records, bytes)
        }
        while true {
            let now = clock.now
            let count = progress.records.load(ordering: .relaxed)
            let covered = progress.assignedPartitions.load(ordering: .relaxed) >= partitionCount
            // Sampled every round, so the uncovered time is counted up to the end.
            let expired = idle.expired(at: begin.duration(to: now), records: count, covered: covered)
            if progress.distinct.load(ordering: .relaxed) >= progress.target { break }
            if expired {
                progress.stopping.store(true, ordering: .relaxed)
                return Watch(windows: windows, complete: false, uncovered: idle.uncovered(upTo: begin.duration(to: now)))
            }
            if windowStart.duration(to: now) >= settings.reportInterval { closeWindow(at: now) }
            Thread.sleep(forTimeInterval: 0.002)
        }
        let end = clock.now
        if progress.records.load(ordering: .relaxed) > windowRecords { closeWindow(at: end) }
        return Watch(windows: windows, complete: true, uncovered: idle.uncovered(upTo: begin.duration(to: end)))
    }
}
