import ArgumentParser
import Foundation
import KafkaPartitioning
import KBenchReports

/// The producer model options of `kbench partitions` (defaults: each client's defaults).
struct PartitionsProducerOptions: ParsableArguments {
    @Option(name: .customLong("batch-size"), help: "batch.size in bytes.")
    var batchSize: Int = 16384

    @Option(name: .customLong("linger-ms"), help: "linger.ms: how long a batch stays open.")
    var lingerMilliseconds: Double = 5

    @Option(name: .customLong("sticky-linger-ms"), help: "librdkafka sticky.partitioning.linger.ms.")
    var stickyLingerMilliseconds: Double = 10

    @Option(name: [.customLong("round-robin"), .customLong("java-round-robin-model")], help: "Java RoundRobinPartitioner: before-3.9 (KAFKA-9965 double advance) or 3.9+.")
    var roundRobin: JavaRoundRobinModel = .kafka39OrLater

    @Option(name: .long, help: "Records per second (the simulated clock).")
    var rate: Double = 10_000

    @Option(name: .customLong("value-size"), help: "Value bytes per record (batch fill).")
    var valueSize: Int = 100

    @Option(name: .long, help: "Seed of generated keys and of every simulated random choice (same seed, same result).")
    var seed: UInt64 = 0

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
        guard lingerMilliseconds >= 0, lingerMilliseconds.isFinite else { throw ValidationError("--linger-ms must be 0 or more") }
        guard stickyLingerMilliseconds >= 0, stickyLingerMilliseconds.isFinite else { throw ValidationError("--sticky-linger-ms must be 0 or more") }
        guard rate > 0, rate.isFinite else { throw ValidationError("--rate must be above 0 (got \(rate))") }
        guard valueSize >= 0 else { throw ValidationError("--value-size must be 0 or more (got \(valueSize))") }
    }

    var configuration: ProducerConfiguration {
        ProducerConfiguration(
            batchSize: batchSize, lingerMilliseconds: lingerMilliseconds,
            stickyPartitioningLingerMilliseconds: stickyLingerMilliseconds, javaRoundRobinModel: roundRobin)
    }

    var workload: SimulationWorkload {
        SimulationWorkload(recordsPerSecond: rate, valueLength: valueSize)
    }
}

extension JavaRoundRobinModel: ExpressibleByArgument {}
