import KafkaLive

/// When a transaction of `kbench produce --transactional-id` ends.
package enum TransactionBoundary: Sendable, Hashable, CustomStringConvertible {
    /// After this long (checked between messages; a transaction with no record is not ended).
    case duration(Duration)
    /// After this many records.
    case records(Int)

    /// `every 100 ms` / `every 1000 records`.
    package var description: String {
        switch self {
        case .duration(let duration): "every \(milliseconds(duration)) ms"
        case .records(let count): "every \(count) records"
        }
    }
}

/// How a transactional run produces (``ProduceSettings/transactions``): librdkafka's
/// transactional producer (`transactional.id` set in the configuration) initialised once,
/// then begin, produce, commit per ``boundary``, every ``abortEvery``-th transaction aborted.
package struct TransactionSettings: Sendable, Hashable {
    /// The `transactional.id` (also in the producer's configuration).
    package var transactionalID: String
    /// When each transaction ends.
    package var boundary: TransactionBoundary
    /// Abort every N-th transaction (nil: commit them all).
    package var abortEvery: Int?
    /// Bound on `rd_kafka_init_transactions`, each commit and each abort.
    package var timeout: Duration

    /// Settings from their parts.
    package init(transactionalID: String, boundary: TransactionBoundary, abortEvery: Int? = nil, timeout: Duration = .seconds(30)) {
        self.transactionalID = transactionalID
        self.boundary = boundary
        self.abortEvery = abortEvery
        self.timeout = timeout
    }

    /// Whether transaction `index` (from 1) is aborted.
    func aborts(_ index: Int) -> Bool {
        guard let abortEvery, abortEvery > 0 else { return false }
        return index % abortEvery == 0
    }
}
