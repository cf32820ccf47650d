import CInstructionCount

/// The core's clock, measured on a chain of dependent multiplies of known latency
/// (`kbench_multiply_chain`), so that a time per key becomes cycles per key: what a loop
/// bound by a dependency chain (one-key murmur2 and FNV-1a) can be compared with.
package enum CoreClock {
    /// Multiplies of one sample: 8 per iteration, about 6 ms at 4 GHz.
    static let iterationsPerSample: UInt64 = 1_000_000

    /// Cycles per second of the calling thread's core, the median of `samples` timed chains in
    /// thread CPU time; `nil` where the chain is not implemented (outside x86-64).
    package static func measure(samples: Int = 5) -> Double? {
        let clock = InterleavedTimer.Clock.threadCPU
        var rates: [Double] = []
        for _ in 0..<samples {
            let start = clock.seconds()
            let cycles = kbench_multiply_chain(iterationsPerSample)
            let seconds = clock.seconds() - start
            guard cycles > 0 else { return nil }
            if seconds > 0 { rates.append(Double(cycles) / seconds) }
        }
        let median = InterleavedTimer.median(rates)
        return median.isFinite ? median : nil
    }
}
