import KafkaLive
import KBenchStudies
import Testing

@Suite("--backlog: what a run can build and what the embedded cluster keeps")
struct BacklogSettingsTests {
    @Test("a backlog above --messages × value size, or --duration × rate × value size, is unreachable; unpaced durations are not bounded")
    func unreachable() {
        #expect(BacklogSettings.unreachableReason(bytes: 100_001, limit: .messages(1000), meanValueSize: 100, recordsPerSecond: nil) != nil)
        #expect(BacklogSettings.unreachableReason(bytes: 100_000, limit: .messages(1000), meanValueSize: 100, recordsPerSecond: nil) == nil)
        let paced = BacklogSettings.unreachableReason(bytes: 2_000_001, limit: .duration(.seconds(2)), meanValueSize: 100, recordsPerSecond: 10_000)
        #expect(paced?.contains("--duration 2.0 s × --throughput 10000 records/s") == true, "\(paced ?? "nil")")
        #expect(BacklogSettings.unreachableReason(bytes: 2_000_000, limit: .duration(.seconds(2)), meanValueSize: 100, recordsPerSecond: 10_000) == nil)
        #expect(BacklogSettings.unreachableReason(bytes: 1 << 40, limit: .duration(.seconds(2)), meanValueSize: 100, recordsPerSecond: nil) == nil)
    }

    @Test("the embedded cluster keeps 5 MiB of batches per partition; values get their share after the record overhead")
    func embedded() {
        #expect(BacklogSettings.embeddedRetainedBytes(partitions: 6) == 6 * MockCluster.retainedBytesPerPartition)
        let kept = BacklogSettings.embeddedRetainedValueBytes(partitions: 6, meanValueSize: 100)
        #expect(kept < 6 * MockCluster.retainedBytesPerPartition)
        #expect(kept > 6 * MockCluster.retainedBytesPerPartition * 8 / 10)
        #expect(BacklogSettings.embeddedRetainedValueBytes(partitions: 12, meanValueSize: 1000) > 2 * kept)
    }

    @Test("a producer run with --backlog does not merge with one without, nor with another backlog")
    func mergeSetting() {
        var backlog = ProduceMergeTests.settings()
        backlog.backlogBytes = 1_000_000
        #expect(backlog.firstDifference(from: ProduceMergeTests.settings()) == "backlog 1000000 bytes vs none")
        var other = backlog
        other.backlogBytes = 2_000_000
        #expect(other.firstDifference(from: backlog) == "backlog 2000000 bytes vs 1000000 bytes")
        #expect(backlog.firstDifference(from: backlog) == nil)
    }
}
