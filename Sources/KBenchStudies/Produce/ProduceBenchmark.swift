import Foundation
import Histogram
import KafkaLive
import KafkaPartitioning
import KBenchWorkloads

/// The producer benchmark behind `kbench produce`: sends messages as fast as librdkafka takes
/// them, or at a fixed rate on a ``PacingSchedule`` (then every message's lag behind its
/// intended send time travels in its ``MessageStamp``, and response time is measured beside
/// service time: ``ProducePacing``), measures delivery latency and throughput from the
/// delivery reports, counts every failure by error, and checks each delivered partition
/// against kbench's prediction. Several producer instances run through ``ProducerInstances``.
///
/// The sending loop allocates nothing and retains nothing per message: messages come from a
/// ``MessageSequence`` (the one `--export-messages` writes too): keys from a ``KeyCursor``
/// (generated or read once, replayed from its cache on later passes), values from a
/// contiguous ``ValuePool`` pinned for the run, which librdkafka references instead of
/// copying each value; messages go to librdkafka 64 at a time (`rd_kafka_produce_batch`, see
/// ``MessageBatch``), which places each with the configured partitioner. Each key's predicted partition is computed where its bytes are
/// hot and travels with the message as librdkafka's per-message opaque, so a delivery report
/// is accounted for in a few instructions (``DeliveryAccounting``). The loop polls every 1024
/// messages, waits for reports while it is a ``SendWindow`` ahead of them and, when
/// librdkafka's queue is full, polls until there is room and sends the rest of the batch.
///
/// With `--end-to-end` (``ProduceSettings/endToEnd``), ``EndToEndConsumers`` positioned at the
/// end of every partition before the first send read the topic while it is written; the batch
/// stamps each value with its send time and identity (``EndToEndStamp``, values copied by
/// librdkafka in this mode only), a ``StampedDeliveryReceiver`` notes each delivered identity,
/// and after the last delivery report the consumers' reading is checked against it
/// (``EndToEndResult``).
///
/// With ``ProduceSettings/transactions`` (one producer instance), the producer is
/// transactional: a ``TransactionCycle`` begins a transaction before the first send and, when
/// one reaches its boundary (checked before each message), sends the batch, waits for its
/// delivery reports, commits or aborts it (timed) and begins the next; with `--end-to-end`
/// the consumers read with `read_committed` and the aborted transactions' sequence ranges
/// tell the check which records must not be read.
package enum ProduceBenchmark {
    /// The most memory a run spends on keeping a pass of keys for replaying (keys plus 16
    /// bytes each); larger key sets are generated or read again on every pass.
    package static let keyCacheBudget = 64 << 20

    /// Runs `settings`, calling `onWindow` with each progress window (on the calling thread);
    /// a run shorter than one report interval reports none (its one window is the result).
    ///
    /// - Throws: ``KafkaLiveError`` when the cluster cannot be reached or the topic's metadata
    ///   is not available within the connect timeout, or the producer cannot be created;
    ///   ``KeyReadError`` for a bad key file. Delivery failures are not thrown: they are in
    ///   the result.
    package static func run(
        _ settings: ProduceSettings,
        onWindow: (ProduceWindow) -> Void = { _ in }
    ) throws -> ProduceResult {
        // librdkafka references the values (no copy per message): they outlive the producers,
        // which `run(_:values:onWindow:)` creates and destroys.
        let values = settings.values.pinned()
        return try withExtendedLifetime(values) {
            if settings.producers > 1 { return try ProducerInstances.run(settings, values: values, onWindow: onWindow) }
            return try run(settings, values: values, onWindow: onWindow).result
        }
    }

    /// One producer instance's run: its result and the histograms behind its latency figures
    /// (µs), which ``ProducerInstances`` merges.
    struct InstanceOutcome: Sendable {
        /// The instance's result.
        var result: ProduceResult
        /// Service times.
        var service: Histogram<UInt64>
        /// Response times (empty unless paced).
        var response: Histogram<UInt64>
        /// With `--end-to-end`: the records its delivery reports said were delivered.
        var delivered: DeliveredLedger?
    }

    /// Runs one producer instance; `stamping` names it when it is one of several whose
    /// records the caller's consumers read (`--end-to-end`), else a run with `--end-to-end`
    /// reads its records back with consumers of its own.
    static func run(
        _ settings: ProduceSettings,
        values: PinnedValues,
        onWindow: (ProduceWindow) -> Void,
        stamping: EndToEndStamping? = nil
    ) throws -> InstanceOutcome {
        let clock = ContinuousClock()
        let strategy = settings.partitioner.predictionStrategy
        let schedule = settings.throughput.recordsPerSecond.map { PacingSchedule(recordsPerSecond: $0, start: 0) }
        let accounting = DeliveryAccounting(strategy: strategy?.name, exactLatency: settings.exactLatency, paced: schedule != nil)
        let wire = WireStatistics(topic: settings.topic)
        let deliveredLedger = settings.endToEnd.map { _ in DeliveredLedger() }
        var configuration = settings.configuration
        if let transactions = settings.transactions { configuration["transactional.id"] = transactions.transactionalID }
        let producer = try KafkaProducer(
            configuration: configuration, partitioner: settings.partitioner, wireStatistics: wire,
            receiver: deliveredLedger.map { StampedDeliveryReceiver(accounting: accounting, ledger: $0) } ?? accounting)
        var notes: [String] = []
        let partitionCount = try prepareTopic(settings, producer: producer)
        if settings.transactions != nil { try producer.initTransactions(timeoutMilliseconds: milliseconds(settings.connectTimeout)) }
        let topic = try producer.topic(settings.topic)
        var messages = try MessageSequence(
            keys: settings.keys, values: values, limit: settings.limit,
            predictor: PartitionPredictor(strategy: strategy, partitionCount: partitionCount))
        let consumers = stamping != nil ? nil : try settings.endToEnd.map {
            try endToEndConsumers($0, settings: settings, partitionCount: partitionCount, producer: producer, producerCount: 1)
        }
        consumers?.start()
        let backlog = consumers.flatMap { backlogTracker(settings, consumers: $0, partitionCount: partitionCount) }

        let start = clock.now
        let wallClockStart = Date()
        let timeOrigin = MessageStamp.monotonicMicroseconds()
        accounting.begin(partitionCount: partitionCount, start: start, timeOrigin: timeOrigin)
        let deadline: ContinuousClock.Instant? = if case .duration(let duration) = settings.limit { start.advanced(by: duration) } else { nil }
        let deadlineMicroseconds: UInt64 = if case .duration(let duration) = settings.limit { UInt64(milliseconds(duration * 1000)) } else { .max }
        /// The latest clock reading of the paced loop and its latest poll (µs since `timeOrigin`).
        var now: UInt64 = 0
        var lastPoll: UInt64 = 0
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
        var sendingEnded = false
        /// With `--backlog`: resumes the consumers, ends the drain, samples the lag.
        func observeBacklog() {
            backlog?.observe(now: MessageStamp.monotonicMicroseconds() &- timeOrigin, delivered: accounting.delivered,
                             deliveredBytes: accounting.deliveredBytes, sendingEnded: sendingEnded)
        }
        var transactions = settings.transactions.map { TransactionCycle($0, producer: producer, timeOrigin: timeOrigin) }
        var batch = MessageBatch(stamping: (stamping ?? consumers.map { EndToEndStamping(runTag: $0.runTag, producer: 0) })?.identityPrefix)
        /// Serves delivery reports (and closes a due window).
        func poll(_ timeoutMilliseconds: Int) {
            accounting.willPoll()
            producer.poll(timeoutMilliseconds: timeoutMilliseconds)
            if let window = accounting.closeWindowIfDue(now: clock.now, interval: interval) { onWindow(window) }
            observeBacklog()
        }
        /// Hands the batch to librdkafka; a full queue is polled until it takes the rest.
        func sendBatch() {
            queueFullWaits &+= batch.send(to: topic, timeOrigin: timeOrigin, whileQueueFull: { poll(10) }, rejected: accounting.recordRejected)
        }

        /// Waits for every report of what was sent (bounded by the flush timeout).
        func awaitReports() {
            let flushDeadline = clock.now.advanced(by: settings.flushTimeout)
            while producer.pendingCount > 0, clock.now < flushDeadline { poll(1) }
        }
        /// Sends the batch, ends the open transaction and, unless `last`, begins the next; false
        /// when transactional producing failed (the failure is in the cycle's result).
        func nextTransaction(last: Bool) -> Bool {
            sendBatch()
            transactions?.end(sent: sent, awaitReports: awaitReports)
            guard transactions?.failure == nil else { return false }
            return last || transactions?.begin(sent: sent) != false
        }

        do {
            let limit = transactions?.begin(sent: 0) == false ? 0 : messageLimit
            sending: while sent < limit {
                if let due = transactions?.isDue(sent: sent), due, !nextTransaction(last: false) { break sending }
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
                var intended = MessageBatch.unscheduled
                if let schedule {
                    // Send what is due; wait when the next message's time has not come.
                    intended = schedule.intendedTime(of: sent)
                    if intended >= deadlineMicroseconds { break sending }
                    if intended > now {
                        sendBatch()  // every message in it is due
                        now = MessageStamp.monotonicMicroseconds() &- timeOrigin
                        if intended > now {
                            guard let reached = PacingSchedule.wait(
                                until: intended, timeOrigin: timeOrigin, lastPoll: &lastPoll, poll: poll, shouldStop: { !beforeDeadline() })
                            else { break sending }
                            now = reached
                        }
                    }
                }
                guard try messages.withNext({ key, value, tag in batch.append(key: key, value: value, tag: tag, intendedTime: intended) }) != nil else {
                    notes.append("the keys ran out after \(sent) messages (\(settings.keys) cannot be re-read)")
                    break sending
                }
                sent &+= 1
                if batch.isFull { sendBatch() }
            }
            sendBatch()
            if transactions?.isOpen == true { _ = nextTransaction(last: true) }
        }
        if let failure = transactions?.failure { notes.append("transactions stopped: \(failure)") }
        if settings.mockCluster != nil, let transactions, transactions.aborted > 0 { notes.append(ProduceReport.embeddedAbortedNote) }
        let sendingEnd = MessageStamp.monotonicMicroseconds() &- timeOrigin
        sendingEnded = true

        // Wait for every report, polling so windows keep coming.
        let flushDeadline = clock.now.advanced(by: settings.flushTimeout)
        while producer.pendingCount > 0, clock.now < flushDeadline {
            poll(50)
        }
        let end = clock.now
        let tail = consumers?.awaitTail(
            delivered: accounting.delivered, settle: transactions == nil ? .zero : EndToEndSettings.transactionalSettle, whileWaiting: observeBacklog)
        let readingEnd = MessageStamp.monotonicMicroseconds() &- timeOrigin
        let outstanding = sent - accounting.reports - accounting.rejected
        if outstanding > 0 {
            accounting.noReportCount = outstanding
            notes.append("\(outstanding) messages had no delivery report within the flush timeout (\(settings.flushTimeout))")
        }
        // The closing window of a run shorter than one interval spans the whole run: its
        // figures are the result's, so it is kept in the result but not reported as progress
        // (kafka-producer-perf-test then prints its final line alone).
        if let window = accounting.closeWindowIfDue(now: end, interval: settings.reportInterval, force: true),
           accounting.windows.count > 1 {
            onWindow(window)
        }
        if let fatal = producer.fatalError { notes.append("producer fatal error: \(fatal)") }
        let wireTotals = wire.awaitFinalEmission(from: producer, timeoutMilliseconds: 4 * wire.intervalMilliseconds + 1_000)
        let dropped = settings.mockCluster == nil ? [:] : droppedByMockCluster(settings, partitionCount: partitionCount, producer: producer)
        if !dropped.isEmpty {
            notes.append(droppedNote(dropped))
        }
        let service = accounting.serviceHistogram()
        let response = accounting.responseHistogram()
        var result = ProduceResult(
            topic: settings.topic, partitionCount: partitionCount, partitioner: settings.partitioner.description,
            keys: settings.keys.description, values: settings.values.description, sent: sent,
            delivered: accounting.delivered, deliveredBytes: accounting.deliveredBytes, failures: accounting.failures,
            elapsedSeconds: Double(milliseconds(start.duration(to: end) * 1000)) / 1_000_000,
            latency: accounting.latency(service: service), deliveredPerPartition: accounting.perPartition, check: accounting.check,
            windows: accounting.windows, queueFullWaits: queueFullWaits, window: settings.window.description,
            windowWaits: windowWaits, notes: notes)
        result.droppedByMockCluster = dropped
        result.wallClock = WallClockWindow(start: wallClockStart, seconds: result.elapsedSeconds)
        result.transactions = transactions?.result
        if let consumers, let deliveredLedger, let tail {
            result.endToEnd = endToEndResult(
                consumers, delivered: [deliveredLedger], deliveredCount: accounting.delivered, tail: tail,
                settings: settings, partitionCount: partitionCount, producer: producer, abortedRanges: transactions?.abortedRanges)
            result.endToEnd?.backlog = backlog?.result(end: readingEnd, delivered: accounting.delivered, deliveredBytes: accounting.deliveredBytes)
        }
        if wireTotals.emissions > 0 {
            let prediction = ProduceWire.predict(settings, producer: producer, sent: sent, elapsedSeconds: result.elapsedSeconds)
            result.wire = ProduceWire(
                totals: wireTotals, prediction: prediction,
                delivered: accounting.delivered, lingerMilliseconds: producer.configurationValue("linger.ms").flatMap(Double.init))
        }
        if let schedule, let offered = settings.throughput.recordsPerSecond {
            // Sending time: to the intended time of the first message not sent, or to the last
            // send when the loop fell behind the schedule.
            let span = Swift.max(schedule.intendedTime(of: sent), sendingEnd) &- schedule.start
            result.pacing = ProducePacing(
                offeredRecordsPerSecond: offered,
                achievedRecordsPerSecond: span > 0 ? Double(sent) * 1_000_000 / Double(span) : 0,
                service: LatencyPercentiles(service), response: LatencyPercentiles(response))
        }
        result.histograms = ProduceHistograms(
            service: LatencyHistogram(service), response: schedule == nil ? nil : LatencyHistogram(response),
            endToEnd: result.endToEnd?.latencyHistogram)
        return InstanceOutcome(result: result, service: service, response: response, delivered: deliveredLedger)
    }

    /// The partitions of the run's topic whose low watermark is above 0 on the embedded
    /// cluster (it dropped their oldest batches), with that watermark.
    static func droppedByMockCluster(_ settings: ProduceSettings, partitionCount: Int, producer: KafkaProducer) -> [Int: Int64] {
        let lows = (try? producer.lowWatermarks(of: [settings.topic: partitionCount], timeoutMilliseconds: milliseconds(settings.connectTimeout))) ?? [:]
        var dropped: [Int: Int64] = [:]
        for (partition, low) in lows where low > 0 { dropped[Int(partition.partition)] = low }
        return dropped
    }

    /// One sentence on what the embedded cluster no longer holds (``ProduceResult/droppedByMockCluster``).
    package static func droppedNote(_ dropped: [Int: Int64]) -> String {
        let offsets = dropped.values.reduce(0, +)
        let partitions = dropped.sorted { $0.key < $1.key }.map { "[\($0.key)] 0…\($0.value - 1)" }.joined(separator: ", ")
        return "the embedded mock cluster no longer holds \(offsets) of the delivered messages (offsets \(partitions)): "
            + MockCluster.retentionDescription + "; every figure above counts deliveries, not what the cluster still holds"
    }

    /// Creates the topic when asked (on the embedded cluster directly, else through the Admin
    /// API) and returns its partition count from the cluster's metadata (one metadata round
    /// trip when no partition count is asked for).
    ///
    /// - Throws: ``KafkaLiveError/topicPartitions(topic:found:asked:creation:)`` before
    ///   anything is sent when a partition count was asked for and the topic does not have it
    ///   (it existed with another count, or CreateTopics failed — librdkafka's mock cluster,
    ///   `kbench broker`, does not serve it). Existence is read from the full topic list, so
    ///   a failed creation does not auto-create the topic with the cluster's default count.
    static func prepareTopic(_ settings: ProduceSettings, producer: KafkaProducer) throws(KafkaLiveError) -> Int {
        let timeout = milliseconds(settings.connectTimeout)
        if let partitions = settings.partitions {
            // Reach the cluster first: an unreachable bootstrap fails here, within the timeout.
            let cluster = try producer.metadata(timeoutMilliseconds: timeout)
            var found = try producer.topics(timeoutMilliseconds: timeout)[settings.topic]
            var creation = "it existed already"
            if found == nil {
                // librdkafka's mock cluster names no broker it has as its controller.
                let hasController = producer.controllerID(timeoutMilliseconds: 0).map { cluster.brokers[$0] != nil } ?? false
                let created: Bool
                (created, creation) = try createTopic(
                    settings, partitions: partitions, producer: producer, hasController: hasController, timeoutMilliseconds: timeout)
                found = created
                    ? try createdTopicPartitions(settings.topic, producer: producer, timeoutMilliseconds: timeout)
                    : try producer.topics(timeoutMilliseconds: timeout)[settings.topic]
            }
            guard found == partitions else {
                throw .topicPartitions(topic: settings.topic, found: found, asked: partitions, creation: creation)
            }
        }
        let metadata = try producer.metadata(topic: settings.topic, timeoutMilliseconds: timeout)
        return metadata.topicPartitionCount ?? 0
    }

    /// Creates the topic with `partitions` (on the embedded cluster directly, else through
    /// CreateTopics when the cluster has a controller) and says whether it was created and
    /// how, for ``KafkaLiveError/topicPartitions(topic:found:asked:creation:)``.
    private static func createTopic(
        _ settings: ProduceSettings, partitions: Int, producer: KafkaProducer, hasController: Bool, timeoutMilliseconds: Int
    ) throws(KafkaLiveError) -> (created: Bool, how: String) {
        if let mockCluster = settings.mockCluster {
            try mockCluster.createTopic(settings.topic, partitions: partitions)
            return (true, "created on the embedded cluster")
        }
        guard hasController else {
            return (false, "CreateTopics not tried: the cluster names no controller to serve it, as librdkafka's mock cluster (kbench broker) does")
        }
        do {
            _ = try producer.createTopic(settings.topic, partitions: partitions, timeoutMilliseconds: Swift.min(timeoutMilliseconds, 5_000))
            return (true, "created through CreateTopics")
        } catch {
            return (false, "CreateTopics: \(error)")
        }
    }

    /// The partition count of a topic just created, from the full topic list (which does not
    /// auto-create it), asked again for a moment while the cluster's metadata catches up.
    private static func createdTopicPartitions(
        _ topic: String, producer: KafkaProducer, timeoutMilliseconds: Int
    ) throws(KafkaLiveError) -> Int? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Swift.min(timeoutMilliseconds, 3_000)))
        while true {
            if let count = try producer.topics(timeoutMilliseconds: timeoutMilliseconds)[topic] { return count }
            if clock.now >= deadline { return nil }
            producer.poll(timeoutMilliseconds: 100)
        }
    }
}
