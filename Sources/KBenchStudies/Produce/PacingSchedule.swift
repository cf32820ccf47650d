#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KafkaLive

/// How fast a producer run offers messages.
package enum ProduceThroughput: Sendable, Hashable, CustomStringConvertible {
    /// As fast as librdkafka takes them (kafka-producer-perf-test's `--throughput -1`).
    case max
    /// This many records per second, on a schedule of intended send times (``PacingSchedule``).
    case fixed(recordsPerSecond: Int)

    /// `max` / `20000 records/s`.
    package var description: String {
        switch self {
        case .max: "max"
        case .fixed(let rate): "\(rate) records/s"
        }
    }

    /// The offered rate, nil when unpaced.
    package var recordsPerSecond: Int? {
        if case .fixed(let rate) = self { rate } else { nil }
    }

    /// The rate each of `producers` instances offers so that together they offer this one
    /// (the first `rate % producers` instances one record/s more).
    package func share(of producers: Int, instance: Int) -> ProduceThroughput {
        guard case .fixed(let rate) = self, producers > 1 else { return self }
        return .fixed(recordsPerSecond: rate / producers + (instance < rate % producers ? 1 : 0))
    }
}

/// The intended send times of a fixed-rate run: message `i` is due at `start + i ÷ rate`,
/// whatever happened to the messages before it. The sending loop sends every message whose
/// time has come and waits for the next one — sleeping while it is far ahead, yielding for
/// the last stretch — so a stalled sender catches up in full batches instead of shifting the
/// schedule (which would hide the stall: coordinated omission), and never sends a message
/// before its time.
package struct PacingSchedule: Sendable {
    /// Below this much time ahead the wait yields instead of sleeping (µs). A sleep may
    /// overshoot by the kernel's timer slack (50 µs by default): the messages then due go out
    /// that much late, together, and their response time counts it. Yielding through a longer
    /// stretch would be more punctual but keeps a core busy (at 20k records/s, with a message
    /// due every 50 µs, a 200 µs stretch spent 1.7 s of system time in a 2 s run; 20 µs: 0.2 s).
    package static let spinMicroseconds: UInt64 = 20
    /// From this much time ahead the wait polls the producer (µs): its reports are served while
    /// waiting, and `rd_kafka_poll` waits in whole milliseconds.
    package static let pollMicroseconds: UInt64 = 2_000

    /// The intended send time of message 0 (µs since the run's time origin).
    package let start: UInt64
    /// Microseconds between intended send times.
    package let period: Double

    /// The schedule of `recordsPerSecond` (≥ 1) messages per second from `start`.
    package init(recordsPerSecond: Int, start: UInt64) {
        self.start = start
        period = 1_000_000 / Double(Swift.max(1, recordsPerSecond))
    }

    /// The intended send time of message `index` (µs since the time origin).
    @inline(__always)
    package func intendedTime(of index: Int) -> UInt64 {
        start &+ UInt64(Double(index) * period)
    }

    /// While waiting, delivery reports are served at least this often (µs): a report waiting
    /// for the sending thread to poll would count that wait in its latency.
    package static let reportSpacingMicroseconds: UInt64 = 100

    /// Waits until `time` (µs since `timeOrigin`): calls `poll(milliseconds)` while more than
    /// ``pollMicroseconds`` ahead (it serves delivery reports, and may return early), `poll(0)`
    /// when the last poll (`lastPoll`, µs since `timeOrigin`) is ``reportSpacingMicroseconds``
    /// old, sleeps while more than ``spinMicroseconds`` ahead, then yields until the time has
    /// come. Returns the clock reading (µs since `timeOrigin`) at which it stopped, or nil
    /// when `shouldStop` said so first (checked after each waiting poll).
    package static func wait(
        until time: UInt64, timeOrigin: UInt64, lastPoll: inout UInt64, poll: (Int) -> Void, shouldStop: () -> Bool
    ) -> UInt64? {
        while true {
            let now = MessageStamp.monotonicMicroseconds() &- timeOrigin
            guard time > now else { return now }
            let ahead = time &- now
            if ahead > pollMicroseconds {
                poll(Int((ahead &- pollMicroseconds / 2) / 1000))
                lastPoll = now
                if shouldStop() { return nil }
            } else if now &- lastPoll >= reportSpacingMicroseconds {
                poll(0)
                lastPoll = now
            } else if ahead > spinMicroseconds {
                var pause = timespec(tv_sec: 0, tv_nsec: Int((ahead &- spinMicroseconds / 2) * 1000))
                nanosleep(&pause, nil)
            } else {
                sched_yield()
            }
        }
    }
}
