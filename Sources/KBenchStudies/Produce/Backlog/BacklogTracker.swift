import KafkaLive

/// Runs `--backlog` from the producer's thread: resumes the paused consumers once the
/// delivered value bytes reach the backlog (or sending ends first), declares the backlog
/// drained once the consumers are at most ``BacklogSettings/drainedLagRecords`` behind, tells
/// the consumers which latencies are the drain's, and samples the lag every progress interval
/// and at each phase change. ``observe(now:delivered:deliveredBytes:sendingEnded:)`` is called on
/// every poll (a clock reading and a few atomic loads; it allocates only when it samples).
final class BacklogTracker {
    private let settings: BacklogSettings
    private let consumers: EndToEndConsumers
    private let intervalMicroseconds: UInt64
    private let embeddedRetainedBytes: Int?
    private(set) var phase = BacklogPhase.building
    private var resumeTime: UInt64 = 0
    private var drainEnd: UInt64 = 0
    /// When the first record after the resume was read.
    private var firstRead: UInt64?
    private var atResume = Snapshot()
    private var atDrainEnd = Snapshot()
    private var drainedWhileProducing = false
    private var reached = false
    private var last = Snapshot()
    private var samples: [BacklogLagSample] = []

    /// Counts at one moment.
    private struct Snapshot {
        var time: UInt64 = 0
        var delivered = 0
        var deliveredBytes = 0
        var consumed = 0
        var consumedBytes = 0
    }

    /// A tracker of `consumers` (started paused) sampling every `interval` (µs since the run's
    /// time origin are passed to ``observe(now:delivered:deliveredBytes:sendingEnded:)``).
    init(_ settings: BacklogSettings, consumers: EndToEndConsumers, interval: Duration, embeddedRetainedBytes: Int?) {
        self.settings = settings
        self.consumers = consumers
        intervalMicroseconds = UInt64(Swift.max(1, milliseconds(interval))) * 1000
        self.embeddedRetainedBytes = embeddedRetainedBytes
    }

    /// Takes the counts at `now` (µs since the run's start) and moves the phase on.
    func observe(now: UInt64, delivered: Int, deliveredBytes: Int, sendingEnded: Bool) {
        let progress = consumers.progress
        let snapshot = Snapshot(time: now, delivered: delivered, deliveredBytes: deliveredBytes, consumed: progress.records, consumedBytes: progress.bytes)
        switch phase {
        case .building:
            guard deliveredBytes >= settings.bytes || sendingEnded else { break }
            reached = deliveredBytes >= settings.bytes
            consumers.setDraining(true)
            consumers.resume()
            resumeTime = now
            atResume = snapshot
            sample(snapshot)
            phase = .draining
            return
        case .draining:
            if firstRead == nil && progress.records > atResume.consumed { firstRead = now }
            guard delivered - progress.records <= BacklogSettings.drainedLagRecords else { break }
            consumers.setDraining(false)
            drainEnd = now
            atDrainEnd = snapshot
            drainedWhileProducing = !sendingEnded
            phase = .drained
            sample(snapshot)
            return
        case .drained:
            break
        }
        if now &- last.time >= intervalMicroseconds { sample(snapshot) }
    }

    private func sample(_ snapshot: Snapshot) {
        samples.append(BacklogLagSample(
            seconds: Double(snapshot.time) / 1e6, phase: phase, delivered: snapshot.delivered, consumed: snapshot.consumed,
            deliveredInWindow: snapshot.delivered - last.delivered, consumedInWindow: snapshot.consumed - last.consumed,
            windowSeconds: Double(snapshot.time &- last.time) / 1e6,
            lagRecords: Swift.max(0, snapshot.delivered - snapshot.consumed),
            lagBytes: Swift.max(0, snapshot.deliveredBytes - snapshot.consumedBytes)))
        last = snapshot
    }

    /// The figures, once reading has ended at `end` (µs since the run's start) with
    /// `delivered` records of `deliveredBytes` delivered: a drain that never caught up is
    /// measured to `end`.
    func result(end: UInt64, delivered: Int, deliveredBytes: Int) -> BacklogResult {
        if phase != .drained {
            let progress = consumers.progress
            let snapshot = Snapshot(time: end, delivered: delivered, deliveredBytes: deliveredBytes, consumed: progress.records, consumedBytes: progress.bytes)
            sample(snapshot)
            drainEnd = end
            atDrainEnd = snapshot
        }
        return BacklogResult(
            requestedBytes: settings.bytes, builtRecords: atResume.delivered, builtBytes: atResume.deliveredBytes,
            buildSeconds: Double(resumeTime) / 1e6, reached: reached, drainSeconds: Double(drainEnd &- resumeTime) / 1e6,
            firstRecordSeconds: firstRead.map { Double($0 &- resumeTime) / 1e6 },
            drained: phase == .drained, drainedWhileProducing: drainedWhileProducing,
            drainConsumedRecords: atDrainEnd.consumed - atResume.consumed, drainConsumedBytes: atDrainEnd.consumedBytes - atResume.consumedBytes,
            drainProducedRecords: atDrainEnd.delivered - atResume.delivered,
            drainProducedBytes: atDrainEnd.deliveredBytes - atResume.deliveredBytes,
            drainedLagRecords: BacklogSettings.drainedLagRecords, samples: samples, embeddedRetainedBytes: embeddedRetainedBytes)
    }
}
