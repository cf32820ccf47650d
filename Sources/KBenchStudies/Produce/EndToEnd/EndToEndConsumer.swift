import Foundation
import KafkaLive
import Synchronization

/// One end-to-end consumer: a librdkafka consumer assigned some of the topic's partitions from
/// given offsets, read on its own thread into a ``ConsumedLedger`` until stopped. Each batch of
/// ready messages is timed once, when the first of it is handed over (they all arrived then).
final class EndToEndConsumer: @unchecked Sendable {
    private let drain: ConsumerDrain
    // Owned by the reading thread from start() until `finished` is signalled; by the caller
    // before and after.
    private var ledger: ConsumedLedger
    private var failure: KafkaLiveError?
    private var running = false
    /// This run's records read so far, each once, plus the offsets found skipped (records the
    /// cluster no longer held): updated after every batch.
    private let accountedFor = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// A consumer of `partitions` of `topic` from `startOffsets`, accounting into `ledger`.
    init(configuration: KafkaConfiguration, topic: String, startOffsets: [Int32: Int64], ledger: ConsumedLedger) throws(KafkaLiveError) {
        let consumer = try KafkaConsumer(configuration: configuration)
        try consumer.assign(topic: topic, startOffsets: startOffsets)
        drain = try ConsumerDrain(consumer)
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
                var now: UInt64 = 0
                var timed = false
                try drain.next(
                    waitMilliseconds: 20,
                    message: { message in
                        if !timed {
                            now = MessageStamp.monotonicMicroseconds()
                            timed = true
                        }
                        ledger.record(value: message.value, partition: message.partition, offset: message.offset, now: now)
                    },
                    error: { ledger.recordError($0) })
                accountedFor.store(ledger.unique &+ ledger.skipped, ordering: .relaxed)
            }
        } catch {
            failure = error
        }
    }
}
