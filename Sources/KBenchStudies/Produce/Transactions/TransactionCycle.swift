import Histogram
import KafkaLive

/// The transactions of one producer run, as its sending loop goes: begins each, decides when it
/// ends (``isDue(sent:)``), waits for its records' delivery reports, then commits or aborts it,
/// timing the commit or abort alone (`rd_kafka_commit_transaction` /
/// `rd_kafka_abort_transaction` after the records are acknowledged: EndTxn and the markers).
/// Keeps the sequence ranges of aborted transactions for the end-to-end check. Nothing is
/// allocated per record; a transaction costs one histogram entry (and a range when aborted).
struct TransactionCycle {
    /// Commit and abort times beyond ten minutes (µs) are not kept in the histograms.
    static let highestTrackableLatency: UInt64 = 600_000_000

    let settings: TransactionSettings
    private let producer: KafkaProducer
    private let timeOrigin: UInt64
    /// Transactions begun so far (the current one's index, from 1).
    private(set) var begun = 0
    /// The sequence number of the current transaction's first record.
    private(set) var firstSequence = 0
    /// When the current transaction ends, µs since `timeOrigin` (duration boundaries).
    private var deadline: UInt64 = .max
    /// Whether a transaction is open.
    private(set) var isOpen = false
    private(set) var committed = 0
    private(set) var aborted = 0
    private(set) var committedRecords = 0
    private(set) var abortedRecords = 0
    private(set) var commitLatencies = Histogram<UInt64>(highestTrackableValue: highestTrackableLatency, numberOfSignificantValueDigits: .three)
    private(set) var abortLatencies = Histogram<UInt64>(highestTrackableValue: highestTrackableLatency, numberOfSignificantValueDigits: .three)
    /// Sequence numbers of the aborted transactions' records.
    private(set) var abortedRanges: [Range<Int>] = []
    /// The error that ended transactional producing early, if any.
    private(set) var failure: KafkaLiveError?

    /// The transactions of `producer` (whose configuration has the transactional id), timed
    /// from `timeOrigin` (``MessageStamp/monotonicMicroseconds()``).
    init(_ settings: TransactionSettings, producer: KafkaProducer, timeOrigin: UInt64) {
        self.settings = settings
        self.producer = producer
        self.timeOrigin = timeOrigin
    }

    /// Whether the open transaction has reached its boundary with `sent` records sent in the run.
    @inline(__always)
    func isDue(sent: Int) -> Bool {
        guard isOpen, sent > firstSequence else { return false }
        switch settings.boundary {
        case .records(let count): return sent &- firstSequence >= count
        case .duration: return MessageStamp.monotonicMicroseconds() &- timeOrigin >= deadline
        }
    }

    /// Begins a transaction whose first record will be sequence `sent`; false (the error kept
    /// in ``failure``) when librdkafka refuses.
    mutating func begin(sent: Int) -> Bool {
        do {
            try producer.beginTransaction()
        } catch {
            failure = failure ?? error
            return false
        }
        begun += 1
        isOpen = true
        firstSequence = sent
        if case .duration(let duration) = settings.boundary {
            deadline = (MessageStamp.monotonicMicroseconds() &- timeOrigin) &+ UInt64(clamping: milliseconds(duration * 1000))
        }
        return true
    }

    /// Ends the open transaction, whose records are sequences `firstSequence..<sent`: waits for
    /// their delivery reports with `awaitReports`, then commits it (or aborts it, every
    /// ``TransactionSettings/abortEvery``-th), timing that call. A commit that fails is
    /// aborted and counted as aborted; the error is kept in ``failure``.
    mutating func end(sent: Int, awaitReports: () -> Void) {
        guard isOpen else { return }
        isOpen = false
        awaitReports()
        let records = sent &- firstSequence
        let timeout = milliseconds(settings.timeout)
        let start = MessageStamp.monotonicMicroseconds()
        var abort = settings.aborts(begun)
        if !abort {
            do {
                try producer.commitTransaction(timeoutMilliseconds: timeout)
                commitLatencies.record(MessageStamp.monotonicMicroseconds() &- start)
                committed += 1
                committedRecords += records
                return
            } catch {
                failure = failure ?? error
                abort = true
            }
        }
        let abortStart = MessageStamp.monotonicMicroseconds()
        do {
            try producer.abortTransaction(timeoutMilliseconds: timeout)
        } catch {
            failure = failure ?? error
        }
        abortLatencies.record(MessageStamp.monotonicMicroseconds() &- abortStart)
        aborted += 1
        abortedRecords += records
        abortedRanges.append(firstSequence..<sent)
    }

    /// The figures of the transactions ended so far.
    var result: TransactionResult {
        TransactionResult(
            transactionalID: settings.transactionalID, boundary: settings.boundary.description, abortEvery: settings.abortEvery,
            committed: committed, aborted: aborted, committedRecords: committedRecords, abortedRecords: abortedRecords,
            commitLatency: LatencyPercentiles(commitLatencies), abortLatency: LatencyPercentiles(abortLatencies),
            failure: failure.map { "\($0)" })
    }
}
