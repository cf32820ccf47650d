import KafkaLive
import KafkaPartitioning
import KBenchReports

/// `kbench hash`: kbench's key partitioning (murmur2, CRC-32, FNV-1a; one key per call and in
/// batches) against librdkafka's C partitioners, on the same keys in the same run.
///
/// Per key size it generates seeded random keys, checks that kbench (one-key and batch paths)
/// places every one of them exactly where librdkafka does — with the timed partition count
/// and with 2³¹−1 partitions, which keeps 31 bits of the hash — and only then times each
/// function and mode, kbench and librdkafka in alternating rounds (see ``InterleavedTimer``, thread CPU time).
package struct HashStudy: Sendable {
    /// What is measured.
    package let configuration: HashStudyConfiguration
    /// The timed partition count, with its division-free remainder.
    let divisor: PartitionCount
    /// The kbench executable re-run under callgrind to count instructions (this process's
    /// executable unless given: tests, whose process is not kbench, pass the built binary).
    let executable: String

    /// A study; throws ``HashStudyError/invalidConfiguration(_:)`` for a bad configuration.
    package init(configuration: HashStudyConfiguration, executable: String = CurrentExecutable.path) throws(HashStudyError) {
        try configuration.validate()
        do {
            divisor = try PartitionCount(configuration.partitionCount)
        } catch {
            throw .invalidConfiguration(error.description)
        }
        self.configuration = configuration
        self.executable = executable
    }

    /// Cells measured (functions × modes × sizes): the progress total.
    package var cellCount: Int { configuration.cellCount }

    /// Whether this code was compiled with optimisations (a debug build's timings are meaningless).
    package static var isOptimizedBuild: Bool {
        #if DEBUG
        false
        #else
        true
        #endif
    }

    /// librdkafka's version string.
    package static var librdkafkaVersion: String { LibrdkafkaVersion.current }

    /// Verifies, then times every cell; `progress` advances once per cell. With
    /// ``HashStudyConfiguration/instructions`` set, also counts instructions per key (see
    /// ``HashInstructionCounting``).
    package func run(progress: ProgressReporter? = nil) throws(HashStudyError) -> HashStudyResult {
        let started = ContinuousClock.now
        let verifiedCounts: [Int32] = [Int32(configuration.partitionCount), Int32.max]
        let counting = try HashInstructionCounting.choose(configuration.instructions, executable: executable)
        var clockSamples = [CoreClock.measure()]
        var measurements: [HashMeasurement] = []
        var verifiedKeys = 0
        for size in configuration.sizes {
            let keys = HashKeySet(size: size, count: configuration.keyCount(size: size), seed: configuration.seed)
            let outcome = keys.batch.withContiguousKeys { all -> Result<[HashMeasurement], HashStudyError> in
                var cells: [HashMeasurement] = []
                for function in configuration.functions {
                    let pairing = HashPairing(function)
                    do throws(HashStudyError) {
                        try verify(pairing, keys: all, size: size, partitionCounts: verifiedCounts)
                        for mode in configuration.modes {
                            cells.append(try measure(pairing, mode: mode, keys: all, size: size, counter: counting.hardwareCounter))
                            progress?.advance()
                        }
                    } catch {
                        return .failure(error)
                    }
                }
                return .success(cells)
            }
            measurements += try outcome.get()
            verifiedKeys += keys.batch.count * configuration.functions.count
        }
        clockSamples.append(CoreClock.measure())
        let instructions = try counting.finish(configuration, measurements: &measurements)
        let clocks = clockSamples.compactMap { $0 }
        progress?.finish()
        return HashStudyResult(
            configuration: configuration, measurements: measurements, verifiedKeys: verifiedKeys,
            verifiedPartitionCounts: verifiedCounts, librdkafkaVersion: Self.librdkafkaVersion,
            hasAVX2: CPUFeatures.hasAVX2, hasAVX512: CPUFeatures.hasAVX512, hasCarrylessMultiply: CPUFeatures.hasCarrylessMultiply,
            optimized: Self.isOptimizedBuild, elapsedSeconds: (ContinuousClock.now - started).seconds, instructions: instructions,
            clockHertz: clocks.isEmpty ? nil : clocks.reduce(0, +) / Double(clocks.count)
        )
    }

    /// Every key through kbench's one-key rule and (when batch mode is measured) the batch
    /// kernel, against librdkafka, for each partition count.
    func verify(_ pairing: HashPairing, keys: ContiguousKeys, size: Int, partitionCounts: [Int32]) throws(HashStudyError) {
        let count = keys.count
        var expected = [Int32](repeating: 0, count: count)
        var batch = [Int32](repeating: 0, count: count)
        for partitions in partitionCounts {
            // The verified counts are the validated configuration's and Int32.max: never below 1.
            guard let divisor = try? PartitionCount(Int(partitions)) else { continue }
            expected.withUnsafeMutableBufferPointer { out in
                guard let base = out.baseAddress else { return }
                SingleKeyLoop.runC(pairing.librdkafka, keys: keys, partitionCount: partitions, into: base)
            }
            for index in 0..<count {
                let got = pairing.rule.partition(keys[index], partitionCount: divisor)
                guard got == expected[index] else {
                    throw .mismatch(function: pairing.function, mode: .single, keySize: size, keyIndex: index,
                                    partitionCount: partitions, kbench: got, librdkafka: expected[index])
                }
            }
            guard configuration.modes.contains(.batch) else { continue }
            batch.withUnsafeMutableBufferPointer { out in
                try? BatchHasher.partition(pairing.rule, keys: keys, partitionCount: divisor, into: out)
            }
            if let index = batch.indices.first(where: { batch[$0] != expected[$0] }) {
                throw .mismatch(function: pairing.function, mode: .batch, keySize: size, keyIndex: index,
                                partitionCount: partitions, kbench: batch[index], librdkafka: expected[index])
            }
        }
    }

    /// Times one cell: kbench and (when compared) librdkafka, interleaved; with a hardware
    /// `counter`, also counts the instructions of the same loops.
    func measure(
        _ pairing: HashPairing, mode: HashMode, keys all: ContiguousKeys, size: Int, counter: HardwareInstructionCounter? = nil
    ) throws(HashStudyError) -> HashMeasurement {
        let timer = InterleavedTimer(minimumTime: configuration.minimumTime, clock: .threadCPU)
        return try HashCellOperations.with(pairing, mode: mode, keys: all, size: size, configuration: configuration, divisor: divisor) {
            cell throws(HashStudyError) in
            let timings = timer.measure(cell.operations)
            var instructions: HashInstructionCount?
            if let counter {
                var counts: [Int64] = []
                for operation in cell.operations {
                    do throws(InstructionCountError) {
                        counts.append(try counter.count(operation))
                    } catch {
                        throw .instructions(error.description)
                    }
                }
                instructions = HashInstructionCount(counts: counts, keys: cell.keysPerRun, kernel: cell.kernel)
            }
            return HashMeasurement(
                function: pairing.function, mode: mode, keySize: size, keysPerRun: cell.keysPerRun, kernel: cell.kernel,
                librdkafkaPartitioner: pairing.librdkafkaName, kbench: timings[0],
                librdkafka: configuration.compareLibrdkafka ? timings[1] : nil, instructions: instructions
            )
        }
    }
}
