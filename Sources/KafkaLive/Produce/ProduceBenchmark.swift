import KafkaPartitioning
import KBenchWorkloads

/// The producer benchmark behind `kbench produce`: sends messages as fast as librdkafka takes
/// them, measures delivery latency and throughput from the delivery reports, counts every
/// failure by error, and checks each delivered partition against kbench's prediction.
///
/// The sending loop allocates nothing per message: keys are generated into one reused
/// ``KeyBuffer``, values come from a contiguous ``ValuePool``, librdkafka copies both
/// (`RD_KAFKA_MSG_F_COPY`), and delivery reports are read in place (``DeliveryEvent``). The
/// loop polls every 1024 messages and, when librdkafka's queue is full, polls until there
/// is room and sends again.
public enum ProduceBenchmark {
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
        let clock = ContinuousClock()
        let accounting = DeliveryAccounting(prediction: settings.partitioner.predictionStrategy)
        let producer = try KafkaProducer(
            configuration: settings.configuration, partitioner: settings.partitioner, receiver: accounting)
        var notes: [String] = []
        let partitionCount = try prepareTopic(settings, producer: producer, notes: &notes)
        let topic = try producer.topic(settings.topic)
        var keys = try KeyCursor(settings.keys)

        let start = clock.now
        accounting.begin(partitionCount: partitionCount, start: start)
        let deadline: ContinuousClock.Instant? = if case .duration(let duration) = settings.limit { start.advanced(by: duration) } else { nil }
        let messageLimit: Int = if case .messages(let count) = settings.limit { count } else { .max }
        var sent = 0
        var queueFullWaits = 0
        var key = KeyBuffer()

        func serviceWindow() {
            if let window = accounting.closeWindowIfDue(now: clock.now, interval: settings.reportInterval) { onWindow(window) }
        }

        try settings.values.withStorage { values, offsets in
            let valueCount = offsets.count - 1
            var valueIndex = 0
            sending: while sent < messageLimit {
                if sent & 1023 == 0 {
                    producer.poll(timeoutMilliseconds: 0)
                    serviceWindow()
                    if let deadline, clock.now >= deadline { break sending }
                }
                guard try keys.next(into: &key) else {
                    notes.append("the keys ran out after \(sent) messages (\(settings.keys) cannot be re-read)")
                    break sending
                }
                let valueStart = offsets[valueIndex]
                let value = UnsafeRawBufferPointer(rebasing: values[valueStart..<offsets[valueIndex + 1]])
                valueIndex = valueIndex + 1 == valueCount ? 0 : valueIndex + 1
                let id = UInt(sent)
                while true {
                    let error: LibrdkafkaErrorCode = if keys.isNull {
                        producer.produce(to: topic, key: nil, value: value, id: id)
                    } else {
                        key.withUnsafeBytes { producer.produce(to: topic, key: $0, value: value, id: id) }
                    }
                    if error == .noError { break }
                    if error == .queueFull {
                        queueFullWaits += 1
                        producer.poll(timeoutMilliseconds: 10)
                        serviceWindow()
                        continue
                    }
                    accounting.recordRejected(error)
                    break
                }
                sent += 1
            }
        }

        // Wait for every report, polling so windows keep coming.
        let flushDeadline = clock.now.advanced(by: settings.flushTimeout)
        while producer.pendingCount > 0, clock.now < flushDeadline {
            producer.poll(timeoutMilliseconds: 50)
            serviceWindow()
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
            windows: accounting.windows, queueFullWaits: queueFullWaits, notes: notes)
    }

    /// Creates the topic when asked (on the embedded cluster directly, else through the Admin
    /// API) and returns its partition count from the cluster's metadata.
    static func prepareTopic(_ settings: ProduceSettings, producer: KafkaProducer, notes: inout [String]) throws(KafkaLiveError) -> Int {
        let timeout = milliseconds(settings.connectTimeout)
        // Reach the cluster first: an unreachable bootstrap fails here, within the timeout.
        _ = try producer.metadata(timeoutMilliseconds: timeout)
        let existed = try producer.topics(timeoutMilliseconds: timeout)[settings.topic] != nil
        if let partitions = settings.partitions, !existed,
           let note = try producer.ensureTopic(settings.topic, partitions: partitions, mockCluster: settings.mockCluster, timeoutMilliseconds: timeout) {
            notes.append(note)
        }
        let metadata = try producer.metadata(topic: settings.topic, timeoutMilliseconds: timeout)
        let count = metadata.topicPartitionCount ?? 0
        if let partitions = settings.partitions, partitions != count {
            notes.append("topic \(settings.topic) has \(count) partitions, not the \(partitions) asked for" + (existed ? " (it existed already)" : ""))
        }
        return count
    }
}

/// The run's key stream: null, generated (cycled) or from a file (re-read when possible).
/// Sources are stored separately so advancing one mutates it in place (no copy per key).
struct KeyCursor {
    private var generator: KeyGenerator?
    private var reader: KeyFileReader?
    /// True when every key is null.
    let isNull: Bool

    init(_ keys: ProduceKeys) throws(KeyReadError) {
        switch keys {
        case .none:
            isNull = true
        case .generated(let spec, let seed):
            generator = KeyGenerator(spec: spec, seed: seed)
            isNull = false
        case .file(let path):
            reader = try KeyFileReader(path: path)
            isNull = false
        }
    }

    /// The next key (left untouched for null keys); false when the keys ran out for good.
    mutating func next(into key: inout KeyBuffer) throws(KeyReadError) -> Bool {
        // Optional chaining mutates the stored source in place.
        if let more = generator?.nextKey(into: &key) {
            if more { return true }
            generator?.reset()
            return generator?.nextKey(into: &key) ?? false
        }
        if let more = try reader?.nextKey(into: &key) {
            if more { return true }
            guard let reader, reader.isRewindable, reader.lineNumber > 0 else { return false }
            try self.reader?.rewind()
            return try self.reader?.nextKey(into: &key) ?? false
        }
        return true
    }
}
