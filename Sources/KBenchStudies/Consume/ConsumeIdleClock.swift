/// When a `kbench consume` run gives up, and how long its consumers did not cover the topic.
///
/// The idle timeout counts only while the consumers hold every partition between them: a
/// group's rebalance — the first one, or a later one when a member joins late (on the mock
/// cluster a join into a settled group waits about the session timeout less a second) — stops
/// the clock, for at most ``settleLimit`` in one stretch, so a slow rebalance is not taken for
/// a topic with nothing left to read. Times are offsets from the run's start.
struct ConsumeIdleClock {
    /// Nothing new for this long, with every partition held, ends the run.
    let idleTimeout: Duration
    /// The longest stretch without every partition held that stops the idle clock.
    let settleLimit: Duration
    private var lastCount = 0
    private var lastChange: Duration = .zero
    private var uncoveredSince: Duration? = .zero
    /// Time so far in which the consumers did not hold every partition (closed stretches).
    private(set) var uncovered: Duration = .zero

    /// A clock for a run that starts with no partition held.
    init(idleTimeout: Duration, settleLimit: Duration) {
        self.idleTimeout = idleTimeout
        self.settleLimit = settleLimit
    }

    /// Takes a sample at `now`: `records` read so far, whether the consumers hold every
    /// partition. True when the run should give up.
    mutating func expired(at now: Duration, records: Int, covered: Bool) -> Bool {
        if covered, let since = uncoveredSince {
            uncovered += now - since
            uncoveredSince = nil
        } else if !covered, uncoveredSince == nil {
            uncoveredSince = now
        }
        let settling = uncoveredSince.map { now - $0 < settleLimit } ?? false
        if records != lastCount || settling { (lastCount, lastChange) = (records, now) }
        return now - lastChange >= idleTimeout
    }

    /// The time without every partition held up to `now` (an open stretch included).
    func uncovered(upTo now: Duration) -> Duration {
        uncovered + (uncoveredSince.map { now - $0 } ?? .zero)
    }
}
