/// The 16 bytes `kbench produce --end-to-end` writes at the start of every value: the record's
/// send time and its identity, read back by the run's consumers.
///
/// Why the value and not headers or the timestamp: `rd_kafka_produce_batch` (librdkafka 2.0.2),
/// which the benchmark sends through, cannot set headers, and a record's timestamp is in
/// milliseconds (and is the batch's enqueue time, not the send time a paced schedule intends).
/// The stamped value is a copy (the pool's value with its first 16 bytes overwritten), written
/// into the batch's own buffer and copied by librdkafka (`RD_KAFKA_MSG_F_COPY`) only in this
/// mode; a value shorter than the stamp is sent padded to 16 bytes with zeros.
///
/// Layout, little-endian:
/// - bytes 0…7: the send time, ``MessageStamp/monotonicMicroseconds()`` (`CLOCK_MONOTONIC`, the
///   clock of the delivery latency; absolute rather than since a run's origin, since parallel
///   producers each have their own origin and consumers in the same process read the same clock);
///   with pacing, the message's intended send time;
/// - bytes 8…15: the ``Identity``: the run tag (12 bits), the producer's index (12 bits) and
///   the producer's sequence number (40 bits) of the record.
package enum EndToEndStamp {
    /// Bytes of the stamp at the start of a value.
    package static let size = 16

    /// Which record of which run: the exactly-once check's key.
    package struct Identity: Sendable, Hashable {
        /// Bits of the sequence number (a trillion records per producer).
        package static let sequenceBits = 40
        /// Bits of the producer index.
        package static let producerBits = 12
        /// Bits of the run tag.
        package static let runTagBits = 12
        /// Sequence numbers must stay below this.
        package static let sequenceLimit: UInt64 = 1 << sequenceBits
        /// Producer indices must stay below this.
        package static let producerLimit = 1 << producerBits

        /// Tells this run's records from others' written to the topic meanwhile.
        package var runTag: UInt16
        /// The producer that sent the record (0 with one producer).
        package var producer: Int
        /// The record's place in its producer's sequence, from 0.
        package var sequence: UInt64

        /// An identity from its parts (each truncated to its bits).
        package init(runTag: UInt16, producer: Int, sequence: UInt64) {
            self.runTag = runTag & UInt16((1 << Self.runTagBits) - 1)
            self.producer = producer & (Self.producerLimit - 1)
            self.sequence = sequence & (Self.sequenceLimit - 1)
        }

        /// The identity's 64 bits as stamped.
        package var bits: UInt64 { Self.prefix(runTag: runTag, producer: producer) | sequence }

        /// The bits of every identity of `producer` in run `runTag`, sequence 0 (add the
        /// sequence number to stamp a record).
        package static func prefix(runTag: UInt16, producer: Int) -> UInt64 {
            UInt64(runTag & UInt16((1 << runTagBits) - 1)) << UInt64(producerBits + sequenceBits)
                | UInt64(producer & (producerLimit - 1)) << UInt64(sequenceBits)
        }

        /// The identity stamped as `bits`.
        package init(bits: UInt64) {
            runTag = UInt16(truncatingIfNeeded: bits >> UInt64(Self.producerBits + Self.sequenceBits))
            producer = Int(truncatingIfNeeded: (bits >> UInt64(Self.sequenceBits)) & UInt64(Self.producerLimit - 1))
            sequence = bits & (Self.sequenceLimit - 1)
        }
    }

    /// Writes the identity bits at bytes 8…15 of `value` (at least ``size`` bytes).
    @inline(__always)
    package static func writeIdentity(_ bits: UInt64, into value: UnsafeMutableRawPointer) {
        (value + 8).storeBytes(of: bits.littleEndian, as: UInt64.self)
    }

    /// Writes the send time (``MessageStamp/monotonicMicroseconds()``) at bytes 0…7 of `value`.
    @inline(__always)
    package static func writeSendTime(_ microseconds: UInt64, into value: UnsafeMutableRawPointer) {
        value.storeBytes(of: microseconds.littleEndian, as: UInt64.self)
    }

    /// The send time and identity bits of a stamped value; nil when it is shorter than a stamp.
    @inline(__always)
    package static func read(_ value: UnsafeRawBufferPointer) -> (sendTime: UInt64, identity: UInt64)? {
        guard value.count >= size, let base = value.baseAddress else { return nil }
        return (UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)),
                UInt64(littleEndian: (base + 8).loadUnaligned(as: UInt64.self)))
    }
}
