/// `__transaction_state` records as kafka-dump-log's `--transaction-log-decoder` prints them
/// (Apache Kafka's `TransactionLog.formatRecordKeyAndValue`).
///
/// Key: `version int16`, version 0 = `TransactionLogKey` (transactionalId) printed
/// `transaction_metadata::transactionalId=ID`; other versions `unknown::version=V` with no
/// payload. Value (transaction-coordinator/…/TransactionLogValue.json): `version int16`, v0 or
/// v1 (flexible, with tagged PreviousProducerId, NextProducerId, ClientTransactionVersion):
/// ProducerId, ProducerEpoch, TransactionTimeoutMs, TransactionStatus, TransactionPartitions
/// (nullable: topic, partition ids), TransactionLastUpdateTimestampMs,
/// TransactionStartTimestampMs; printed `producerId:P,producerEpoch:E,state=S,partitions=[t-0],
/// txnLastUpdateTimestamp=T,txnTimeoutMs=M`, `<DELETE>` for a tombstone. The partitions of an
/// `Empty` transaction are not shown (Kafka drops them). Kafka keeps the partitions in a hash
/// set, so its order can differ from this one, which is the stored order without repeats.
public enum TransactionLogDecoder {
    /// Kafka's `TransactionState` names by status id.
    static let states = ["Empty", "Ongoing", "PrepareCommit", "PrepareAbort", "CompleteCommit", "CompleteAbort", "Dead", "PrepareEpochFence"]

    /// The key and payload text of one `__transaction_state` record at `offset`.
    public static func decode(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, offset: Int64) -> DecodedRecordData {
        guard let key, key.count >= 2 else { return .error(at: offset, MessageReadFailure.noVersion("key").message) }
        let keyVersion = Int16(bigEndian: key.loadUnaligned(as: Int16.self))
        guard keyVersion == 0 else { return DecodedRecordData(key: "unknown::version=\(keyVersion)", payload: nil) }
        do throws(MessageReadFailure) {
            var reader = ProtocolReader(key, from: 2, flexible: false)
            let transactionalId: String
            do throws(RecordBatchError) {
                transactionalId = try reader.string("transactionalId")
            } catch {
                throw .unreadable("key", version: keyVersion, error.description)
            }
            let keyText = "transaction_metadata::transactionalId=\(transactionalId)"
            guard let value else { return DecodedRecordData(key: keyText, payload: "<DELETE>") }
            return DecodedRecordData(key: keyText, payload: try readValue(value))
        } catch {
            return .error(at: offset, error.message)
        }
    }

    private static func readValue(_ value: UnsafeRawBufferPointer) throws(MessageReadFailure) -> String {
        guard value.count >= 2 else { throw .noVersion("value") }
        let version = Int16(bigEndian: value.loadUnaligned(as: Int16.self))
        guard version == 0 || version == 1 else {
            throw MessageReadFailure(message: "Unknown version \(version) from the transaction log message value")
        }
        let fields: (producerId: Int64, epoch: Int16, timeout: Int32, status: Int8, partitions: [String], lastUpdate: Int64)
        do throws(RecordBatchError) {
            fields = try readFields(ProtocolReader(value, from: 2, flexible: version >= 1))
        } catch {
            throw .unreadable("value", version: version, error.description)
        }
        guard fields.status >= 0, Int(fields.status) < states.count else {
            throw MessageReadFailure(message: "Unknown transaction state id \(fields.status) from the transaction status message")
        }
        let state = states[Int(fields.status)]
        let shown = state == "Empty" ? [] : fields.partitions
        return "producerId:\(fields.producerId),producerEpoch:\(fields.epoch),state=\(state),"
            + "partitions=[\(shown.joined(separator: ","))],txnLastUpdateTimestamp=\(fields.lastUpdate),txnTimeoutMs=\(fields.timeout)"
    }

    private static func readFields(_ reader: ProtocolReader) throws(RecordBatchError) -> (producerId: Int64, epoch: Int16, timeout: Int32, status: Int8, partitions: [String], lastUpdate: Int64) {
        var reader = reader
        let producerId = try reader.int64("producerId")
        let producerEpoch = try reader.int16("producerEpoch")
        let timeout = try reader.int32("transactionTimeoutMs")
        let status = try reader.int8("transactionStatus")
        var partitions: [String] = []
        var seen: Set<String> = []
        if let topics = try reader.arrayCount("transactionPartitions", elementSize: 3) {
            for index in 0..<topics {
                let topic = try reader.string("transactionPartitions[\(index)].topic")
                for partition in 0..<(try reader.count("transactionPartitions[\(index)].partitionIds", elementSize: 4)) {
                    let id = try reader.int32("transactionPartitions[\(index)].partitionIds[\(partition)]")
                    let name = "\(topic)-\(id)"
                    if seen.insert(name).inserted { partitions.append(name) }
                }
                try reader.taggedFields("transactionPartitions[\(index)]")
            }
        }
        let lastUpdate = try reader.int64("transactionLastUpdateTimestampMs")
        _ = try reader.int64("transactionStartTimestampMs")
        try reader.taggedFields("TransactionLogValue")
        return (producerId, producerEpoch, timeout, status, partitions, lastUpdate)
    }
}
