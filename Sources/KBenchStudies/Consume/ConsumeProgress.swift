import KafkaLive
import Synchronization

/// What the readers of one `kbench consume` run share: records and key+value bytes read so
/// far (each reader adds its batches), the distinct records among them (per partition, the
/// furthest offset any reader reached), the count to stop at, and a stop request.
///
/// After a group's rebalance a consumer reads on from the group's last committed offset, so
/// records can arrive twice: the target counts each offset once, or a run would stop short of
/// the records it set out to read.
final class ConsumeProgress: Sendable {
    /// Records read so far, over every reader (records read twice counted twice).
    let records = Atomic<Int>(0)
    /// Key and value bytes read so far, over every reader.
    let bytes = Atomic<Int>(0)
    /// Distinct records read so far: over the partitions, the furthest next offset read less
    /// the start offset.
    let distinct = Atomic<Int>(0)
    /// Partitions the readers hold now, over every reader (a group's rebalance lowers it for
    /// a while).
    let assignedPartitions = Atomic<Int>(0)
    /// Set to stop every reader (the target was reached, or the run gave up waiting).
    let stopping = Atomic<Bool>(false)
    /// Distinct records to read in all.
    let target: Int
    /// Per partition, the furthest next offset any reader reached (the start offset at first).
    private let furthest: Mutex<[Int64]>

    /// Progress towards `target` distinct records of partitions read from `startOffsets`.
    init(target: Int, startOffsets: [Int64]) {
        self.target = target
        furthest = Mutex(startOffsets)
    }

    /// Adds a batch of `count` records of `byteCount` bytes that took each partition in
    /// `touched` (no repeats) to `nextOffsets[partition]`; true when the target is reached.
    func add(records count: Int, bytes byteCount: Int, touched: [Int], nextOffsets: [Int64]) -> Bool {
        bytes.wrappingAdd(byteCount, ordering: .relaxed)
        records.wrappingAdd(count, ordering: .relaxed)
        let gained = furthest.withLock { furthest in
            var gained: Int64 = 0
            for partition in touched where partition < furthest.count && nextOffsets[partition] > furthest[partition] {
                gained += nextOffsets[partition] - furthest[partition]
                furthest[partition] = nextOffsets[partition]
            }
            return gained
        }
        return distinct.wrappingAdd(Int(gained), ordering: .relaxed).newValue >= target
    }

    /// Per partition, the offset after the furthest record any reader read (the start offset
    /// when none was).
    var furthestOffsets: [Int64] { furthest.withLock { $0 } }

    /// True once every reader should stop.
    var shouldStop: Bool { stopping.load(ordering: .relaxed) || distinct.load(ordering: .relaxed) >= target }
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
