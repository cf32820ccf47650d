import CRdKafka

/// Up to ``capacity`` messages handed to librdkafka in one `rd_kafka_produce_batch` call
/// (partitions chosen by the configured partitioner, message by message). librdkafka then
/// reads the clock once per batch instead of three times per message (enqueue time and
/// CreateTime timestamp: all the batch's messages get the call's), and takes the topic lock
/// once.
///
/// Keys are copied into the batch's own arena when appended (the key cursor lends them only
/// for the call) and librdkafka copies them again, as it always does. Values are not copied
/// (no `RD_KAFKA_MSG_F_COPY`): librdkafka references them until it has written them into a
/// request, so they must stay valid and unchanged until the producer is destroyed
/// (``PinnedValues``). Memory is owned by the batch and freed with it.
///
/// A stamping batch (`kbench produce --end-to-end`, ``init(stamping:)``) copies every value into
/// its own buffer instead, with an ``EndToEndStamp`` over the first 16 bytes (padded when
/// shorter): its identity when appended, its send time just before each
/// `rd_kafka_produce_batch` call (the message's intended time when a pacing schedule gave one);
/// librdkafka then copies the values (`RD_KAFKA_MSG_F_COPY`), so the buffer is reused batch
/// after batch.
package struct MessageBatch: ~Copyable {
    /// Messages per `rd_kafka_produce_batch` call.
    package static let capacity = 64

    private let messages: UnsafeMutablePointer<rd_kafka_message_t>
    /// Where each key starts in the arena (-1: a null key).
    private let keyOffsets: UnsafeMutablePointer<Int>
    private var keys = ByteArena(capacity: 1024)
    /// Stamping: the identity bits of every message (``EndToEndStamp/Identity/prefix(runTag:producer:)``).
    private let identityPrefix: UInt64?
    /// Stamping: the sequence number of the next message appended.
    package private(set) var nextSequence: UInt64 = 0
    /// Stamping: the stamped copies of the values and where each starts.
    private var stamped: ByteArena
    private let valueOffsets: UnsafeMutablePointer<Int>
    /// Each message's intended send time on a pacing schedule (µs since the time origin;
    /// ``unscheduled``: the time of the send call): its lag in the ``MessageStamp`` and, when
    /// stamping, the send time in its ``EndToEndStamp``.
    private let intendedTimes: UnsafeMutablePointer<UInt64>
    /// Messages appended and not sent yet.
    package private(set) var count = 0

    /// The intended send time of a message sent whenever it can be (no schedule): the time of
    /// the `rd_kafka_produce_batch` call, a lag of 0.
    package static let unscheduled = UInt64.max

    /// An empty batch; with `identityPrefix`, a stamping batch whose messages carry that
    /// prefix and their sequence numbers from 0 (see ``EndToEndStamp``).
    package init(stamping identityPrefix: UInt64? = nil) {
        messages = .allocate(capacity: Self.capacity)
        keyOffsets = .allocate(capacity: Self.capacity)
        self.identityPrefix = identityPrefix
        stamped = ByteArena(capacity: identityPrefix == nil ? 0 : 16 << 10)
        valueOffsets = .allocate(capacity: Self.capacity)
        intendedTimes = .allocate(capacity: Self.capacity)
    }

    deinit {
        messages.deallocate()
        keyOffsets.deallocate()
        keys.deallocate()
        stamped.deallocate()
        valueOffsets.deallocate()
        intendedTimes.deallocate()
    }

    /// Whether another message fits.
    package var isFull: Bool { count == Self.capacity }

    /// Appends a message (`key` nil = a null key; an empty `value` is an empty, non-null
    /// value) whose delivery report will carry `tag` in its ``MessageStamp``, and how late it
    /// was sent after `intendedTime` (µs since the time origin; ``unscheduled``: not paced).
    @inline(__always)
    package mutating func append(
        key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer, tag: UInt, intendedTime: UInt64 = unscheduled
    ) {
        intendedTimes[count] = intendedTime
        if let key {
            let offset = keys.reserve(key.count)
            if let base = key.baseAddress { (keys.base + offset).copyMemory(from: base, byteCount: key.count) }
            keyOffsets[count] = offset
        } else {
            keyOffsets[count] = -1
        }
        messages[count] = rd_kafka_message_t(
            err: RD_KAFKA_RESP_ERR_NO_ERROR, rkt: nil, partition: ProduceScratch.unassignedPartition,
            payload: UnsafeMutableRawPointer(mutating: value.baseAddress ?? ProduceScratch.emptyBytes), len: value.count,
            key: nil, key_len: key?.count ?? 0, offset: 0, _private: UnsafeMutableRawPointer(bitPattern: tag))
        if let identityPrefix {
            stamp(value, identity: identityPrefix | (nextSequence & (EndToEndStamp.Identity.sequenceLimit &- 1)))
        }
        count &+= 1
    }

    /// Copies `value` (padded to the stamp's size) into the stamped values, with `identity`.
    @inline(__always)
    private mutating func stamp(_ value: UnsafeRawBufferPointer, identity: UInt64) {
        let length = Swift.max(value.count, EndToEndStamp.size)
        let offset = stamped.reserve(length)
        let target = stamped.base + offset
        if value.count < EndToEndStamp.size { target.initializeMemory(as: UInt8.self, repeating: 0, count: EndToEndStamp.size) }
        if let base = value.baseAddress { target.copyMemory(from: base, byteCount: value.count) }
        EndToEndStamp.writeIdentity(identity, into: target)
        valueOffsets[count] = offset
        messages[count].len = length
        nextSequence &+= 1
    }

    /// Sends the batch to `topic`, each message stamped with the time of the call (µs since
    /// `timeOrigin`, see ``MessageStamp``) and its lag behind its intended time: when librdkafka's queue fills up, calls
    /// `whileQueueFull` (which polls to make room) and sends the messages not taken yet, in
    /// order, stamped anew; messages refused for any other reason go to `rejected`. The batch
    /// is empty afterwards. Returns how many times the queue was full.
    package mutating func send(
        to topic: ProducerTopic,
        timeOrigin: UInt64,
        whileQueueFull: () -> Void,
        rejected: (LibrdkafkaErrorCode) -> Void
    ) -> Int {
        for index in 0..<count where keyOffsets[index] >= 0 {
            messages[index].key = keys.base + keyOffsets[index]
        }
        let stamping = identityPrefix != nil
        if stamping {
            for index in 0..<count { messages[index].payload = stamped.base + valueOffsets[index] }
        }
        var waits = 0
        var first = 0
        while first < count {
            let time = MessageStamp.monotonicMicroseconds() &- timeOrigin
            for index in first..<count {
                let tag = MessageStamp.tag(UInt(bitPattern: messages[index]._private))
                let intended = intendedTimes[index]
                let lag = time > intended ? time &- intended : 0
                messages[index]._private = UnsafeMutableRawPointer(bitPattern: MessageStamp.opaque(time: time, lag: lag, tag: tag))
            }
            if stamping {
                // The intended time when paced, else the time of this call; absolute, so that
                // consumers need no origin (several producers have one each).
                for index in first..<count {
                    let intended = intendedTimes[index]
                    let sendTime = timeOrigin &+ (intended == Self.unscheduled ? time : intended)
                    EndToEndStamp.writeSendTime(sendTime, into: stamped.base + valueOffsets[index])
                }
            }
            let pending = Int32(truncatingIfNeeded: count &- first)
            // Flags 0: values referenced, not copied, nor freed by librdkafka; stamped values
            // are copied (the buffer is reused by the next batch).
            let flags = stamping ? ProduceScratch.copyFlag : 0
            let taken = rd_kafka_produce_batch(topic.pointer, ProduceScratch.unassignedPartition, flags, messages + first, pending)
            if taken == pending { break }
            // A full queue refuses the rest of the batch: those are sent again after polling.
            var retryFrom = count
            for index in first..<count {
                let error = messages[index].err
                if error == RD_KAFKA_RESP_ERR__QUEUE_FULL {
                    retryFrom = index
                    break
                }
                if error != RD_KAFKA_RESP_ERR_NO_ERROR { rejected(LibrdkafkaErrorCode(error)) }
            }
            guard retryFrom < count else { break }
            waits &+= 1
            whileQueueFull()
            first = retryFrom
        }
        count = 0
        keys.reset()
        stamped.reset()
        return waits
    }
}
