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

    /// A study; throws ``HashStudyError/invalidConfiguration(_:)`` for a bad configuration.
    package init(configuration: HashStudyConfiguration) throws(HashStudyError) {
        try configuration.validate()
        do {
            divisor = try PartitionCount(configuration.partitionCount)
        } catch {
            throw .invalidConfiguration(error.description)
        }
        self.configuration = configuration
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

    /// Verifies, then times every cell; `progress` advances once per cell.
    package func run(progress: ProgressReporter? = nil) throws(HashStudyError) -> HashStudyResult {
        let started = ContinuousClock.now
        let verifiedCounts: [Int32] = [Int32(configuration.partitionCount), Int32.max]
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
                    } catch {
                        return .failure(error)
                    }
                    for mode in configuration.modes {
                        cells.append(measure(pairing, mode: mode, keys: all, size: size))
                        progress?.advance()
                    }
                }
                return .success(cells)
            }
            measurements += try outcome.get()
            verifiedKeys += keys.batch.count * configuration.functions.count
        }
        progress?.finish()
        return HashStudyResult(
            configuration: configuration, measurements: measurements, verifiedKeys: verifiedKeys,
            verifiedPartitionCounts: verifiedCounts, librdkafkaVersion: Self.librdkafkaVersion,
            hasAVX2: CPUFeatures.hasAVX2, hasAVX512: CPUFeatures.hasAVX512, hasCarrylessMultiply: CPUFeatures.hasCarrylessMultiply,
            optimized: Self.isOptimizedBuild, elapsedSeconds: (ContinuousClock.now - started).seconds
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

    /// Times one cell: kbench and (when compared) librdkafka, interleaved.
    func measure(_ pairing: HashPairing, mode: HashMode, keys all: ContiguousKeys, size: Int) -> HashMeasurement {
        let partitions = Int32(configuration.partitionCount)
        let timer = InterleavedTimer(minimumTime: configuration.minimumTime, clock: .threadCPU)
        let compare = configuration.compareLibrdkafka
        let slowdown = HashTestSlowdown.iterationsPerKey()
        let timings: [OperationTiming]
        let keysPerRun: Int
        let kernel: String
        switch mode {
        case .single:
            keysPerRun = Swift.min(configuration.singleKeyCount(size: size), all.count)
            kernel = "one-key"
            guard let base = all.bytes.baseAddress else { preconditionFailure("a key set always has storage") }
            var operations: [() -> Void] = [{
                blackHole(pairing.kbenchSinglePass(base: base, size: size, count: keysPerRun, partitionCount: divisor))
                if slowdown > 0 { HashTestSlowdown.spin(slowdown * keysPerRun) }
            }]
            if compare {
                operations.append {
                    blackHole(pairing.librdkafkaSinglePass(base: base, size: size, count: keysPerRun, partitionCount: partitions))
                }
            }
            timings = timer.measure(operations)
        case .batch:
            keysPerRun = Swift.min(configuration.batchKeyCount(size: size), all.count)
            kernel = BatchKernel.automatic.resolved(for: pairing.function).rawValue
            // The first keysPerRun keys: a prefix of valid offsets is valid.
            let keys = (try? ContiguousKeys(bytes: all.bytes, offsets: UnsafeBufferPointer(rebasing: all.offsets[0...keysPerRun]))) ?? all
            let output = UnsafeMutableBufferPointer<Int32>.allocate(capacity: keysPerRun)
            output.initialize(repeating: 0)
            defer { output.deallocate() }
            let middle = keysPerRun / 2
            var operations: [() -> Void] = [{
                try? BatchHasher.partition(pairing.rule, keys: keys, partitionCount: divisor, into: output)
                blackHole(output[middle])
                if slowdown > 0 { HashTestSlowdown.spin(slowdown * keysPerRun) }
            }]
            if compare, let base = output.baseAddress {
                operations.append {
                    SingleKeyLoop.runC(pairing.librdkafka, keys: keys, partitionCount: partitions, into: base)
                    blackHole(output[middle])
                }
            }
            timings = timer.measure(operations)
        }
        return HashMeasurement(
            function: pairing.function, mode: mode, keySize: size, keysPerRun: keysPerRun, kernel: kernel,
            librdkafkaPartitioner: pairing.librdkafkaName, kbench: timings[0], librdkafka: compare ? timings[1] : nil
        )
    }
}
