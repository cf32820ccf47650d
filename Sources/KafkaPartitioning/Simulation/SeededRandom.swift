import KBenchRandom

/// KafkaPartitioning's seedable random source: xoshiro256** (Blackman, Vigna), its state
/// expanded from one seed by KBenchRandom's SplitMix64.
///
/// Every random choice the partitioning library makes (random and sticky partitioners,
/// round-robin start values, the seeds of each strategy's simulation, the golden vectors'
/// random keys) draws from it, so a seed reproduces a study exactly. Workloads (generated keys,
/// payload corpora) draw from SplitMix64 directly. The sequence for a given seed is part of
/// kbench's published behaviour and never changes.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)  // expands the one seed into the four words
        s0 = expander.next()
        s1 = expander.next()
        s2 = expander.next()
        s3 = expander.next()
    }

    /// A generator with an explicit xoshiro256** state (reference-vector tests).
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }

    /// A uniformly random value in `0 ..< bound` (bound ≥ 1), by Lemire's unbiased method.
    @inlinable
    public mutating func next(below bound: Int32) -> Int32 {
        guard bound > 1 else { return 0 }
        return Int32(truncatingIfNeeded: UInt64.random(in: 0..<UInt64(bound), using: &self))
    }

    /// 31 random bits as a non-negative `Int32`, like Java's `Utils.toPositive(random.nextInt())`.
    @inlinable
    public mutating func nextPositiveInt32() -> Int32 {
        Int32(truncatingIfNeeded: next() &>> 33)
    }

    /// A child generator for an independent stream (e.g. one per partitioner), derived from
    /// this generator's next output.
    public mutating func split() -> SeededRandom {
        SeededRandom(seed: next())
    }
}

extension UInt64 {
    /// The bits rotated left by `count` (0 < count < 64).
    @inlinable @inline(__always)
    func rotatedLeft(by count: UInt64) -> UInt64 {
        (self &<< count) | (self &>> (64 &- count))
    }
}
