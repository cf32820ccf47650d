import CRdKafka

/// librdkafka's transactional producer (needs `transactional.id` in the configuration):
/// ``initTransactions(timeoutMilliseconds:)`` once, then per transaction
/// ``beginTransaction()``, produce, and ``commitTransaction(timeoutMilliseconds:)`` (which
/// flushes first) or ``abortTransaction(timeoutMilliseconds:)``.
extension KafkaProducer {
    /// Registers the transactional id with its coordinator (InitProducerId), fencing older
    /// producers with the same id.
    package func initTransactions(timeoutMilliseconds: Int) throws(KafkaLiveError) {
        try check(rd_kafka_init_transactions(handle, Int32(clamping: timeoutMilliseconds)), "rd_kafka_init_transactions")
    }

    /// Starts a transaction (local: AddPartitionsToTxn goes out with the first record per partition).
    package func beginTransaction() throws(KafkaLiveError) {
        try check(rd_kafka_begin_transaction(handle), "rd_kafka_begin_transaction")
    }

    /// Flushes the transaction's records and commits it (EndTxn committed=true).
    package func commitTransaction(timeoutMilliseconds: Int) throws(KafkaLiveError) {
        try check(rd_kafka_commit_transaction(handle, Int32(clamping: timeoutMilliseconds)), "rd_kafka_commit_transaction")
    }

    /// Aborts the transaction (EndTxn committed=false): its records must never reach a
    /// `read_committed` consumer.
    package func abortTransaction(timeoutMilliseconds: Int) throws(KafkaLiveError) {
        try check(rd_kafka_abort_transaction(handle, Int32(clamping: timeoutMilliseconds)), "rd_kafka_abort_transaction")
    }

    /// Throws (and frees) a transactional API error.
    private func check(_ error: OpaquePointer?, _ operation: String) throws(KafkaLiveError) {
        guard let error else { return }
        defer { rd_kafka_error_destroy(error) }
        let code = LibrdkafkaErrorCode(rd_kafka_error_code(error))
        throw .librdkafka(operation: operation, code: code, message: rd_kafka_error_string(error).map { String(cString: $0) } ?? code.text)
    }
}
