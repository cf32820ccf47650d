import Foundation
import KafkaLive

extension ConsumeBenchmark {
    /// The run's result from what every reader saw and the offsets around it.
    static func result(
        _ settings: ConsumeSettings, partitionCount: Int, outcomes: [ConsumeReader.Outcome], watched: Watch, target: Int,
        offsets: (start: [Int64], endHigh: [Int64], lagAtStart: Int64, belowLow: Int64),
        fetch: FetchStatistics?, startTime: Date, elapsedMicroseconds: UInt64
    ) -> ConsumeResult {
        var nextOffsets = offsets.start
        for outcome in outcomes {
            for (partition, next) in outcome.nextOffsets.enumerated() where next >= 0 {
                nextOffsets[partition] = Swift.max(nextOffsets[partition], next)
            }
        }
        let lagAtEnd = zip(offsets.endHigh, nextOffsets).reduce(Int64(0)) { $0 + Swift.max(0, $1.0 - $1.1) }
        let records = outcomes.reduce(0) { $0 + $1.records }
        let distinct = zip(nextOffsets, offsets.start).reduce(Int64(0)) { $0 + Swift.max(0, $1.0 - $1.1) }
        let lastRecord = outcomes.compactMap(\.lastRecordMicroseconds).max()
        let elapsed = Double(watched.complete ? (lastRecord ?? elapsedMicroseconds) : elapsedMicroseconds) / 1e6
        let (whole, fraction) = watched.uncovered.components
        let rebalance = settings.group == nil ? 0 : Swift.min(elapsed, Double(whole) + Double(fraction) / 1e18)
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
            rereadRecords: Swift.max(0, records - Int(distinct)), fetch: fetch,
            windows: watched.windows, errors: counts.sorted { ($0.count, $1.error) > ($1.count, $0.error) },
            complete: watched.complete && Int(distinct) >= target, runID: RunIdentity.draw())
    }
}
