import Foundation
import KafkaLive

/// One consumer of a `kbench consume` run, reading on its own thread until the run's target
/// is reached or it is told to stop: records and bytes (each batch's furthest offsets go to the
/// run's progress), the partitions it holds (published to the run's progress), the times of its first and last
/// record, and (after the last record) one more statistics emission so its fetch counters
/// cover the whole read.
final class ConsumeReader: @unchecked Sendable {
    /// What one reader saw (read after ``finish()``).
    struct Outcome {
        /// Records read.
        var records = 0
        /// Key and value bytes read.
        var bytes = 0
        /// µs after the run began: its first and last record.
        var firstRecordMicroseconds: UInt64?
        var lastRecordMicroseconds: UInt64?
        /// Consumer errors by librdkafka code.
        var errors: [Int32: Int] = [:]
        /// The error that ended reading early.
        var failure: KafkaLiveError?
    }

    private let consumer: KafkaConsumer
    private let drain: ConsumerDrain
    private let progress: ConsumeProgress
    private let statistics: FetchStatisticsBox
    private let statisticsWait: Duration
    private let begin: UInt64
    private let partitionCount: Int
    // Owned by the reading thread from start() until `finished` is signalled.
    private var outcome: Outcome
    private var running = false
    private let finished = DispatchSemaphore(value: 0)

    /// A reader of `consumer` (assigned or subscribed already) over `partitionCount`
    /// partitions, timing from `begin` (``MessageStamp/monotonicMicroseconds()``).
    init(
        consumer: KafkaConsumer, partitionCount: Int, progress: ConsumeProgress,
        statistics: FetchStatisticsBox, statisticsWait: Duration, begin: UInt64
    ) throws(KafkaLiveError) {
        self.consumer = consumer
        drain = try ConsumerDrain(consumer)
        self.progress = progress
        self.statistics = statistics
        self.statisticsWait = statisticsWait
        self.begin = begin
        self.partitionCount = partitionCount
        outcome = Outcome()
    }

    deinit { _ = finish() }

    /// Starts reading on a new thread.
    func start() {
        running = true
        let thread = Thread { [self] in read() }
        thread.name = "kbench-consume"
        thread.start()
    }

    /// Waits for the thread (stop the run's ``ConsumeProgress`` first or let it reach its
    /// target), closes the consumer and returns what it saw.
    func finish() -> Outcome {
        if running {
            finished.wait()
            running = false
        }
        try? drain.close()
        return outcome
    }

    private func read() {
        var seen = outcome
        defer {
            outcome = seen
            finished.signal()
        }
        var held = 0
        var lastCheck: UInt64 = 0
        defer { progress.assignedPartitions.wrappingSubtract(held, ordering: .relaxed) }
        // Per partition the offset after the furthest record this reader read (-1: none), and
        // the partitions the current batch reached, each once (reused: no allocation a batch).
        var nextOffsets = [Int64](repeating: -1, count: partitionCount)
        var touched: [Int] = []
        touched.reserveCapacity(partitionCount)
        var touchedFlags = [Bool](repeating: false, count: partitionCount)
        do {
            while !progress.shouldStop {
                var now: UInt64 = 0
                var count = 0
                var bytes = 0
                try drain.next(
                    waitMilliseconds: 20,
                    message: { message in
                        if count == 0 { now = MessageStamp.monotonicMicroseconds() &- begin }
                        count &+= 1
                        bytes &+= (message.key?.count ?? 0) &+ (message.value?.count ?? 0)
                        let partition = Int(message.partition)
                        if partition >= 0 && partition < nextOffsets.count {
                            if !touchedFlags[partition] {
                                touchedFlags[partition] = true
                                touched.append(partition)
                            }
                            // A partition read again after a rebalance does not move back.
                            nextOffsets[partition] = Swift.max(nextOffsets[partition], message.offset &+ 1)
                        }
                    },
                    error: { seen.errors[$0.rawValue, default: 0] += 1 })
                try followAssignment(&held, &lastCheck, reading: count > 0)
                guard count > 0 else { continue }
                if seen.firstRecordMicroseconds == nil { seen.firstRecordMicroseconds = now }
                seen.lastRecordMicroseconds = now
                seen.records &+= count
                seen.bytes &+= bytes
                let reached = progress.add(records: count, bytes: bytes, touched: touched, nextOffsets: nextOffsets)
                for partition in touched { touchedFlags[partition] = false }
                touched.removeAll(keepingCapacity: true)
                if reached { break }
            }
            try awaitStatistics()
        } catch {
            seen.failure = error
        }
    }

    /// Publishes how many partitions the consumer holds (a group's rebalance changes it) to the
    /// run's ``ConsumeProgress/assignedPartitions``: after every poll that brought nothing, at
    /// most every 10 ms while records flow.
    private func followAssignment(_ held: inout Int, _ lastCheck: inout UInt64, reading: Bool) throws(KafkaLiveError) {
        let now = MessageStamp.monotonicMicroseconds() &- begin
        if reading && now &- lastCheck < 10_000 { return }
        lastCheck = now
        let count = try consumer.assignedPartitionCount()
        if count != held {
            progress.assignedPartitions.wrappingAdd(count &- held, ordering: .relaxed)
            held = count
        }
    }

    /// Polls (dropping what arrives: it is past the run) until librdkafka emits statistics
    /// once more, or ``statisticsWait`` passed.
    private func awaitStatistics() throws(KafkaLiveError) {
        let emitted = statistics.emissions
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: statisticsWait)
        while statistics.emissions == emitted && clock.now < deadline {
            try drain.next(waitMilliseconds: 20, message: { _ in }, error: { _ in })
        }
    }
}
