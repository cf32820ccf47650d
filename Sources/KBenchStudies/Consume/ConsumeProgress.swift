import KafkaLive
import Synchronization

/// What the readers of one `kbench consume` run share: records and key+value bytes read so
/// far (each reader adds its batches), the count to stop at, and a stop request.
final class ConsumeProgress: Sendable {
    /// Records read so far, over every reader.
    let records = Atomic<Int>(0)
    /// Key and value bytes read so far, over every reader.
    let bytes = Atomic<Int>(0)
    /// Set once a reader holds an assignment (a group's first rebalance is done).
    let assigned = Atomic<Bool>(false)
    /// Set to stop every reader (the target was reached, or the run gave up waiting).
    let stopping = Atomic<Bool>(false)
    /// Records to read in all.
    let target: Int

    /// Progress towards `target` records.
    init(target: Int) {
        self.target = target
    }

    /// Adds a batch of `count` records of `byteCount` bytes; true when the target is reached.
    func add(records count: Int, bytes byteCount: Int) -> Bool {
        bytes.wrappingAdd(byteCount, ordering: .relaxed)
        return records.wrappingAdd(count, ordering: .relaxed).newValue >= target
    }

    /// True once every reader should stop.
    var shouldStop: Bool { stopping.load(ordering: .relaxed) || records.load(ordering: .relaxed) >= target }
}

/// The newest statistics one consumer's librdkafka emitted, with how many it emitted.
final class FetchStatisticsBox: Sendable {
    private let state = Mutex<(latest: FetchStatistics, emissions: Int)>((FetchStatistics(), 0))
    private let topic: String

    /// A box for `topic`'s counters.
    init(topic: String) {
        self.topic = topic
    }

    /// Keeps the emission in `json` (ignored when it is not librdkafka's statistics).
    func record(_ json: String) {
        guard let statistics = FetchStatistics(json: json, topic: topic) else { return }
        state.withLock { $0 = (statistics, $0.emissions + 1) }
    }

    /// The newest counters.
    var latest: FetchStatistics { state.withLock { $0.latest } }
    /// Emissions received so far.
    var emissions: Int { state.withLock { $0.emissions } }
}
