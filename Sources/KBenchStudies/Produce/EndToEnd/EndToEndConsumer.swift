import Foundation
import KafkaLive
import Synchronization

/// One end-to-end consumer: a librdkafka consumer assigned some of the topic's partitions from
/// given offsets, read on its own thread into a ``ConsumedLedger`` until stopped. Each batch of
/// ready messages is timed once, when the first of it is handed over (they all arrived then).
///
/// With `--backlog` it starts paused (``init(configuration:topic:startOffsets:ledger:paused:)``):
/// its thread serves the consumer without fetching until ``resume()``, and while
/// ``draining`` is set the latencies it records are the drain's.
final class EndToEndConsumer: @unchecked Sendable {
    private let drain: ConsumerDrain
    /// The consumer the drain reads (for resuming it on the reading thread).
    private let consumer: KafkaConsumer
    private let topic: String
    /// The partitions and the offsets they start at (where a paused start resumes).
    private let startOffsets: [Int32: Int64]
    /// Whether the partitions are paused (owned by the reading thread once started).
    private var paused: Bool
    // Owned by the reading thread from start() until `finished` is signalled; by the caller
    // before and after.
    private var ledger: ConsumedLedger
    private var failure: KafkaLiveError?
    private var running = false
    /// This run's records read so far, each once, plus the offsets found skipped (records the
    /// cluster no longer held): updated after every batch.
    private let accountedFor = Atomic<Int>(0)
    /// The value bytes of this run's records read so far, each once.
    private let bytesRead = Atomic<Int>(0)
    private let resumeRequested = Atomic<Bool>(false)
    private let drainingFlag = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// A consumer of `partitions` of `topic` from `startOffsets`, accounting into `ledger`;
    /// `paused`: fetching nothing until ``resume()``.
    init(
        configuration: KafkaConfiguration, topic: String, startOffsets: [Int32: Int64], ledger: ConsumedLedger, paused: Bool = false
    ) throws(KafkaLiveError) {
        let consumer = try KafkaConsumer(configuration: configuration)
        try consumer.assign(topic: topic, startOffsets: startOffsets)
        self.startOffsets = startOffsets
        if paused { try consumer.pause(topic: topic, partitions: startOffsets.keys.sorted()) }
        drain = try ConsumerDrain(consumer)
        self.consumer = consumer
        self.topic = topic
        self.paused = paused
        self.ledger = ledger
    }

    deinit {
        stop()
        ledger.deallocate()
    }

    /// Starts reading on a new thread.
    func start() {
        running = true
        let thread = Thread { [self] in read() }
        thread.name = "kbench-e2e-consumer"
        thread.start()
    }

    /// This run's records read so far, each once, plus the offsets found skipped.
    var readOrSkipped: Int { accountedFor.load(ordering: .relaxed) }

    /// The value bytes of this run's records read so far, each once.
    var valueBytesRead: Int { bytesRead.load(ordering: .relaxed) }

    /// Fetches again after a paused start (on the reading thread, at its next turn: within a
    /// millisecond, as it waits 1 ms at a time while paused).
    func resume() {
        resumeRequested.store(true, ordering: .relaxed)
    }

    /// Whether the latencies recorded now are the backlog drain's.
    var draining: Bool {
        get { drainingFlag.load(ordering: .relaxed) }
        set { drainingFlag.store(newValue, ordering: .relaxed) }
    }

    /// Stops reading and waits for the thread (idempotent); then closes the consumer.
    func stop() {
        if running {
            stopping.store(true, ordering: .relaxed)
            finished.wait()
            running = false
        }
        try? drain.close()
    }

    /// The ledger (after ``stop()``) and the error that ended reading early, if any.
    var outcome: (ledger: ConsumedLedger, failure: KafkaLiveError?) { (ledger, failure) }

    private func read() {
        var ledger = self.ledger
        defer {
            self.ledger = ledger
            finished.signal()
        }
        do {
            while !stopping.load(ordering: .relaxed) {
                if paused && resumeRequested.load(ordering: .relaxed) {
                    try consumer.resume(topic: topic, at: startOffsets)
                    paused = false
                }
                ledger.recordingDrain = drainingFlag.load(ordering: .relaxed)
                var now: UInt64 = 0
                var timed = false
                try drain.next(
                    waitMilliseconds: paused ? 1 : 20,
                    message: { message in
                        if !timed {
                            now = MessageStamp.monotonicMicroseconds()
                            timed = true
                        }
                        ledger.record(value: message.value, partition: message.partition, offset: message.offset, now: now)
                    },
                    error: { ledger.recordError($0) })
                accountedFor.store(ledger.unique &+ ledger.skipped, ordering: .relaxed)
                bytesRead.store(ledger.uniqueBytes, ordering: .relaxed)
            }
        } catch {
            failure = error
        }
    }
}
