import KBenchReports
import KBenchWorkloads

/// The produce stage of a report: a rate ladder and a `linger.ms` × compression sweep of
/// librdkafka producing to its embedded mock cluster, run as `kbench produce --throughput …`
/// and `--sweep …` run them (``ProduceStudy``: interleaved rounds, runs merged).
package struct ProduceStagePlan: Sendable, Hashable {
    /// The rate steps, lowest first, usually ending with `max`.
    package var rateSteps: [ProduceThroughput]
    /// How long each step sends.
    package var stepDuration: Duration
    /// The sweep, as `--sweep` arguments (`linger-ms=0,5,20`, `compression=none,lz4,zstd`).
    package var sweep: [String]
    /// The fixed rate every combination of the sweep offers.
    package var sweepRate: ProduceThroughput
    /// How long each combination sends.
    package var sweepDuration: Duration
    /// Rounds of each study (`--repeat`): every point runs this often, in interleaved order.
    package var rounds: Int
    /// Brokers of the embedded cluster.
    package var brokers: Int
    /// Partitions of the topic.
    package var partitions: Int
    /// Round-trip time every embedded broker adds (as `kbench produce --embedded-rtt`).
    package var roundTripMilliseconds: Int
    /// The values sent (a built-in corpus, so that compression has something to do).
    package var corpus: PayloadCorpus
    /// Seed of the values.
    package var seed: UInt64

    /// The report defaults: steps 10k, 100k, 500k, 1M and max for 2 s each, the sweep
    /// `linger-ms=0,5,20` × `compression=none,lz4,zstd` at 10k records/s for 1 s each, both
    /// twice in interleaved order: 28 runs, about 40 s.
    package init(seed: UInt64 = ReportPlan.defaultSeed) {
        self.init(
            rateSteps: [10_000, 100_000, 500_000, 1_000_000].map { .fixed(recordsPerSecond: $0) } + [.max],
            stepDuration: .seconds(2),
            sweep: ["linger-ms=0,5,20", "compression=none,lz4,zstd"],
            sweepRate: .fixed(recordsPerSecond: 10_000), sweepDuration: .seconds(1), rounds: 2, seed: seed)
    }

    /// A plan from its parts (3 brokers, 6 partitions, 1 ms round trip, the json corpus).
    package init(
        rateSteps: [ProduceThroughput], stepDuration: Duration, sweep: [String], sweepRate: ProduceThroughput,
        sweepDuration: Duration, rounds: Int, seed: UInt64
    ) {
        self.rateSteps = rateSteps
        self.stepDuration = stepDuration
        self.sweep = sweep
        self.sweepRate = sweepRate
        self.sweepDuration = sweepDuration
        self.rounds = rounds
        brokers = 3
        partitions = 6
        roundTripMilliseconds = 1
        corpus = .json
        self.seed = seed
    }

    /// A fast variant (about 3 s): steps 2k, 10k and max, the sweep `linger-ms=0,20` ×
    /// `compression=none,lz4` at 5k records/s, 0.3 s per run, one round.
    package static func quick(seed: UInt64) -> ProduceStagePlan {
        ProduceStagePlan(
            rateSteps: [.fixed(recordsPerSecond: 2_000), .fixed(recordsPerSecond: 10_000), .max],
            stepDuration: .milliseconds(300),
            sweep: ["linger-ms=0,20", "compression=none,lz4"],
            sweepRate: .fixed(recordsPerSecond: 5_000), sweepDuration: .milliseconds(300), rounds: 1, seed: seed)
    }

    /// Seconds of sending the plan asks for (each run also waits for its last delivery
    /// reports and starts a producer).
    package var sendingSeconds: Double {
        let combinations = (try? SweepPlan(parsing: sweep))?.combinations.count ?? 0
        return Double(rounds) * (Double(rateSteps.count) * stepDuration.seconds + Double(combinations) * sweepDuration.seconds)
    }
}
