import KafkaLive
import Testing
@testable import KBenchStudies

@Suite("--transactional-id: aborted records in the exactly-once check, the report's lines")
struct TransactionLedgerTests {
    @Test("records of aborted transactions are neither missing nor read exactly once; reading them is counted apart")
    func abortedRecords() throws {
        let delivered = DeliveredLedger()
        for sequence in 0..<12 as Range<UInt64> { delivered.markDelivered(sequence) }
        var aborted = SequenceBitmap()
        defer { aborted.deallocate() }
        for sequence in 4..<8 as Range<UInt64> { _ = aborted.insert(sequence) }  // the second of three transactions of 4
        var ledger = ConsumedLedger(runTag: 0, producerCount: 1, sequenceCap: 100, partitionCount: 1, startOffsets: [0: 0])
        defer { ledger.deallocate() }
        // Committed 0…3 and 8…10 read (11 missing), aborted 5 and 6 read (a cluster that does not hide them).
        for (offset, sequence) in [0, 1, 2, 3, 5, 6, 8, 9, 10].enumerated() {
            EndToEndLedgerTests.consume(&ledger, EndToEndLedgerTests.stamped(runTag: 0, sequence: UInt64(sequence), sendTime: 0), offset: Int64(offset))
        }
        let check = EndToEndReconciliation(delivered: [delivered], consumed: [ledger], aborted: [aborted])
        #expect(check.exactlyOnce == 7)
        #expect(check.missing == 1, "sequence 11; the aborted 4 and 7 unread are not missing")
        #expect(check.abortedDelivered == 4)
        #expect(check.abortedRead == 2)
        #expect(check.unreported == 0)
        let plain = EndToEndReconciliation(delivered: [delivered], consumed: [ledger])
        #expect(plain.missing == 3 && plain.abortedRead == 0, "without transactions the same reading misses 4, 7 and 11")
    }

    @Test("offsets skipped below the low watermark are dropped records; the rest are offsets without a record (markers)")
    func skippedSplit() {
        let below = EndToEndReconciliation.skippedBelowLowWatermark([0: 5, 1: 3], startOffsets: [0: 10, 1: 0], lowWatermarks: [0: 12, 1: 0])
        #expect(below == 2)
    }

    @Test("every N-th transaction aborts; boundaries describe themselves")
    func settings() {
        let settings = TransactionSettings(transactionalID: "t", boundary: .records(100), abortEvery: 3)
        #expect((1...9).filter(settings.aborts) == [3, 6, 9])
        #expect(!TransactionSettings(transactionalID: "t", boundary: .records(1)).aborts(3))
        #expect(TransactionBoundary.duration(.milliseconds(100)).description == "every 100 ms")
        #expect(TransactionBoundary.records(500).description == "every 500 records")
    }

    @Test("the cost is the ratio of the transactional figures to the plain ones")
    func cost() {
        let cost = TransactionCost(
            rounds: 1, plainRecordsPerSecond: 1000, transactionalRecordsPerSecond: 930,
            plainP50Milliseconds: 2, plainP99Milliseconds: 10, transactionalP50Milliseconds: 3, transactionalP99Milliseconds: 14)
        #expect(abs(cost.throughputRatio - 0.93) < 1e-9)
        #expect(abs(cost.p99Ratio - 1.4) < 1e-9)
        #expect(ProduceReport.transactionCostLine(cost).hasPrefix("transactions cost: throughput 0.93×, p50 1.50×, p99 1.40×"))
        let empty = TransactionCost(
            rounds: 1, plainRecordsPerSecond: 0, transactionalRecordsPerSecond: 5,
            plainP50Milliseconds: 0, plainP99Milliseconds: 0, transactionalP50Milliseconds: 1, transactionalP99Milliseconds: 1)
        #expect(empty.throughputRatio == 0 && empty.p99Ratio == 0)
    }
}
