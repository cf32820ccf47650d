import KafkaPartitioning

/// One cell of a hash study: a function, a mode and a key size, timed for kbench and (when
/// compared) for librdkafka on the same keys in the same rounds.
package struct HashMeasurement: Sendable, Hashable, Codable {
    /// The hash function.
    package var function: HashFunction
    /// Single-key calls or batch.
    package var mode: HashMode
    /// Bytes per key.
    package var keySize: Int
    /// Keys partitioned per timed run.
    package var keysPerRun: Int
    /// The kbench implementation that ran: `one-key`, or the batch kernel (`avx512`, `avx2`,
    /// `portable-simd`, `scalar`).
    package var kernel: String
    /// librdkafka's partitioner compared with (`murmur2`, `consistent`, `fnv1a`).
    package var librdkafkaPartitioner: String
    /// kbench's timing per run.
    package var kbench: OperationTiming
    /// librdkafka's timing per run, if compared.
    package var librdkafka: OperationTiming?
    /// Instructions per key of the same loops, if counted (``HashStudyConfiguration/instructions``).
    package var instructions: HashInstructionCount?

    /// A measurement.
    package init(function: HashFunction, mode: HashMode, keySize: Int, keysPerRun: Int, kernel: String,
                librdkafkaPartitioner: String, kbench: OperationTiming, librdkafka: OperationTiming?,
                instructions: HashInstructionCount? = nil) {
        self.function = function
        self.mode = mode
        self.keySize = keySize
        self.keysPerRun = keysPerRun
        self.kernel = kernel
        self.librdkafkaPartitioner = librdkafkaPartitioner
        self.kbench = kbench
        self.librdkafka = librdkafka
        self.instructions = instructions
    }

    /// kbench's median seconds per key.
    package var kbenchSecondsPerKey: Double { kbench.medianSeconds / Double(keysPerRun) }
    /// kbench's keys per second.
    package var kbenchKeysPerSecond: Double { 1 / kbenchSecondsPerKey }
    /// kbench's key bytes per second.
    package var kbenchBytesPerSecond: Double { kbenchKeysPerSecond * Double(keySize) }

    /// librdkafka's median seconds per key, if compared.
    package var librdkafkaSecondsPerKey: Double? { librdkafka.map { $0.medianSeconds / Double(keysPerRun) } }
    /// librdkafka's keys per second, if compared.
    package var librdkafkaKeysPerSecond: Double? { librdkafkaSecondsPerKey.map { 1 / $0 } }
    /// librdkafka's key bytes per second, if compared.
    package var librdkafkaBytesPerSecond: Double? { librdkafkaKeysPerSecond.map { $0 * Double(keySize) } }

    /// kbench's throughput ÷ librdkafka's (above 1: kbench is faster), if compared.
    package var speedup: Double? { librdkafkaSecondsPerKey.map { $0 / kbenchSecondsPerKey } }

    /// The bytes one step of the hash's serial chain consumes (murmur2: a 4-byte block; FNV-1a:
    /// a byte), or `nil` for a hash without such a chain (CRC-32 folds in parallel).
    package var chainStepBytes: Int? {
        switch function {
        case .murmur2, .kafkaJSLegacyMurmur2: 4
        case .fnv1a: 1
        case .crc32: nil
        }
    }

    /// Cycles per chain step at `hertz` for a time per key: `nil` without a chain.
    package func cyclesPerChainStep(secondsPerKey: Double, hertz: Double) -> Double? {
        chainStepBytes.map { secondsPerKey * hertz / (Double(keySize) / Double($0)) }
    }
}

/// Everything a hash study measured, with what it verified first.
package struct HashStudyResult: Sendable, Hashable, Codable {
    /// What was measured.
    package var configuration: HashStudyConfiguration
    /// One measurement per size × function × mode.
    package var measurements: [HashMeasurement]
    /// Keys whose partitions were checked against librdkafka before timing (every key used,
    /// per function; single-key and batch paths).
    package var verifiedKeys: Int
    /// The partition counts of that check: the timed count and 2³¹−1 (which keeps 31 bits of
    /// the hash, so the hashes themselves are compared).
    package var verifiedPartitionCounts: [Int32]
    /// `rd_kafka_version_str()`.
    package var librdkafkaVersion: String
    /// Whether the AVX2 batch kernels could run.
    package var hasAVX2: Bool
    /// Whether the AVX-512 batch kernels ran (preferred over AVX2).
    package var hasAVX512: Bool
    /// Whether the carry-less-multiply CRC-32 kernel ran for long keys.
    package var hasCarrylessMultiply: Bool
    /// Whether kbench was compiled with optimisations (timings of a debug build are meaningless).
    package var optimized: Bool
    /// Wall-clock seconds of the whole study (key generation and verification included).
    package var elapsedSeconds: Double
    /// How instructions per key were counted, or why not; `nil` when not asked for.
    package var instructions: InstructionCountSummary?
    /// The core's clock (cycles per second, ``CoreClock``: the mean of a measure before and
    /// after the timing), if it could be measured.
    package var clockHertz: Double?

    /// A result.
    package init(configuration: HashStudyConfiguration, measurements: [HashMeasurement], verifiedKeys: Int,
                verifiedPartitionCounts: [Int32], librdkafkaVersion: String, hasAVX2: Bool,
                hasAVX512: Bool, hasCarrylessMultiply: Bool, optimized: Bool, elapsedSeconds: Double,
                instructions: InstructionCountSummary? = nil, clockHertz: Double? = nil) {
        self.configuration = configuration
        self.measurements = measurements
        self.verifiedKeys = verifiedKeys
        self.verifiedPartitionCounts = verifiedPartitionCounts
        self.librdkafkaVersion = librdkafkaVersion
        self.hasAVX2 = hasAVX2
        self.hasAVX512 = hasAVX512
        self.hasCarrylessMultiply = hasCarrylessMultiply
        self.optimized = optimized
        self.elapsedSeconds = elapsedSeconds
        self.instructions = instructions
        self.clockHertz = clockHertz
    }

    /// The measurement of `function` in `mode` at `keySize`, if measured.
    package func measurement(_ function: HashFunction, _ mode: HashMode, keySize: Int) -> HashMeasurement? {
        measurements.first { $0.function == function && $0.mode == mode && $0.keySize == keySize }
    }
}
