import CRdKafka
import KafkaPartitioning
import KafkaRecords
import Synchronization

/// A librdkafka producer: configuration dictionary in, messages out, delivery reports back.
///
/// Messages go through `rd_kafka_produceva` (Swift cannot call the variadic
/// `rd_kafka_producev`) with their key, value, headers, timestamp and partition copied by
/// librdkafka (`RD_KAFKA_MSG_F_COPY`), from a scratch buffer reused message after message.
/// Delivery reports arrive through the handler given at creation, on the thread that calls
/// ``poll(timeoutMilliseconds:)`` or ``flush(timeoutMilliseconds:)``; the handler is reached
/// through the handle's opaque pointer (no global state).
///
/// `Sendable`: librdkafka documents its handles as thread-safe — `rd_kafka_produceva`,
/// `rd_kafka_poll`, `rd_kafka_flush` and `rd_kafka_outq_len` may run concurrently from any
/// threads — and the scratch buffer is behind a mutex. The handle is destroyed in `deinit`:
/// call ``flush(timeoutMilliseconds:)`` first, or undelivered messages are dropped.
package final class KafkaProducer: @unchecked Sendable {
    let handle: OpaquePointer
    private let sink: Unmanaged<DeliveryReportSink>
    private let partitionerContext: Unmanaged<PartitionerCallbackContext>?
    private let scratch = Mutex(ProduceScratch())
    private let topics = Mutex([String: ProducerTopic]())
    /// Set once CreateTopics timed out waiting for a controller (librdkafka's mock cluster):
    /// later topics rely on auto-creation instead of waiting again.
    let createTopicsUnavailable = Mutex(false)

    /// A producer with `configuration` (`bootstrap.servers`, `compression.type`, …) calling
    /// `onDelivery` for each delivery report, `onError` for librdkafka's client-level errors
    /// (`_TRANSPORT`, `_ALL_BROKERS_DOWN`, …; without it librdkafka only logs them) and, when
    /// `statistics.interval.ms` is set, `onStatistics` with librdkafka's statistics JSON.
    package convenience init(
        configuration: KafkaConfiguration,
        onStatistics: (@Sendable (String) -> Void)? = nil,
        onDelivery: (@Sendable (DeliveryReport) -> Void)? = nil,
        onError: (@Sendable (KafkaLiveError) -> Void)? = nil
    ) throws(KafkaLiveError) {
        try self.init(
            configuration: configuration, partitioner: nil, onStatistics: onStatistics, receiver: nil,
            onDelivery: onDelivery, onError: onError)
    }

    /// A producer placing unpartitioned messages with `partitioner` (nil: librdkafka's
    /// `partitioner` property as configured, default `consistent_random`).
    ///
    /// - Parameters:
    ///   - wireStatistics: fed every statistics emission (as well as `onStatistics`), for the
    ///     bytes a topic's batches put on the wire; `statistics.interval.ms` is set to its
    ///     interval unless the configuration sets one.
    ///   - receiver: given every delivery report as a borrowed, allocation-free
    ///     ``DeliveryEvent`` (on the thread that polls or flushes); kept alive by the producer.
    ///   - onDelivery: called with an owned ``DeliveryReport`` (copies the topic name).
    ///   - onError: called with librdkafka's client-level errors (on the polling thread).
    /// - Throws: `.configuration` when `partitioner` is a kbench strategy while the
    ///   configuration also sets librdkafka's `partitioner` property.
    package init(
        configuration: KafkaConfiguration,
        partitioner: ProducerPartitioner?,
        onStatistics: (@Sendable (String) -> Void)? = nil,
        wireStatistics: WireStatistics? = nil,
        receiver: (any DeliveryEventReceiver)? = nil,
        onDelivery: (@Sendable (DeliveryReport) -> Void)? = nil,
        onError: (@Sendable (KafkaLiveError) -> Void)? = nil
    ) throws(KafkaLiveError) {
        var configuration = configuration
        var statistics = onStatistics
        if let wireStatistics {
            if configuration["statistics.interval.ms"] == nil {
                configuration["statistics.interval.ms"] = String(wireStatistics.intervalMilliseconds)
            }
            statistics = { json in
                wireStatistics.record(json)
                onStatistics?(json)
            }
        }
        var context: Unmanaged<PartitionerCallbackContext>?
        switch partitioner {
        case .librdkafka(let name)?:
            configuration["partitioner"] = name
        case .strategy(let strategy, let seed)?:
            if let property = configuration["partitioner"] {
                throw .configuration(property: "partitioner", message: "'\(property)' conflicts with the kbench strategy \(strategy.name)")
            }
            context = Unmanaged.passRetained(PartitionerCallbackContext(
                strategy: strategy, seed: seed, configuration: ProducerConfiguration.from(configuration)))
        case nil:
            break
        }
        let conf: OpaquePointer
        do {
            conf = try configuration.makeNativeConfiguration()
        } catch {
            context?.release()
            throw error
        }
        let sink = Unmanaged.passRetained(DeliveryReportSink(
            handler: onDelivery, receiver: receiver, statistics: statistics, errors: onError))
        rd_kafka_conf_set_opaque(conf, sink.toOpaque())
        rd_kafka_conf_set_dr_msg_cb(conf, deliveryReportCallback)
        if statistics != nil { rd_kafka_conf_set_stats_cb(conf, statisticsCallback) }
        if onError != nil { rd_kafka_conf_set_error_cb(conf, clientErrorCallback) }
        if let context {
            // Topic properties set above live in the default topic configuration: extend it.
            var topicConf = rd_kafka_conf_get_default_topic_conf(conf)
            if topicConf == nil {
                topicConf = rd_kafka_topic_conf_new()
                rd_kafka_conf_set_default_topic_conf(conf, topicConf)
            }
            rd_kafka_topic_conf_set_partitioner_cb(topicConf, partitionerCallback)
            rd_kafka_topic_conf_set_opaque(topicConf, context.toOpaque())
        }
        do {
            handle = try makeNativeHandle(RD_KAFKA_PRODUCER, conf)
        } catch {
            sink.release()
            context?.release()
            throw error
        }
        self.sink = sink
        self.partitionerContext = context
    }

    deinit {
        topics.withLock { topics in
            for topic in topics.values { rd_kafka_topic_destroy(topic.pointer) }
            topics.removeAll()
        }
        rd_kafka_destroy(handle)
        sink.release()  // after the handle: no callback can run any more
        partitionerContext?.release()
    }

    /// The client's name (`rd_kafka_name`), e.g. `rdkafka#producer-1`.
    package var name: String { String(cString: rd_kafka_name(handle)) }

    /// A handle for `name`, created once and kept for the producer's lifetime: produce with it
    /// to skip the per-message topic lookup.
    package func topic(_ name: String) throws(KafkaLiveError) -> ProducerTopic {
        let handle = self.handle
        let topic: ProducerTopic? = topics.withLock { topics in
            if let existing = topics[name] { return existing }
            guard let created = rd_kafka_topic_new(handle, name, nil) else { return nil }
            let topic = ProducerTopic(name: name, pointer: created)
            topics[name] = topic
            return topic
        }
        guard let topic else { throw .call("rd_kafka_topic_new(\(name))", rd_kafka_last_error()) }
        return topic
    }

    /// Enqueues `message` (partition `nil` = the configured partitioner chooses).
    ///
    /// - Parameter id: returned in its ``DeliveryReport/messageID``.
    /// - Parameter blockWhenQueueFull: wait for room instead of failing with `_QUEUE_FULL`.
    package func produce(_ message: ProducerMessage, id: UInt = 0, blockWhenQueueFull: Bool = false) throws(KafkaLiveError) {
        let flags = ProduceScratch.copyFlag | (blockWhenQueueFull ? ProduceScratch.blockFlag : 0)
        let handle = self.handle
        let failure: KafkaLiveError? = scratch.withLock { scratch in
            let error = scratch.withArguments(for: message, id: id, flags: flags) { arguments in
                rd_kafka_produceva(handle, arguments.baseAddress, arguments.count)
            }
            return error.map { KafkaLiveError.consuming("rd_kafka_produceva", $0) }
        }
        if let failure { throw failure }
    }

    /// Enqueues one message from borrowed bytes, copied by librdkafka (`RD_KAFKA_MSG_F_COPY`):
    /// the allocation-free path for high rates. Returns `noError`, or the code librdkafka
    /// refused the message with (`_QUEUE_FULL`: poll, then try again).
    ///
    /// - Parameters:
    ///   - key: nil for a null key; an empty buffer is an empty (non-null) key.
    ///   - value: nil for a null value.
    ///   - partition: nil lets the partitioner choose.
    @inlinable
    package func produce(
        to topic: ProducerTopic,
        key: UnsafeRawBufferPointer?,
        value: UnsafeRawBufferPointer?,
        partition: Int32? = nil,
        id: UInt = 0
    ) -> LibrdkafkaErrorCode {
        LibrdkafkaErrorCode(rawValue: kbenchProduce(
            topic.pointer, partition ?? -1, key, value, UnsafeMutableRawPointer(bitPattern: id)))
    }

    /// Serves delivery reports and other callbacks for up to `timeoutMilliseconds` (0 = do not
    /// wait); returns how many events were served.
    @discardableResult
    package func poll(timeoutMilliseconds: Int = 0) -> Int {
        Int(rd_kafka_poll(handle, Int32(clamping: timeoutMilliseconds)))
    }

    /// Waits until every message is delivered or failed (their reports served), at most
    /// `timeoutMilliseconds`; throws `.timedOut` with messages still outstanding.
    package func flush(timeoutMilliseconds: Int) throws(KafkaLiveError) {
        let error = rd_kafka_flush(handle, Int32(clamping: timeoutMilliseconds))
        if error == RD_KAFKA_RESP_ERR__TIMED_OUT {
            throw .timedOut(operation: "rd_kafka_flush (\(pendingCount) messages outstanding)", milliseconds: timeoutMilliseconds)
        }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_flush", error) }
    }

    /// The value librdkafka uses for configuration `property` (set or default), if known.
    package func configurationValue(_ property: String) -> String? {
        guard let conf = rd_kafka_conf(handle) else { return nil }
        var size = 0
        guard rd_kafka_conf_get(conf, property, nil, &size) == RD_KAFKA_CONF_OK, size > 0 else { return nil }
        var text = [CChar](repeating: 0, count: size)
        guard rd_kafka_conf_get(conf, property, &text, &size) == RD_KAFKA_CONF_OK else { return nil }
        return cText(text)
    }

    /// Messages and requests not yet delivered (`rd_kafka_outq_len`).
    package var pendingCount: Int { Int(rd_kafka_outq_len(handle)) }

    /// The producer's fatal error (idempotence/transactions), if one was raised.
    package var fatalError: KafkaLiveError? {
        var text = [CChar](repeating: 0, count: 512)
        let code = rd_kafka_fatal_error(handle, &text, text.count)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        return .librdkafka(operation: "producer", code: LibrdkafkaErrorCode(code), message: cText(text))
    }
}

/// A topic handle of one ``KafkaProducer`` (valid while the producer lives).
package struct ProducerTopic: @unchecked Sendable, Hashable {
    /// The topic name.
    package let name: String
    @usableFromInline let pointer: OpaquePointer
}

/// `rd_kafka_produce` for one message with `RD_KAFKA_MSG_F_COPY`; returns the error code.
@usableFromInline
func kbenchProduce(
    _ topic: OpaquePointer, _ partition: Int32, _ key: UnsafeRawBufferPointer?, _ value: UnsafeRawBufferPointer?,
    _ opaque: UnsafeMutableRawPointer?
) -> Int32 {
    // A non-null key needs a non-null pointer even when empty (null and empty keys differ).
    let keyPointer: UnsafeRawPointer? = key.map { $0.baseAddress ?? ProduceScratch.emptyBytes }
    let valuePointer: UnsafeMutableRawPointer? = value.map { UnsafeMutableRawPointer(mutating: $0.baseAddress ?? ProduceScratch.emptyBytes) }
    let result = rd_kafka_produce(
        topic, partition, ProduceScratch.copyFlag, valuePointer, value?.count ?? 0, keyPointer, key?.count ?? 0, opaque)
    return result == 0 ? 0 : rd_kafka_last_error().rawValue
}

/// The bytes and `rd_kafka_vu_t` arguments of one `rd_kafka_produceva` call, kept between
/// calls so producing allocates nothing once the buffers have grown.
struct ProduceScratch: ~Copyable {
    /// `RD_KAFKA_MSG_F_COPY` (a macro Swift cannot import).
    static let copyFlag: Int32 = 0x2
    /// `RD_KAFKA_MSG_F_BLOCK`.
    static let blockFlag: Int32 = 0x4
    /// `RD_KAFKA_PARTITION_UA`.
    static let unassignedPartition: Int32 = -1
    /// A valid address for empty keys and values (never read: their length is 0).
    nonisolated(unsafe) static let emptyBytes = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))

    private var bytes: [UInt8] = []
    private var pieces: [Piece] = []
    private var arguments: [rd_kafka_vu_t] = []

    /// Where each piece sits in `bytes` (C strings are NUL-terminated there).
    private enum Piece {
        case topic(Int)
        case key(Int, Int)
        case value(Int, Int)
        case header(name: Int, value: Int, count: Int)
    }

    private mutating func store(_ data: some Collection<UInt8>) -> Int {
        let offset = bytes.count
        bytes.append(contentsOf: data)
        return offset
    }

    /// Lays `message` out and calls `body` with the argument array.
    mutating func withArguments<Result>(
        for message: ProducerMessage,
        id: UInt,
        flags: Int32,
        _ body: (UnsafeBufferPointer<rd_kafka_vu_t>) -> Result
    ) -> Result {
        bytes.removeAll(keepingCapacity: true)
        pieces.removeAll(keepingCapacity: true)
        pieces.append(.topic(store(message.topic.utf8)))
        bytes.append(0)
        // -1 marks null; an empty (non-null) field gets a valid pointer and size 0.
        pieces.append(message.key.map { .key(store($0), $0.count) } ?? .key(-1, 0))
        pieces.append(message.value.map { .value(store($0), $0.count) } ?? .value(-1, 0))
        for header in message.headers {
            let name = store(header.key.utf8)
            bytes.append(0)
            if let value = header.value {
                pieces.append(.header(name: name, value: store(value), count: value.count))
            } else {
                pieces.append(.header(name: name, value: -1, count: 0))
            }
        }
        let pieces = self.pieces
        return bytes.withUnsafeBytes { raw in
            // `bytes` always holds the topic's NUL, so the base address exists.
            let base = raw.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
            func pointer(_ offset: Int) -> UnsafeMutableRawPointer? { offset < 0 ? nil : base.map { $0 + offset } }
            arguments.removeAll(keepingCapacity: true)
            for piece in pieces {
                var argument = rd_kafka_vu_t()
                switch piece {
                case .topic(let offset):
                    argument.vtype = RD_KAFKA_VTYPE_TOPIC
                    argument.u.cstr = UnsafePointer(pointer(offset)?.assumingMemoryBound(to: CChar.self))
                case .key(let offset, let count):
                    argument.vtype = RD_KAFKA_VTYPE_KEY
                    argument.u.mem.ptr = pointer(offset)
                    argument.u.mem.size = count
                case .value(let offset, let count):
                    argument.vtype = RD_KAFKA_VTYPE_VALUE
                    argument.u.mem.ptr = pointer(offset)
                    argument.u.mem.size = count
                case .header(let name, let value, let count):
                    argument.vtype = RD_KAFKA_VTYPE_HEADER
                    argument.u.header.name = UnsafePointer(pointer(name)?.assumingMemoryBound(to: CChar.self))
                    argument.u.header.val = UnsafeRawPointer(pointer(value))
                    argument.u.header.size = count
                }
                arguments.append(argument)
            }
            var partition = rd_kafka_vu_t()
            partition.vtype = RD_KAFKA_VTYPE_PARTITION
            partition.u.i32 = message.partition ?? Self.unassignedPartition
            arguments.append(partition)
            if let timestamp = message.timestamp {
                var argument = rd_kafka_vu_t()
                argument.vtype = RD_KAFKA_VTYPE_TIMESTAMP
                argument.u.i64 = timestamp
                arguments.append(argument)
            }
            var flagsArgument = rd_kafka_vu_t()
            flagsArgument.vtype = RD_KAFKA_VTYPE_MSGFLAGS
            flagsArgument.u.i = flags
            arguments.append(flagsArgument)
            var opaque = rd_kafka_vu_t()
            opaque.vtype = RD_KAFKA_VTYPE_OPAQUE
            opaque.u.ptr = UnsafeMutableRawPointer(bitPattern: id)
            arguments.append(opaque)
            return arguments.withUnsafeBufferPointer(body)
        }
    }
}
