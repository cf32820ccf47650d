import KafkaPartitioning

/// The timed operations of one hash cell, kbench's first and (when compared) librdkafka's
/// second: the loops the timer times and the instruction counters count.
struct HashCellOperations {
    /// One pass each over the cell's keys.
    let operations: [() -> Void]
    /// Keys partitioned per pass.
    let keysPerRun: Int
    /// The kbench implementation that runs: `one-key` or the batch kernel chosen on this CPU.
    let kernel: String

    /// Builds the operations of `pairing` in `mode` over the first keys of `all` (as many as
    /// `configuration` gives `size`) and hands them to `body` (the batch output lives as long
    /// as the call).
    static func with<Result, Failure: Error>(
        _ pairing: HashPairing, mode: HashMode, keys all: ContiguousKeys, size: Int,
        configuration: HashStudyConfiguration, divisor: PartitionCount,
        _ body: (HashCellOperations) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let partitions = Int32(configuration.partitionCount)
        let compare = configuration.compareLibrdkafka
        let slowdown = HashTestSlowdown.iterationsPerKey()
        switch mode {
        case .single:
            let keysPerRun = Swift.min(configuration.singleKeyCount(size: size), all.count)
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
            return try body(HashCellOperations(operations: operations, keysPerRun: keysPerRun, kernel: "one-key"))
        case .batch:
            let keysPerRun = Swift.min(configuration.batchKeyCount(size: size), all.count)
            let kernel = BatchKernel.automatic.resolved(for: pairing.function).rawValue
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
            return try body(HashCellOperations(operations: operations, keysPerRun: keysPerRun, kernel: kernel))
        }
    }
}
