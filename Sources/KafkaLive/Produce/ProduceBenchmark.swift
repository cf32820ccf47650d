import KafkaPartitioning
import KBenchWorkloads

/// The producer benchmark behind `kbench produce`: sends messages as fast as librdkafka takes
/// them, measures delivery latency and throughput from the delivery reports, counts every
/// failure by error, and checks each delivered partition against kbench's prediction.
///
/// The sending loop allocates nothing and retains nothing per message: keys come from a
/// ``KeyCursor`` (generated or read once, replayed from its cache on later passes), values
/// from a contiguous ``ValuePool`` pinned for the run, which librdkafka references instead of
/// copying each value; messages go to librdkafka 64 at a time (`rd_kafka_produce_batch`, see
/// ``MessageBatch``), which places each with the configured partitioner. Each key's predicted partition is computed where its bytes are
/// hot and travels with the message as librdkafka's per-message opaque, so a delivery report
/// is accounted for in a few instructions (``DeliveryAccounting``). The loop polls every 1024
/// messages, waits for reports while it is a ``SendWindow`` ahead of them and, when
/// librdkafka's queue is full, polls until there is room and sends the rest of the batch.
public enum ProduceBenchmark {
    /// The most memory a run spends on keeping a pass of keys for replaying (keys plus 16
    /// bytes each); larger key sets are generated or read again on every pass.
    public static let keyCacheBudget = 64 << 20

    /// Runs `settings`, calling `onWindow` with each progress window (on the calling thread).
    ///
    /// - Throws: ``KafkaLiveError`` when the cluster cannot be reached or the topic's metadata
    ///   is not available within the connect timeout, or the producer cannot be created;
    ///   ``KeyReadError`` for a bad key file. Delivery failures are not thrown: they are in
    ///   the result.
    public static func run(
        _ settings: ProduceSettings,
        onWindow: (ProduceWindow) -> Void = { _ in }
    ) throws -> ProduceResult {
        // librdkafka references the values (no copy per message): they outlive the producer,
        // which `run(_:values:onWindow:)` creates and destroys.
        let values = settings.values.pinned()
        return try withExtendedLifetime(values) { try run(settings, values: values, onWindow: onWindow) }
    }

    private static func run(
        _ settings: ProduceSettings,
        values: PinnedValues,
        onWindow: (ProduceWindow) -> Void
    ) throws -> ProduceResult {
        let clock = ContinuousClock()
        let strategy = settings.partitioner.predictionStrategy
        let accounting = DeliveryAccounting(strategy: strategy?.name, exactLatency: settings.exactLatency)
        let producer = try KafkaProducer(
            configuration: settings.configuration, partitioner: settings.partitioner, receiver: accounting)
        var notes: [String] = []
        let partitionCount = try prepareTopic(settings, producer: producer, notes: &notes)
        let topic = try producer.topic(settings.topic)
        var keys = try KeyCursor(
            settings.keys, predictor: PartitionPredictor(strategy: strategy, partitionCount: partitionCount),
            cacheBudget: mayOutlastOnePass(settings) ? keyCacheBudget : 0)

        let start = clock.now
        let timeOrigin = MessageStamp.monotonicMicroseconds()
        accounting.begin(partitionCount: partitionCount, start: start, timeOrigin: timeOrigin)
        let deadline: ContinuousClock.Instant? = if case .duration(let duration) = settings.limit { start.advanced(by: duration) } else { nil }
        let messageLimit: Int = if case .messages(let count) = settings.limit { count } else { .max }
        let interval = settings.reportInterval
        var sent = 0
        var queueFullWaits = 0
        var inFlightLimit = SendWindowEstimate(
            settings.window, lingerMilliseconds: producer.configurationValue("linger.ms").flatMap(Double.init) ?? 5)
        var windowWaits = 0
        /// Messages sent whose report has not come (refused ones never get one).
        func inFlight() -> Int { sent &- accounting.reports &- accounting.rejected }
        func beforeDeadline() -> Bool { deadline.map { clock.now < $0 } ?? true }
        var batch = MessageBatch()
        /// Serves delivery reports (and closes a due window).
        func poll(_ timeoutMilliseconds: Int) {
            accounting.willPoll()
            producer.poll(timeoutMilliseconds: timeoutMilliseconds)
            if let window = accounting.closeWindowIfDue(now: clock.now, interval: interval) { onWindow(window) }
        }
        /// Hands the batch to librdkafka; a full queue is polled until it takes the rest.
        func sendBatch() {
            queueFullWaits &+= batch.send(to: topic, timeOrigin: timeOrigin, whileQueueFull: { poll(10) }, rejected: accounting.recordRejected)
        }

        do {
            let valueCount = values.count
            var valueIndex = 0
            sending: while sent < messageLimit {
                // Every 1024 messages (16 batches, so between batches): reports, window, deadline.
                if sent & 1023 == 0 {
                    poll(0)
                    inFlightLimit.update(now: MessageStamp.monotonicMicroseconds(), reports: accounting.reports, fastestDelivery: accounting.fastestDelivery)
                    if inFlight() > inFlightLimit.limit {
                        // Too far ahead of the reports: wait for some instead of queueing more.
                        windowWaits &+= 1
                        repeat { poll(1) } while inFlight() > inFlightLimit.limit && beforeDeadline()
                    }
                    if !beforeDeadline() { break sending }
                }
                let value = values.value(valueIndex)
                valueIndex = valueIndex &+ 1 == valueCount ? 0 : valueIndex &+ 1
                guard try keys.withNext({ key, tag in batch.append(key: key, value: value, tag: tag) }) != nil else {
                    notes.append("the keys ran out after \(sent) messages (\(settings.keys) cannot be re-read)")
                    break sending
                }
                sent &+= 1
                if batch.isFull { sendBatch() }
            }
            sendBatch()
        }

        // Wait for every report, polling so windows keep coming.
        let flushDeadline = clock.now.advanced(by: settings.flushTimeout)
        while producer.pendingCount > 0, clock.now < flushDeadline {
            poll(50)
        }
        let end = clock.now
        let outstanding = sent - accounting.reports - accounting.rejected
        if outstanding > 0 {
            accounting.noReportCount = outstanding
            notes.append("\(outstanding) messages had no delivery report within the flush timeout (\(settings.flushTimeout))")
        }
        if let window = accounting.closeWindowIfDue(now: end, interval: settings.reportInterval, force: true) {
            onWindow(window)
        }
        if let fatal = producer.fatalError { notes.append("producer fatal error: \(fatal)") }
        return ProduceResult(
            topic: settings.topic, partitionCount: partitionCount, partitioner: settings.partitioner.description,
            keys: settings.keys.description, values: settings.values.description, sent: sent,
            delivered: accounting.delivered, deliveredBytes: accounting.deliveredBytes, failures: accounting.failures,
            elapsedSeconds: Double(milliseconds(start.duration(to: end) * 1000)) / 1_000_000,
            latency: accounting.latency, deliveredPerPartition: accounting.perPartition, check: accounting.check,
            windows: accounting.windows, queueFullWaits: queueFullWaits, window: settings.window.description,
            windowWaits: windowWaits, notes: notes)
    }

    /// Whether the run may need the keys more than once (then a pass is kept for replaying).
    static func mayOutlastOnePass(_ settings: ProduceSettings) -> Bool {
        guard case .messages(let count) = settings.limit else { return true }
        switch settings.keys {
        case .none: return false
        case .generated(let spec, _): return count > spec.count
        case .file: return true
        }
    }

    /// Creates the topic when asked (on the embedded cluster directly, else through the Admin
    /// API) and returns its partition count from the cluster's metadata (one metadata round
    /// trip when no partition count is asked for).
    static func prepareTopic(_ settings: ProduceSettings, producer: KafkaProducer, notes: inout [String]) throws(KafkaLiveError) -> Int {
        let timeout = milliseconds(settings.connectTimeout)
        var existed = true
        if let partitions = settings.partitions {
            // Reach the cluster first: an unreachable bootstrap fails here, within the timeout.
            _ = try producer.metadata(timeoutMilliseconds: timeout)
            existed = try producer.topics(timeoutMilliseconds: timeout)[settings.topic] != nil
            if !existed, let note = try producer.ensureTopic(
                settings.topic, partitions: partitions, mockCluster: settings.mockCluster, timeoutMilliseconds: timeout) {
                notes.append(note)
            }
        }
        let metadata = try producer.metadata(topic: settings.topic, timeoutMilliseconds: timeout)
        let count = metadata.topicPartitionCount ?? 0
        if let partitions = settings.partitions, partitions != count {
            notes.append("topic \(settings.topic) has \(count) partitions, not the \(partitions) asked for" + (existed ? " (it existed already)" : ""))
        }
        return count
    }
}
