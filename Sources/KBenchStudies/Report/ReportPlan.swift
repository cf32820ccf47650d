import KafkaCompression
import KafkaPartitioning
import KBenchWorkloads

/// What `kbench report` runs: the stages and each stage's embedded configuration.
///
/// The defaults take about 3 min 45 s on two cores, release build (hash ~35 s, of which ~5 s
/// count instructions per key under callgrind where the CPU's counter is hidden, compress
/// ~2 min 25 s, partitions ~1 s, produce ~46 s); ``quick`` shrinks every stage to seconds
/// for tests.
package struct ReportPlan: Sendable {
    /// Default seed of every stage.
    package static let defaultSeed: UInt64 = 42

    /// Stages to run, in order.
    package var stages: [ReportStage]
    /// Whether this is the quick variant.
    package var isQuick: Bool
    /// The hash study.
    package var hash: HashStudyConfiguration
    /// The kbench executable the hash stage re-runs under callgrind to count instructions
    /// (this process's: tests, whose process is not kbench, name the built binary).
    package var executable = CurrentExecutable.path
    /// The compression study.
    package var compress: CompressionStudyConfiguration
    /// The built-in corpus the compression study packs.
    package var compressCorpus: PayloadCorpus
    /// The partition study.
    package var partitions: PartitionsStagePlan
    /// The producer study on the embedded cluster.
    package var produce: ProduceStagePlan

    /// The embedded defaults (or the quick variant), every stage seeded with `seed`.
    /// `clients` limits the compression stage to those producers (default: librdkafka and Java).
    package init(stages: [ReportStage] = ReportStage.allCases, quick: Bool = false, seed: UInt64 = defaultSeed, clients: [ProducerClient] = ProducerClient.allCases) {
        self.stages = stages
        self.isQuick = quick
        var hash = quick ? HashStudyConfiguration.quick : HashStudyConfiguration(minimumTime: 0.25)
        hash.seed = seed
        hash.instructions = .auto
        self.hash = hash
        compressCorpus = .json
        compress = quick
            ? CompressionStudyConfiguration(
                settings: clients.flatMap { client in
                    [CompressionType.gzip, .snappy, .lz4, .zstd].map { CompressionSetting($0, level: client.levels($0).defaultLevel, client: client) }
                },
                batchSizes: [16 << 10], minimumTime: 0, seed: seed, sampleBytes: 64 << 10)
            : CompressionStudyConfiguration(settings: CompressionSelection.defaultSettings(clients: clients), seed: seed)
        partitions = quick ? .quick(seed: seed) : PartitionsStagePlan(seed: seed)
        produce = quick ? .quick(seed: seed) : ProduceStagePlan(seed: seed)
    }
}

/// The partition stage of a report: key sets, partition count, resizes, all strategies.
package struct PartitionsStagePlan: Sendable, Hashable {
    /// The key sets, each studied on its own (default: 1M random 16-byte keys, and 1M Zipf
    /// draws with exponent 1.1 — hot keys).
    package var keySpecs: [KeySpec]
    /// Partition count of the distribution.
    package var partitionCount: Int
    /// Partition-count changes whose key movement is measured (default 12 → 13).
    package var resizes: [PartitionResize]
    /// Seed of the key generators and simulated choices.
    package var seed: UInt64
    /// The key-file pass: the first key set written as a file and read back by one strategy
    /// against the floor of reading it, each timed for at least this many seconds (0: one
    /// round); nil leaves it out.
    package var keyFileMinimumTime: Double?

    /// The report defaults.
    package init(keyCount: Int = 1_000_000, partitionCount: Int = 12, seed: UInt64 = ReportPlan.defaultSeed, keyFileMinimumTime: Double? = 1) {
        keySpecs = [.random(length: 16, count: keyCount), .zipf(exponent: 1.1, count: keyCount, distinctKeys: keyCount)]
        self.partitionCount = partitionCount
        resizes = (try? PartitionResize(from: partitionCount, to: partitionCount + 1)).map { [$0] } ?? []
        self.seed = seed
        self.keyFileMinimumTime = keyFileMinimumTime
    }

    /// A fast variant: 20,000 keys per set, the key-file passes timed for 0.05 s each (a
    /// median of several rounds, so a baseline comparison of two quick runs holds).
    package static func quick(seed: UInt64) -> PartitionsStagePlan {
        PartitionsStagePlan(keyCount: 20_000, seed: seed, keyFileMinimumTime: 0.05)
    }
}
