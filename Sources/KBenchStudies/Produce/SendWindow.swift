import KBenchWorkloads

/// How many messages kbench's sending loop keeps sent but not yet reported on (in flight).
///
/// Unbounded, a producer that hands messages over faster than the cluster acknowledges them
/// builds a standing queue inside librdkafka — up to `queue.buffering.max.messages` — that
/// adds latency and nothing to throughput: the backlog's memory falls out of the caches before
/// librdkafka batches, sends and acknowledges it, and the sending thread takes CPU time from
/// the threads that do that work. The adaptive window keeps about twice the
/// bandwidth-delay product in flight — the peak delivery rate seen (over spans of at least
/// 10 ms) times the longer of `linger.ms` and the fastest delivery seen — which is what
/// librdkafka needs to keep every batch full and the brokers busy, with room to spare; the
/// loop polls for reports instead of sending while it is that far ahead.
package enum SendWindow: Sendable, Hashable, CustomStringConvertible {
    /// Twice the measured bandwidth-delay product (no limit until the first reports).
    case adaptive
    /// At most this many messages in flight.
    case fixed(Int)
    /// As many as librdkafka's own queue takes (`queue.buffering.max.messages`).
    case unlimited

    /// Parses `adaptive`, `unlimited` (or `0`) or a positive message count (``Count``: `300`,
    /// `10k`); nil otherwise.
    package init?(argument: String) {
        switch argument.lowercased() {
        case "adaptive": self = .adaptive
        case "unlimited", "0": self = .unlimited
        default:
            guard let count = try? Count.parse(argument), count > 0 else { return nil }
            self = .fixed(count)
        }
    }

    /// `adaptive (…)`, `100000 messages`, `unlimited (…)`.
    package var description: String {
        switch self {
        case .adaptive: "adaptive (2 × peak delivery rate × max(linger.ms, fastest delivery))"
        case .fixed(let count): "\(count) messages"
        case .unlimited: "unlimited (librdkafka's queue.buffering.max.messages)"
        }
    }
}

/// The sending loop's running estimate of the ``SendWindow``: fed at every poll point with
/// the time and the reports so far, it says how many messages may be in flight.
struct SendWindowEstimate {
    /// The window never closes below this (a few batches for every partition).
    static let floor = 4096
    /// Shortest span a delivery rate is measured over.
    static let rateSpanMicroseconds: UInt64 = 10_000
    /// Multiple of the bandwidth-delay product kept in flight.
    static let gain = 2.0

    private let window: SendWindow
    private let lingerMicroseconds: UInt64
    private var markTime: UInt64 = 0
    private var markReports = 0
    private var peakRate = 0.0  // reports per microsecond
    /// Messages that may be in flight now.
    private(set) var limit: Int

    /// An estimate for `window`, librdkafka batching for `lingerMilliseconds`.
    init(_ window: SendWindow, lingerMilliseconds: Double) {
        self.window = window
        lingerMicroseconds = UInt64(Swift.max(0, Swift.min(lingerMilliseconds, 1e9)) * 1000)
        switch window {
        case .fixed(let count): limit = Swift.max(1, count)
        case .adaptive, .unlimited: limit = .max
        }
    }

    /// Takes `reports` delivery reports received by `now` (µs) and the fastest delivery so far
    /// (µs, nil before any) into account.
    mutating func update(now: UInt64, reports: Int, fastestDelivery: UInt64?) {
        guard case .adaptive = window else { return }
        let span = now &- markTime
        guard span >= Self.rateSpanMicroseconds else { return }
        let rate = Double(reports &- markReports) / Double(span)
        if markTime > 0 && rate > peakRate { peakRate = rate }
        markTime = now
        markReports = reports
        guard peakRate > 0, let fastestDelivery else { return }
        let delay = Double(Swift.max(lingerMicroseconds, fastestDelivery))
        let product = Self.gain * peakRate * delay
        limit = product >= Double(Int.max / 2) ? .max : Swift.max(Self.floor, Int(product))
    }
}
