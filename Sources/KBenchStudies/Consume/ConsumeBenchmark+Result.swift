import Foundation
import KafkaLive
import KBenchReports

extension ConsumeBenchmark {
    /// The run's result from what every reader saw, how far they read together (`progress`)
    /// and the offsets around it.
    static func result(
        _ settings: ConsumeSettings, partitionCount: Int, outcomes: [ConsumeReader.Outcome], progress: ConsumeProgress,
        watched: Watch, target: Int, offsets: (endHigh: [Int64], lagAtStart: Int64, belowLow: Int64),
        fetch: FetchStatistics?, startTime: Date, elapsedMicroseconds: UInt64
    ) -> ConsumeResult {
        let lagAtEnd = zip(offsets.endHigh, progress.furthestOffsets).reduce(Int64(0)) { $0 + Swift.max(0, $1.0 - $1.1) }
        let records = outcomes.reduce(0) { $0 + $1.records }
        let distinct = progress.distinct.load(ordering: .relaxed)
        let lastRecord = outcomes.compactMap(\.lastRecordMicroseconds).max()
        let elapsed = Double(watched.complete ? (lastRecord ?? elapsedMicroseconds) : elapsedMicroseconds) / 1e6
        let rebalance = settings.group == nil ? 0 : Swift.min(elapsed, watched.uncovered.seconds)
        var errors: [Int32: Int] = [:]
        for outcome in outcomes { errors.merge(outcome.errors, uniquingKeysWith: +) }
        var counts = errors.map { ConsumeErrorCount(error: LibrdkafkaErrorCode(rawValue: $0.key).name, count: $0.value) }
        for case let failure? in outcomes.map(\.failure) { counts.append(ConsumeErrorCount(error: "CONSUMER_STOPPED: \(failure)", count: 1)) }
        return ConsumeResult(
            topic: settings.topic, partitionCount: partitionCount, consumers: outcomes.count, group: settings.group,
            target: target, records: records, bytes: outcomes.reduce(0) { $0 + $1.bytes },
            startTime: startTime, endTime: startTime.addingTimeInterval(elapsed), elapsedSeconds: elapsed,
            rebalanceSeconds: rebalance,
            firstRecordSeconds: outcomes.compactMap(\.firstRecordMicroseconds).min().map { Double($0) / 1e6 },
            lagAtStart: offsets.lagAtStart, lagAtEnd: lagAtEnd, belowLowWatermark: offsets.belowLow,
            rereadRecords: Swift.max(0, records - distinct), fetch: fetch,
            windows: watched.windows, errors: counts.sorted { ($0.count, $1.error) > ($1.count, $0.error) },
            complete: watched.complete && distinct >= target, runID: RunIdentity.draw())
    }
}
