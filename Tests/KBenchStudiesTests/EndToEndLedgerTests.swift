import KafkaLive
import Testing
@testable import KBenchStudies

@Suite("--end-to-end: the stamp codec and the exactly-once ledger")
struct EndToEndLedgerTests {
    /// A value stamped as a stamping batch stamps it: identity bits, then the send time.
    static func stamped(runTag: UInt16, producer: Int = 0, sequence: UInt64, sendTime: UInt64, length: Int = 24) -> [UInt8] {
        var value = [UInt8](repeating: 0x41, count: length)
        value.withUnsafeMutableBytes { raw in
            let identity = EndToEndStamp.Identity(runTag: runTag, producer: producer, sequence: sequence)
            EndToEndStamp.writeIdentity(identity.bits, into: raw.baseAddress!)
            EndToEndStamp.writeSendTime(sendTime, into: raw.baseAddress!)
        }
        return value
    }

    @Test("the stamp round-trips its send time and identity; a value shorter than 16 bytes has none")
    func stampRoundTrip() throws {
        let value = Self.stamped(runTag: 0xABC, producer: 7, sequence: 123_456_789_012, sendTime: 987_654_321)
        let stamp = try #require(value.withUnsafeBytes { EndToEndStamp.read($0) })
        #expect(stamp.sendTime == 987_654_321)
        let identity = EndToEndStamp.Identity(bits: stamp.identity)
        #expect(identity == EndToEndStamp.Identity(runTag: 0xABC, producer: 7, sequence: 123_456_789_012))
        #expect(Array(value[16...]) == [UInt8](repeating: 0x41, count: 8), "bytes after the stamp are the value's")
        #expect([UInt8](repeating: 1, count: 15).withUnsafeBytes { EndToEndStamp.read($0) } == nil)
        #expect(EndToEndStamp.Identity.prefix(runTag: 0xABC, producer: 7) | 5 == EndToEndStamp.Identity(runTag: 0xABC, producer: 7, sequence: 5).bits)
    }

    static func consume(_ ledger: inout ConsumedLedger, _ value: [UInt8], partition: Int32 = 0, offset: Int64, now: UInt64 = 10_000) {
        value.withUnsafeBytes { ledger.record(value: $0, partition: partition, offset: offset, now: now) }
    }

    @Test("a missing, a duplicated, an unreported and a foreign record are each counted; the rest read exactly once")
    func ledgerCounts() throws {
        let delivered = DeliveredLedger()
        for sequence in 0..<10 as Range<UInt64> {
            delivered.markDelivered(EndToEndStamp.Identity(runTag: 9, producer: 0, sequence: sequence).bits)
        }
        var ledger = ConsumedLedger(runTag: 9, producerCount: 1, sequenceCap: 100, partitionCount: 1, startOffsets: [0: 0])
        defer { ledger.deallocate() }
        var offset: Int64 = 0
        for sequence in [0, 1, 2, 4, 5, 5, 6, 7, 8, 9, 12] as [UInt64] {  // 3 missing, 5 twice, 12 never reported
            Self.consume(&ledger, Self.stamped(runTag: 9, sequence: sequence, sendTime: 4_000), offset: offset)
            offset += 1
        }
        Self.consume(&ledger, Self.stamped(runTag: 8, sequence: 1, sendTime: 4_000), offset: offset)  // another run's
        Self.consume(&ledger, [1, 2, 3], offset: offset + 1)  // too short for a stamp
        let check = EndToEndReconciliation(delivered: [delivered], consumed: [ledger])
        #expect(check.exactlyOnce == 8)
        #expect(check.missing == 1)
        #expect(check.duplicated == 1)
        #expect(check.unreported == 1)
        #expect(check.consumed == 11)
        #expect(ledger.foreign == 2)
        #expect(ledger.unique == 10)
        let latency = ledger.latencies.histogram()
        #expect(latency.totalCount == 10, "copies are not measured twice")
        #expect(ledger.latencySumMicroseconds == 10 * 6_000, "consume time 10 ms − send time 4 ms, each")
    }

    @Test("a record read by two consumers counts as duplicated, not as read exactly once")
    func duplicateAcrossConsumers() throws {
        let delivered = DeliveredLedger()
        for sequence in 0..<3 as Range<UInt64> { delivered.markDelivered(sequence) }
        var first = ConsumedLedger(runTag: 0, producerCount: 1, sequenceCap: 100, partitionCount: 2, startOffsets: [0: 0])
        var second = ConsumedLedger(runTag: 0, producerCount: 1, sequenceCap: 100, partitionCount: 2, startOffsets: [1: 0])
        defer {
            first.deallocate()
            second.deallocate()
        }
        Self.consume(&first, Self.stamped(runTag: 0, sequence: 0, sendTime: 0), offset: 0)
        Self.consume(&first, Self.stamped(runTag: 0, sequence: 1, sendTime: 0), offset: 1)
        Self.consume(&second, Self.stamped(runTag: 0, sequence: 1, sendTime: 0), partition: 1, offset: 0)
        Self.consume(&second, Self.stamped(runTag: 0, sequence: 2, sendTime: 0), partition: 1, offset: 1)
        let check = EndToEndReconciliation(delivered: [delivered], consumed: [first, second])
        #expect(check.exactlyOnce == 2)
        #expect(check.duplicated == 1)
        #expect(check.missing == 0)
    }

    @Test("offsets skipped in a partition are counted (records the cluster no longer held)")
    func skippedOffsets() {
        var ledger = ConsumedLedger(runTag: 0, producerCount: 1, sequenceCap: 100, partitionCount: 2, startOffsets: [0: 10, 1: 0])
        defer { ledger.deallocate() }
        for (partition, offset) in [(0, 15), (0, 16), (0, 20), (1, 0), (1, 1)] as [(Int32, Int64)] {
            Self.consume(&ledger, Self.stamped(runTag: 0, sequence: UInt64(offset), sendTime: 0), partition: partition, offset: offset)
        }
        #expect(Array(ledger.skippedOffsets) == [5 + 3, 0])
    }

    @Test("missing records count as dropped by the cluster only for offsets skipped below its low watermark")
    func droppedByCluster() {
        // Partition 0: 40 offsets skipped, all below the low watermark 150 (reading began at 100).
        // Partition 1: 30 skipped, only 10 below the low watermark. Partition 2: no low watermark.
        let skipped: [Int32: Int64] = [0: 40, 1: 30, 2: 5]
        let starts: [Int32: Int64] = [0: 100, 1: 0, 2: 0]
        let lows: [Int32: Int64] = [0: 150, 1: 10]
        #expect(EndToEndReconciliation.droppedByCluster(missing: 100, skipped: skipped, startOffsets: starts, lowWatermarks: lows) == 50)
        #expect(EndToEndReconciliation.droppedByCluster(missing: 20, skipped: skipped, startOffsets: starts, lowWatermarks: lows) == 20)
        #expect(EndToEndReconciliation.droppedByCluster(missing: 100, skipped: [:], startOffsets: starts, lowWatermarks: lows) == 0)
    }
}
