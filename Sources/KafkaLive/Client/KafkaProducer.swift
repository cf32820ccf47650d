import CRdKafka
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
public final class KafkaProducer: @unchecked Sendable {
    private let handle: OpaquePointer
    private let sink: Unmanaged<DeliveryReportSink>
    private let scratch = Mutex(ProduceScratch())

    /// A producer with `configuration` (`bootstrap.servers`, `compression.type`, …) calling
    /// `onDelivery` for each delivery report and, when `statistics.interval.ms` is set,
    /// `onStatistics` with librdkafka's statistics JSON.
    public init(
        configuration: KafkaConfiguration,
        onStatistics: (@Sendable (String) -> Void)? = nil,
        onDelivery: (@Sendable (DeliveryReport) -> Void)? = nil
    ) throws(KafkaLiveError) {
        let conf = try configuration.makeNativeConfiguration()
        let sink = Unmanaged.passRetained(DeliveryReportSink(handler: onDelivery, statistics: onStatistics))
        rd_kafka_conf_set_opaque(conf, sink.toOpaque())
        rd_kafka_conf_set_dr_msg_cb(conf, deliveryReportCallback)
        if onStatistics != nil { rd_kafka_conf_set_stats_cb(conf, statisticsCallback) }
        do {
            handle = try makeNativeHandle(RD_KAFKA_PRODUCER, conf)
        } catch {
            sink.release()
            throw error
        }
        self.sink = sink
    }

    deinit {
        rd_kafka_destroy(handle)
        sink.release()  // after the handle: no callback can run any more
    }

    /// The client's name (`rd_kafka_name`), e.g. `rdkafka#producer-1`.
    public var name: String { String(cString: rd_kafka_name(handle)) }

    /// Enqueues `message` (partition `nil` = the configured partitioner chooses).
    ///
    /// - Parameter id: returned in its ``DeliveryReport/messageID``.
    /// - Parameter blockWhenQueueFull: wait for room instead of failing with `_QUEUE_FULL`.
    public func produce(_ message: ProducerMessage, id: UInt = 0, blockWhenQueueFull: Bool = false) throws(KafkaLiveError) {
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

    /// Serves delivery reports and other callbacks for up to `timeoutMilliseconds` (0 = do not
    /// wait); returns how many events were served.
    @discardableResult
    public func poll(timeoutMilliseconds: Int = 0) -> Int {
        Int(rd_kafka_poll(handle, Int32(clamping: timeoutMilliseconds)))
    }

    /// Waits until every message is delivered or failed (their reports served), at most
    /// `timeoutMilliseconds`; throws `.timedOut` with messages still outstanding.
    public func flush(timeoutMilliseconds: Int) throws(KafkaLiveError) {
        let error = rd_kafka_flush(handle, Int32(clamping: timeoutMilliseconds))
        if error == RD_KAFKA_RESP_ERR__TIMED_OUT {
            throw .timedOut(operation: "rd_kafka_flush (\(pendingCount) messages outstanding)", milliseconds: timeoutMilliseconds)
        }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_flush", error) }
    }

    /// Messages and requests not yet delivered (`rd_kafka_outq_len`).
    public var pendingCount: Int { Int(rd_kafka_outq_len(handle)) }
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
