/// What the transactions of a `kbench produce --transactional-id` run did
/// (``ProduceResult/transactions``).
package struct TransactionResult: Sendable, Hashable, Codable {
    /// The `transactional.id`.
    package var transactionalID: String
    /// When each transaction ended (``TransactionBoundary/description``).
    package var boundary: String
    /// Every N-th transaction was aborted (nil: none on purpose).
    package var abortEvery: Int?
    /// Transactions committed.
    package var committed: Int
    /// Transactions aborted (on purpose, or because their commit failed).
    package var aborted: Int
    /// Records of the committed transactions.
    package var committedRecords: Int
    /// Records of the aborted transactions.
    package var abortedRecords: Int
    /// Time of `rd_kafka_commit_transaction` once the transaction's records were acknowledged.
    package var commitLatency: LatencyPercentiles
    /// Time of `rd_kafka_abort_transaction` once the transaction's records were acknowledged.
    package var abortLatency: LatencyPercentiles
    /// The first error of a begin, commit or abort (nil: none).
    package var failure: String?

    /// Transactions ended.
    package var transactions: Int { committed + aborted }
    /// Mean records per transaction.
    package var recordsPerTransaction: Double {
        transactions > 0 ? Double(committedRecords + abortedRecords) / Double(transactions) : 0
    }
}

/// The cost of transactions: the transactional runs of an invocation against the same runs
/// without transactions (same rate and settings, interleaved rounds).
package struct TransactionCost: Sendable, Hashable, Codable {
    /// Rounds (one transactional and one plain run each).
    package var rounds: Int
    /// Delivered records per second of the plain runs (delivered ÷ elapsed, summed over rounds).
    package var plainRecordsPerSecond: Double
    /// The same for the transactional runs.
    package var transactionalRecordsPerSecond: Double
    /// Delivery latency (service time) p50 and p99 of the plain runs, histograms merged (ms).
    package var plainP50Milliseconds: Double
    /// The p99.
    package var plainP99Milliseconds: Double
    /// The same for the transactional runs.
    package var transactionalP50Milliseconds: Double
    /// The p99.
    package var transactionalP99Milliseconds: Double

    /// Transactional throughput ÷ plain throughput (0 when the plain runs delivered nothing).
    package var throughputRatio: Double { plainRecordsPerSecond > 0 ? transactionalRecordsPerSecond / plainRecordsPerSecond : 0 }
    /// Transactional p50 ÷ plain p50 (0 when the plain p50 is 0).
    package var p50Ratio: Double { plainP50Milliseconds > 0 ? transactionalP50Milliseconds / plainP50Milliseconds : 0 }
    /// Transactional p99 ÷ plain p99 (0 when the plain p99 is 0).
    package var p99Ratio: Double { plainP99Milliseconds > 0 ? transactionalP99Milliseconds / plainP99Milliseconds : 0 }
}
