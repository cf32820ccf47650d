import KafkaLive
import Testing
@testable import KBenchStudies

@Suite("AuditSamplePlan: which offsets an audit reads")
struct AuditSamplePlanTests {
    @Test("a quota is read as 16 equal windows, each centred in its sixteenth of the offsets")
    func centredWindows() {
        let windows = AuditSamplePlan.windows(low: 100, high: 1700, quota: 160)
        #expect(windows.count == 16)
        #expect(windows.map(\.start) == (0..<16).map { 145 + 100 * Int64($0) })
        #expect(windows.allSatisfy { $0.count == 10 })
    }

    @Test("the whole range is one window; a tiny quota is one window per record; nothing for an empty range")
    func edges() {
        #expect(AuditSamplePlan.windows(low: 5, high: 25, quota: 20) == [AuditOffsetWindow(start: 5, end: 25)])
        #expect(AuditSamplePlan.windows(low: 5, high: 25, quota: 99) == [AuditOffsetWindow(start: 5, end: 25)])
        #expect(AuditSamplePlan.windows(low: 0, high: 100, quota: 3) == [
            AuditOffsetWindow(start: 16, end: 17), AuditOffsetWindow(start: 49, end: 50), AuditOffsetWindow(start: 82, end: 83),
        ])
        #expect(AuditSamplePlan.windows(low: 7, high: 7, quota: 10).isEmpty)
        #expect(AuditSamplePlan.windows(low: 0, high: 10, quota: 0).isEmpty)
    }

    @Test("for every range and quota: windows ascending, disjoint, inside the range, summing to the quota")
    func invariants() {
        for span in Int64(1)...300 {
            for quota in Int64(1)...span {
                let windows = AuditSamplePlan.windows(low: 1000, high: 1000 + span, quota: quota)
                #expect(windows.count == Int(Swift.min(quota, 16)) || quota == span)
                #expect(windows.reduce(0) { $0 + $1.count } == quota)
                #expect(windows.first!.start >= 1000 && windows.last!.end <= 1000 + span)
                #expect(zip(windows, windows.dropFirst()).allSatisfy { $0.end <= $1.start })
                #expect(windows.allSatisfy { $0.count > 0 })
            }
        }
    }

    @Test("the limit is shared evenly; a small partition leaves its share to the others")
    func quotas() {
        #expect(AuditSamplePlan.quotas(available: [0: 10, 1: 500, 2: 500], maxRecords: 100) == [0: 10, 1: 45, 2: 45])
        #expect(AuditSamplePlan.quotas(available: [0: 10, 1: 500], maxRecords: nil) == [0: 10, 1: 500])
    }

    @Test("a plan skips empty partitions and says whether it reads the whole topic")
    func plan() {
        let watermarks: [Int32: (low: Int64, high: Int64)] = [0: (0, 1000), 1: (50, 50), 2: (200, 1200)]
        let sample = AuditSamplePlan(watermarks: watermarks, maxRecords: 100)
        #expect(sample.partitions.map(\.partition) == [0, 2])
        #expect(sample.partitions.map(\.planned) == [50, 50])
        #expect(!sample.wholeTopic && sample.totalRecords == 2000 && sample.partitionsRead == 2)
        #expect(sample.windowsPerPartition == 16...16)
        let whole = AuditSamplePlan(watermarks: watermarks, maxRecords: 5000)
        #expect(whole.wholeTopic && whole.partitions.allSatisfy { $0.windows.count == 1 })
        #expect(AuditSamplePlan(watermarks: watermarks, maxRecords: nil).wholeTopic)
    }
}
