import KafkaPartitioning
import Testing
import TestSupport

@Suite("Simulation: stateful strategies under the batch/linger model")
struct SimulationTests {
    func strategy(_ name: String) throws -> PartitionStrategy {
        try #require(StrategyRegistry.strategy(named: name))
    }

    /// Runs `records` null-key sends and returns the per-record partitions.
    func run(
        _ name: String, partitions: Int, records: Int, configuration: ProducerConfiguration = ProducerConfiguration(),
        workload: SimulationWorkload = SimulationWorkload(), seed: UInt64 = 7
    ) throws -> (partitions: [Int32], simulation: ProducerSimulation) {
        var simulation = ProducerSimulation(
            strategy: try strategy(name), partitionCount: try PartitionCount(partitions),
            configuration: configuration, workload: workload, seed: seed)
        let sequence = (0..<records).map { _ in simulation.send(key: nil as [UInt8]?) }
        return (sequence, simulation)
    }

    @Test("KAFKA-9965: before 3.9, a new batch per record leaves every other partition empty", arguments: [2, 4, 6, 12])
    func roundRobinDoubleAdvance(partitions: Int) throws {
        let records = partitions * 100
        // linger.ms = 0: the sender takes every batch at once, so every record opens a batch.
        let buggy = try run("java:round-robin", partitions: partitions, records: records,
                            configuration: ProducerConfiguration(lingerMilliseconds: 0, javaRoundRobinModel: .beforeKafka39))
        let counts = buggy.simulation.recordsPerPartition
        for partition in 0..<partitions {
            #expect(counts[partition] == (partition % 2 == 1 ? 2 * records / partitions : 0), "partition \(partition): \(counts)")
        }
        let fixed = try run("java:round-robin", partitions: partitions, records: records,
                            configuration: ProducerConfiguration(lingerMilliseconds: 0, javaRoundRobinModel: .kafka39OrLater))
        #expect(fixed.simulation.recordsPerPartition == Array(repeating: records / partitions, count: partitions))
        #expect(fixed.partitions.prefix(partitions).map(Int.init) == Array(0..<partitions))
    }

    @Test("KAFKA-9965 with an odd count: every partition gets data, in a skipping order")
    func roundRobinOdd() throws {
        let buggy = try run("java:round-robin", partitions: 3, records: 300,
                            configuration: ProducerConfiguration(lingerMilliseconds: 0, javaRoundRobinModel: .beforeKafka39))
        #expect(buggy.simulation.recordsPerPartition == [100, 100, 100])
        #expect(buggy.partitions.prefix(6) == [1, 0, 2, 1, 0, 2])
    }

    @Test("KAFKA-9965 with a long linger: even partitions never open a batch, so never get a record")
    func roundRobinLinger() throws {
        let configuration = { (model: JavaRoundRobinModel) in
            ProducerConfiguration(lingerMilliseconds: 1000, javaRoundRobinModel: model)
        }
        let workload = SimulationWorkload(recordsPerSecond: 100_000, valueLength: 10)
        // A partition is only reached by the second call, so it never holds an open batch and
        // the first call always aborts: the bug KAFKA-16283 warns about ("only half of the partitions").
        let buggy = try run("java:round-robin", partitions: 4, records: 4000, configuration: configuration(.beforeKafka39), workload: workload)
        #expect(buggy.simulation.recordsPerPartition == [0, 2000, 0, 2000])
        let fixed = try run("java:round-robin", partitions: 4, records: 4000, configuration: configuration(.kafka39OrLater), workload: workload)
        #expect(fixed.simulation.recordsPerPartition == [1000, 1000, 1000, 1000])
    }

    @Test("KIP-480 sticky: one partition per batch, never the same partition twice in a row")
    func kip480() throws {
        // 16 KiB batches: 61 + 109 bytes for the first record, 109 for offsets 1-63, 110 after:
        // 148 records per batch.
        let result = try run("java:sticky", partitions: 6, records: 20_000,
                             workload: SimulationWorkload(recordsPerSecond: 1_000_000, valueLength: 100))
        let runs = Self.runs(result.partitions)
        #expect(runs.count > 50)
        for (index, run) in runs.enumerated().dropLast() {
            #expect(run.length == 148, "run \(index): \(run.length)")
            #expect(run.partition != runs[index + 1].partition)
        }
        // Batches opened equal the switches: each run is one batch.
        #expect(result.simulation.batchesPerPartition.reduce(0, +) == runs.count)
    }

    @Test("KIP-480 sticky with linger expiry: a slow stream switches when the sender takes the batch")
    func kip480Linger() throws {
        // 100 records/s with linger 5 ms: every record finds its batch gone, so every record switches.
        let result = try run("java:sticky", partitions: 3, records: 300,
                             workload: SimulationWorkload(recordsPerSecond: 100, valueLength: 100))
        #expect(Self.runs(result.partitions).count == 300)
    }

    @Test("KIP-794 uniform sticky: switches after batch.size bytes (at most 2x), may repeat a partition")
    func kip794() throws {
        let configuration = ProducerConfiguration(batchSize: 4096, lingerMilliseconds: 0)
        let result = try run("java", partitions: 4, records: 20_000, configuration: configuration,
                             workload: SimulationWorkload(recordsPerSecond: 1_000_000, valueLength: 100))
        // Each record is ~108 bytes plus 61 for its own batch (linger 0): ~169 bytes, so a
        // switch happens after ceil(4096 / 169) = 25 records.
        let lengths = Self.runs(result.partitions).map(\.length)
        #expect(lengths.dropLast().allSatisfy { $0 % 25 == 0 }, "\(lengths.prefix(20))")
        #expect(lengths.count > 100)
        let counts = result.simulation.recordsPerPartition
        #expect(counts.allSatisfy { $0 > 3000 }, "\(counts)")
    }

    @Test("KIP-794 with an open batch: no switch until 2 x batch.size (enableSwitch stays false)")
    func kip794OpenBatch() throws {
        // Long linger, batch.size 4096, 209-210-byte records: the first batch takes 19 records
        // (4032 bytes with its header); the 20th opens a second batch, which is not full, so the
        // switch waits for 2 x 4096 produced bytes: after 39 records. A uniform draw may pick the
        // same partition again (runs then continue on the open batch).
        let configuration = ProducerConfiguration(batchSize: 4096, lingerMilliseconds: 10_000)
        let result = try run("java", partitions: 4, records: 8000, configuration: configuration,
                             workload: SimulationWorkload(recordsPerSecond: 1_000_000, valueLength: 200))
        let lengths = Self.runs(result.partitions).map(\.length).dropLast()
        #expect(lengths.allSatisfy { $0 >= 39 }, "\(lengths.prefix(20))")
        let exact = lengths.filter { $0 == 39 }.count
        #expect(exact * 10 >= lengths.count * 6, "\(exact) of \(lengths.count) runs are exactly 39 records")
    }

    @Test("librdkafka sticky: one partition per sticky.partitioning.linger.ms; 0 = random per record")
    func librdkafkaSticky() throws {
        // 1000 records/s = one per ms; the sticky partition is re-drawn after more than 10 ms.
        let sticky = try run("librdkafka:murmur2_random", partitions: 8, records: 2000,
                             workload: SimulationWorkload(recordsPerSecond: 1000))
        var changes = 0
        var lastDraw = 0
        for index in 1..<sticky.partitions.count where sticky.partitions[index] != sticky.partitions[index - 1] {
            #expect(index - lastDraw >= 11 || lastDraw == 0)
            lastDraw = index
            changes += 1
        }
        #expect(changes > 100 && changes < 200)
        let perRecord = try run("librdkafka:consistent_random", partitions: 8, records: 8000,
                                configuration: ProducerConfiguration(stickyPartitioningLingerMilliseconds: 0))
        #expect(Self.runs(perRecord.partitions).count > 6000)
        #expect(perRecord.simulation.recordsPerPartition.allSatisfy { $0 > 850 && $0 < 1150 })
    }

    @Test("librdkafka consistent_random sends empty keys to the sticky partition too")
    func consistentRandomEmpty() throws {
        var simulation = ProducerSimulation(
            strategy: try strategy("librdkafka:consistent_random"), partitionCount: try PartitionCount(50), seed: 3)
        let first = simulation.send(key: [UInt8]())
        for _ in 0..<20 { #expect(simulation.send(key: [UInt8]()) == first) }
        #expect(simulation.send(key: nil as [UInt8]?) == first)
    }

    @Test("franz-go sticky: OnNewBatch never repeats the previous partition; keyed records trigger it too")
    func franzGoSticky() throws {
        let result = try run("franz-go:sarama", partitions: 5, records: 3000,
                             configuration: ProducerConfiguration(lingerMilliseconds: 0))
        let runs = Self.runs(result.partitions)
        #expect(runs.count == 3000)
    }

    @Test("franz-go default: nil keys stay for 64 KiB of franz-go-estimated record bytes")
    func franzGoUniformBytes() throws {
        let result = try run("franz-go:kafka", partitions: 6, records: 20_000,
                             workload: SimulationWorkload(recordsPerSecond: 1_000_000, valueLength: 1000))
        // franz-go length of a 1000-byte value, nil key: 3 + 1 + 0 + 2 + 1000 + 1 = 1007 bytes;
        // the switch happens when the running sum reaches 65536: every 65 records.
        let runs = Self.runs(result.partitions)
        let merged = runs.map(\.length).reduce(0, +)
        #expect(merged == 20_000)
        #expect(runs.dropLast().allSatisfy { $0.length % 65 == 0 || $0.length % 65 == 1 })
    }

    @Test("round-robin null keys: kafka-go from 0, KafkaJS from a seeded random start")
    func roundRobinNullKeys() throws {
        let kafkaGo = try run("kafka-go:hash", partitions: 5, records: 12).partitions
        #expect(kafkaGo == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1])
        let kafkaJS = try run("kafkajs:default", partitions: 5, records: 12, seed: 9).partitions
        for index in 1..<kafkaJS.count { #expect(kafkaJS[index] == (kafkaJS[index - 1] + 1) % 5 || kafkaJS[index] == 0) }
        let kafkaJSAgain = try run("kafkajs:default", partitions: 5, records: 12, seed: 9).partitions
        #expect(kafkaJS == kafkaJSAgain)
    }

    @Test("a seed reproduces every stateful strategy exactly; another seed differs", arguments: [
        "java", "java:sticky", "java:uniform-sticky", "librdkafka:random", "librdkafka:consistent_random",
        "sarama:hash", "franz-go:kafka", "franz-go:sarama", "kafka-go:crc32", "kafka-python:default",
    ])
    func determinism(name: String) throws {
        let configuration = ProducerConfiguration(batchSize: 1024, lingerMilliseconds: 1)
        let a = try run(name, partitions: 12, records: 3000, configuration: configuration, seed: 1).partitions
        let b = try run(name, partitions: 12, records: 3000, configuration: configuration, seed: 1).partitions
        let c = try run(name, partitions: 12, records: 3000, configuration: configuration, seed: 2).partitions
        #expect(a == b)
        #expect(a != c)
    }

    @Test("stateful partitioners are thread-safe: concurrent round robin hands out every counter value once")
    func concurrency() async throws {
        let partitioner = try strategy("java:round-robin").makePartitioner()
        let perTask = 5000
        let counts = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var counts = [Int](repeating: 0, count: 8)
                    for _ in 0..<perTask { counts[Int(partitioner.partition(key: nil as [UInt8]?, partitionCount: .valid(8)))] += 1 }
                    return counts
                }
            }
            var total = [Int](repeating: 0, count: 8)
            for await counts in group { for index in 0..<8 { total[index] += counts[index] } }
            return total
        }
        #expect(counts == Array(repeating: 4 * perTask / 8, count: 8))
    }

    @Test("record sizes follow RecordBatch v2 varints")
    func recordSizes() {
        // attributes 1, ts 1, offset 1, key len 1 + 3, value len 1 + 5, headers 1 = 14, +1 length.
        #expect(RecordSize.record(keyLength: 3, valueLength: 5, offsetDelta: 0, timestampDelta: 0) == 15)
        #expect(RecordSize.record(keyLength: nil, valueLength: nil, offsetDelta: 0, timestampDelta: 0) == 7)
        // offset delta 64 and value length 100 need two varint bytes each (zigzag 128, 200).
        #expect(RecordSize.record(keyLength: nil, valueLength: 100, offsetDelta: 64, timestampDelta: 0) == 110)
    }

    /// Consecutive equal partitions as (partition, length).
    static func runs(_ partitions: [Int32]) -> [(partition: Int32, length: Int)] {
        var runs: [(partition: Int32, length: Int)] = []
        for partition in partitions {
            if let last = runs.last, last.partition == partition {
                runs[runs.count - 1].length += 1
            } else {
                runs.append((partition, 1))
            }
        }
        return runs
    }
}
