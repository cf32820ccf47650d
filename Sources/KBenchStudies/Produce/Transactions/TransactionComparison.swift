import Histogram

/// `kbench produce --transactional-id`: the transactional run and the same run without
/// transactions (same settings and rate, `transactional.id` dropped), in interleaved rounds —
/// transactional then plain, then plain then transactional, … — so that a machine getting
/// slower or faster during the invocation favours neither, each run a fresh producer on the
/// same topic. Their delivered throughput and delivery latency give ``TransactionCost``.
package enum TransactionComparison {
    /// The runs of a comparison: the transactional and the plain ones, in round order.
    package struct Outcome: Sendable {
        /// The transactional runs.
        package var transactional: [ProduceResult]
        /// The runs without transactions.
        package var plain: [ProduceResult]
        /// Their cost figures.
        package var cost: TransactionCost
    }

    /// Runs `settings` (which must have ``ProduceSettings/transactions``) and its plain twin
    /// `rounds` times, calling `onRun` before each run with its label (`transactional` or
    /// `without transactions`) and its number from 1.
    ///
    /// - Throws: what ``ProduceBenchmark/run(_:onWindow:)`` throws, at the first run that fails.
    package static func run(
        _ settings: ProduceSettings, rounds: Int, onRun: (_ label: String, _ run: Int) -> Void = { _, _ in }
    ) throws -> Outcome {
        var plainSettings = settings
        plainSettings.transactions = nil
        plainSettings.configuration["transactional.id"] = nil
        var transactional: [ProduceResult] = []
        var plain: [ProduceResult] = []
        for round in 0..<Swift.max(1, rounds) {
            for transactionalFirst in round.isMultiple(of: 2) ? [true, false] : [false, true] {
                onRun(transactionalFirst ? "transactional" : "without transactions", transactional.count + plain.count + 1)
                if transactionalFirst {
                    transactional.append(try ProduceBenchmark.run(settings))
                } else {
                    plain.append(try ProduceBenchmark.run(plainSettings))
                }
            }
        }
        return Outcome(transactional: transactional, plain: plain, cost: cost(transactional: transactional, plain: plain))
    }

    /// The cost of `transactional` against `plain`: delivered ÷ elapsed over all runs of each,
    /// latency percentiles of their service-time histograms merged.
    package static func cost(transactional: [ProduceResult], plain: [ProduceResult]) -> TransactionCost {
        func throughput(_ results: [ProduceResult]) -> Double {
            Rate.perSecond(results.reduce(0) { $0 + $1.delivered }, over: results.reduce(0) { $0 + $1.elapsedSeconds })
        }
        func latency(_ results: [ProduceResult]) -> LatencyPercentiles {
            var merged = Histogram<UInt64>(highestTrackableValue: ConsumedLedger.highestTrackableLatency, numberOfSignificantValueDigits: .three)
            for case let histogram? in results.map(\.histograms?.service) { merged.add(histogram.histogram) }
            return LatencyPercentiles(merged)
        }
        let plainLatency = latency(plain)
        let transactionalLatency = latency(transactional)
        return TransactionCost(
            rounds: transactional.count, plainRecordsPerSecond: throughput(plain), transactionalRecordsPerSecond: throughput(transactional),
            plainP50Milliseconds: plainLatency.p50Milliseconds, plainP99Milliseconds: plainLatency.p99Milliseconds,
            transactionalP50Milliseconds: transactionalLatency.p50Milliseconds, transactionalP99Milliseconds: transactionalLatency.p99Milliseconds)
    }
}
