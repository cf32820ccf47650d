import Foundation

/// A test hook, not a feature: with the environment variable `KBENCH_TEST_HASH_SLOWDOWN=N`
/// (N ≥ 1) the hash study's kbench side spins N loop iterations per key after each timed pass,
/// so that tests of `kbench report --baseline` can run a deliberately slowed hash without a
/// special build. Unset, empty or 0 in every normal run: the timed passes then do nothing more
/// than one comparison with zero.
enum HashTestSlowdown {
    /// The environment variable.
    static let variable = "KBENCH_TEST_HASH_SLOWDOWN"

    /// Iterations per key asked for by `environment` (0 when unset or not a count).
    static func iterationsPerKey(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment[variable].flatMap { Int($0) }.map { Swift.max(0, $0) } ?? 0
    }

    /// Spins `iterations` rounds of a dependent multiply-add the optimiser cannot remove.
    @inline(never)
    static func spin(_ iterations: Int) {
        var value: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<iterations { value = value &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
        blackHole(value)
    }
}
