import CRdKafka
import Foundation
import KafkaRecords

/// Where a consumer starts reading an assigned partition.
package enum ConsumerStartOffset: Sendable, Hashable {
    /// The first retained message (`RD_KAFKA_OFFSET_BEGINNING`).
    case beginning
    /// Only messages produced from now on (`RD_KAFKA_OFFSET_END`).
    case end
    /// This absolute offset.
    case offset(Int64)

    var nativeValue: Int64 {
        switch self {
        case .beginning: -2
        case .end: -1
        case .offset(let offset): offset
        }
    }
}

/// A librdkafka high-level consumer: assign partitions (no group needed) or subscribe (needs
/// `group.id`), then poll records with key, value, headers, timestamp, partition and offset.
///
/// Not `Sendable`: use it from one task at a time (librdkafka would allow concurrent polls, but
/// `close()` racing a poll would not be safe). ``close()`` leaves the group and stops fetching;
/// `deinit` closes and destroys the handle if that was not done.
package final class KafkaConsumer {
    private var handle: OpaquePointer?
    /// What the statistics callback reaches through the handle's opaque pointer.
    private let sink: Unmanaged<DeliveryReportSink>?

    /// A consumer with `configuration` (`bootstrap.servers`, optionally `group.id`, …).
    ///
    /// librdkafka's consumer needs a `group.id` even to `assign`: without one, a private
    /// `kbench-<uuid>` group is used with `enable.auto.commit=false`, so nothing is committed.
    /// With `onStatistics` (and `statistics.interval.ms` set), librdkafka's statistics JSON is
    /// handed over on the thread that polls.
    package init(configuration: KafkaConfiguration, onStatistics: (@Sendable (String) -> Void)? = nil) throws(KafkaLiveError) {
        var configuration = configuration
        if configuration["group.id"] == nil {
            configuration["group.id"] = "kbench-\(UUID().uuidString.lowercased())"
            if configuration["enable.auto.commit"] == nil { configuration["enable.auto.commit"] = "false" }
        }
        let conf = try configuration.makeNativeConfiguration()
        let sink = onStatistics.map { Unmanaged.passRetained(DeliveryReportSink(handler: nil, statistics: $0)) }
        if let sink {
            rd_kafka_conf_set_opaque(conf, sink.toOpaque())
            rd_kafka_conf_set_stats_cb(conf, statisticsCallback)
        }
        let handle: OpaquePointer
        do {
            handle = try makeNativeHandle(RD_KAFKA_CONSUMER, conf)
        } catch {
            sink?.release()
            throw error
        }
        rd_kafka_poll_set_consumer(handle)
        self.handle = handle
        self.sink = sink
    }

    deinit {
        try? close()
        sink?.release()
    }

    /// How many partitions the consumer is assigned now (by `assign` or its group).
    package func assignedPartitionCount() throws(KafkaLiveError) -> Int {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let error = rd_kafka_assignment(try liveHandle("rd_kafka_assignment"), &list)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { throw .call("rd_kafka_assignment", error) }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return Int(list.pointee.cnt)
    }

    /// The offsets the configured group committed for `partitions` of `topic` (partitions
    /// without one are left out).
    package func committedOffsets(topic: String, partitions: [Int32], timeoutMilliseconds: Int) throws(KafkaLiveError) -> [Int32: Int64] {
        let handle = try liveHandle("rd_kafka_committed")
        guard let list = rd_kafka_topic_partition_list_new(Int32(clamping: partitions.count)) else { return [:] }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in partitions { rd_kafka_topic_partition_list_add(list, topic, partition) }
        let error = rd_kafka_committed(handle, list, Int32(clamping: timeoutMilliseconds))
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_committed(\(topic))", error) }
        var offsets: [Int32: Int64] = [:]
        for index in 0..<Int(list.pointee.cnt) where list.pointee.elems[index].offset >= 0 {
            offsets[list.pointee.elems[index].partition] = list.pointee.elems[index].offset
        }
        return offsets
    }

    func liveHandle(_ operation: String) throws(KafkaLiveError) -> OpaquePointer {
        guard let handle else {
            throw .librdkafka(operation: operation, code: LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__DESTROY), message: "consumer is closed")
        }
        return handle
    }

    /// Reads `partitions` of `topic` from `start`, without a consumer group. With
    /// `incremental`, adds them to the current assignment instead of replacing it.
    package func assign(topic: String, partitions: [Int32], from start: ConsumerStartOffset = .beginning, incremental: Bool = false) throws(KafkaLiveError) {
        let handle = try liveHandle("rd_kafka_assign")
        let list = rd_kafka_topic_partition_list_new(Int32(clamping: partitions.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in partitions {
            rd_kafka_topic_partition_list_add(list, topic, partition)?.pointee.offset = start.nativeValue
        }
        if incremental {
            if let error = rd_kafka_incremental_assign(handle, list) {
                throw KafkaLiveError.consuming("rd_kafka_incremental_assign(\(topic))", error)
            }
            return
        }
        let error = rd_kafka_assign(handle, list)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_assign(\(topic))", error) }
    }

    /// Reads `topic` from a start offset per partition, without a consumer group, replacing
    /// the current assignment.
    package func assign(topic: String, startOffsets: [Int32: Int64]) throws(KafkaLiveError) {
        let handle = try liveHandle("rd_kafka_assign")
        let list = rd_kafka_topic_partition_list_new(Int32(clamping: startOffsets.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (partition, offset) in startOffsets.sorted(by: { $0.key < $1.key }) {
            rd_kafka_topic_partition_list_add(list, topic, partition)?.pointee.offset = offset
        }
        let error = rd_kafka_assign(handle, list)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_assign(\(topic))", error) }
    }

    /// Joins the configured `group.id` and subscribes to `topics`.
    package func subscribe(_ topics: [String]) throws(KafkaLiveError) {
        let handle = try liveHandle("rd_kafka_subscribe")
        let list = rd_kafka_topic_partition_list_new(Int32(clamping: topics.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for topic in topics {
            rd_kafka_topic_partition_list_add(list, topic, -1)  // RD_KAFKA_PARTITION_UA
        }
        let error = rd_kafka_subscribe(handle, list)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_subscribe", error) }
    }

    /// The next record, waiting at most `timeoutMilliseconds`; `nil` when none arrived (or a
    /// partition end was reported). A fetch or partition error is thrown.
    package func poll(timeoutMilliseconds: Int) throws(KafkaLiveError) -> StoredRecord? {
        let handle = try liveHandle("rd_kafka_consumer_poll")
        guard let message = rd_kafka_consumer_poll(handle, Int32(clamping: timeoutMilliseconds)) else { return nil }
        defer { rd_kafka_message_destroy(message) }
        let error = message.pointee.err
        if error == RD_KAFKA_RESP_ERR__PARTITION_EOF { return nil }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let code = LibrdkafkaErrorCode(error)
            let text = message.pointee.payload.map {
                String(decoding: UnsafeRawBufferPointer(start: $0, count: message.pointee.len), as: UTF8.self)
            }
            throw .librdkafka(operation: "rd_kafka_consumer_poll", code: code, message: text ?? code.text)
        }
        return StoredRecord(consumed: message)
    }

    /// The next message, lent to `body` without copying (key and value valid only during the
    /// call), waiting at most `timeoutMilliseconds`. Returns what the poll saw.
    package func poll(timeoutMilliseconds: Int, _ body: (ConsumedMessage) -> Void) throws(KafkaLiveError) -> ConsumerPollOutcome {
        let handle = try liveHandle("rd_kafka_consumer_poll")
        guard let message = rd_kafka_consumer_poll(handle, Int32(clamping: timeoutMilliseconds)) else { return .nothing }
        defer { rd_kafka_message_destroy(message) }
        let native = message.pointee
        if native.err == RD_KAFKA_RESP_ERR__PARTITION_EOF { return .partitionEnd(partition: native.partition, offset: native.offset) }
        guard native.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let code = LibrdkafkaErrorCode(native.err)
            let text = native.payload.map {
                String(decoding: UnsafeRawBufferPointer(start: $0, count: native.len), as: UTF8.self)
            }
            throw .librdkafka(operation: "rd_kafka_consumer_poll", code: code, message: text ?? code.text)
        }
        body(ConsumedMessage(message))
        return .message
    }

    /// Polls until `count` records arrived or `timeoutMilliseconds` passed in total; throws
    /// `.timedOut` (after closing nothing) when fewer arrived.
    package func consume(count: Int, timeoutMilliseconds: Int) throws(KafkaLiveError) -> [StoredRecord] {
        var records: [StoredRecord] = []
        records.reserveCapacity(count)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(timeoutMilliseconds))
        while records.count < count {
            let left = clock.now.duration(to: deadline)
            guard left > .zero else {
                throw .timedOut(operation: "consuming \(count) records (got \(records.count))", milliseconds: timeoutMilliseconds)
            }
            let (seconds, attoseconds) = left.components
            let millis = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
            if let record = try poll(timeoutMilliseconds: Swift.min(Swift.max(millis, 1), 500)) {
                records.append(record)
            }
        }
        return records
    }

    /// Leaves the group (if any), stops fetching and destroys the handle. Idempotent.
    package func close() throws(KafkaLiveError) {
        guard let handle else { return }
        self.handle = nil
        let error = rd_kafka_consumer_close(handle)
        rd_kafka_destroy(handle)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw .call("rd_kafka_consumer_close", error) }
    }
}

/// What one ``KafkaConsumer/poll(timeoutMilliseconds:_:)`` saw.
package enum ConsumerPollOutcome: Sendable, Hashable {
    /// Nothing within the timeout.
    case nothing
    /// A message, handed to the body.
    case message
    /// The end of a partition was reached (needs `enable.partition.eof=true`).
    case partitionEnd(partition: Int32, offset: Int64)
}

/// A consumed message, borrowed: its bytes are valid only during the poll's body.
package struct ConsumedMessage {
    /// The partition.
    package let partition: Int32
    /// The offset.
    package let offset: Int64
    /// The key bytes; nil for a null key.
    package let key: UnsafeRawBufferPointer?
    /// The value bytes; nil for a null value.
    package let value: UnsafeRawBufferPointer?
    private let message: UnsafeMutablePointer<rd_kafka_message_t>

    init(_ message: UnsafeMutablePointer<rd_kafka_message_t>) {
        self.message = message
        let native = message.pointee
        partition = native.partition
        offset = native.offset
        key = native.key.map { UnsafeRawBufferPointer(start: $0, count: native.key_len) }
        value = native.payload.map { UnsafeRawBufferPointer(start: $0, count: native.len) }
    }

    /// The message timestamp in Unix milliseconds (-1 when unavailable).
    package var timestamp: Int64 {
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        return rd_kafka_message_timestamp(message, &type)
    }

    /// A copy as a ``StoredRecord`` (allocates).
    package var record: StoredRecord { StoredRecord(consumed: message) }
}

extension StoredRecord {
    /// Copies a consumed librdkafka message (valid only until it is destroyed).
    init(consumed message: UnsafeMutablePointer<rd_kafka_message_t>) {
        let native = message.pointee
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        self.init(
            topic: native.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "",
            partition: native.partition,
            offset: native.offset,
            timestamp: timestamp,
            timestampType: timestampType == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? .logAppendTime : .createTime,
            key: native.key.map { Array(UnsafeRawBufferPointer(start: $0, count: native.key_len)) },
            value: native.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: native.len)) },
            headers: Self.headers(of: message)
        )
    }

    private static func headers(of message: UnsafeMutablePointer<rd_kafka_message_t>) -> [RecordHeader] {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return [] }
        let count = rd_kafka_header_cnt(list)
        var headers: [RecordHeader] = []
        headers.reserveCapacity(count)
        for index in 0..<count {
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            guard rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR, let name else { continue }
            headers.append(RecordHeader(key: String(cString: name), value: value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }))
        }
        return headers
    }
}
