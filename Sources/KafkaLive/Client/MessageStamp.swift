#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What travels with each benchmark message in librdkafka's per-message opaque (64 bits): the
/// time its batch was handed to librdkafka (microseconds since the run started, 32 bits,
/// compared modulo 2^32: latencies up to 35 minutes), how late that was after the message's
/// intended send time on a fixed-rate schedule (its *lag*, 15 bits in ``LagCode``'s
/// floating-point form: exact below 2 ms, three significant digits above, as the latency
/// histograms keep it; 0 when the run is not paced) and its ``PartitionPredictor`` tag
/// (17 bits: partitions up to 131,070 are predicted).
///
/// Service latency = delivery-report time − send time, as `rd_kafka_message_latency` computes it but
/// without its clock read per report (about 50 ns in a VM: as much as the rest of kbench's
/// accounting for a report); response latency = service latency + lag, measured from the
/// intended send time. The send time is read once per batch, just before
/// `rd_kafka_produce_batch`, which itself reads the clock once and gives every message of the
/// batch that enqueue time; the lag is that reading minus the message's intended time (a
/// subtraction, no clock read per message). The report time is read at the first report of every poll and then
/// once per ``refreshInterval`` reports (``ReportClock``): a report is at most 15 reports'
/// accounting (a few microseconds) early, unless the polling thread was descheduled among
/// them — then those few reports miss that pause, which the next reading includes again.
package enum MessageStamp {
    /// Bits of the partition tag.
    package static let tagBits = 17
    /// Tags (partition + 1) must stay below this; larger partitions count as unpredictable.
    package static let tagLimit: UInt = 1 << tagBits
    /// Bits of the lag code.
    package static let lagBits = 15
    /// Bits of the send time.
    package static let timeBits = 32
    private static let timeMask: UInt64 = (1 << timeBits) - 1
    private static let lagShift = UInt64(tagBits)
    private static let timeShift = UInt64(tagBits + lagBits)
    /// Reports per clock reading.
    package static let refreshInterval = 16

    /// The opaque of a message sent at `time` (µs since the run started) `lag` µs after its
    /// intended send time, with `tag`.
    @inline(__always)
    package static func opaque(time: UInt64, lag: UInt64 = 0, tag: UInt) -> UInt {
        UInt(truncatingIfNeeded: (time & timeMask) &<< timeShift | UInt64(LagCode.encode(lag)) &<< lagShift)
            | (tag & (tagLimit &- 1))
    }

    /// The partition tag of an opaque.
    @inline(__always)
    package static func tag(_ opaque: UInt) -> UInt { opaque & (tagLimit &- 1) }

    /// The lag (µs from the intended to the actual send time) of an opaque, to three
    /// significant digits.
    @inline(__always)
    package static func lag(_ opaque: UInt) -> UInt64 {
        LagCode.decode(UInt32(truncatingIfNeeded: (UInt64(truncatingIfNeeded: opaque) &>> lagShift)) & ((1 << UInt32(lagBits)) &- 1))
    }

    /// Microseconds from the send time in `opaque` to `now` (µs since the run started); 0 when
    /// `now` is not later.
    @inline(__always)
    package static func latency(_ opaque: UInt, now: UInt64) -> UInt64 {
        let sent = UInt64(truncatingIfNeeded: opaque) &>> timeShift
        let elapsed = (now &- sent) & timeMask
        return elapsed > timeMask >> 1 ? 0 : elapsed
    }

    /// `CLOCK_MONOTONIC` in microseconds.
    package static func monotonicMicroseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(truncatingIfNeeded: time.tv_sec) &* 1_000_000 &+ UInt64(truncatingIfNeeded: time.tv_nsec / 1000)
    }
}

/// The report side's clock: microseconds since `origin`, read at the first report after
/// ``invalidate()`` (called before every poll) and then every ``MessageStamp/refreshInterval``
/// reports.
package struct ReportClock {
    private let origin: UInt64
    private var now: UInt64 = 0
    private var untilRefresh = 0

    /// A clock counting from `origin` (a ``MessageStamp/monotonicMicroseconds()`` reading).
    package init(origin: UInt64) {
        self.origin = origin
    }

    /// The time of the report being accounted for.
    @inline(__always)
    package mutating func reportTime() -> UInt64 {
        if untilRefresh == 0 {
            now = MessageStamp.monotonicMicroseconds() &- origin
            untilRefresh = MessageStamp.refreshInterval
        }
        untilRefresh &-= 1
        return now
    }

    /// Time passed that the reports did not see (a poll is starting, and may wait): the next
    /// report reads the clock.
    @inline(__always)
    package mutating func invalidate() {
        untilRefresh = 0
    }
}
