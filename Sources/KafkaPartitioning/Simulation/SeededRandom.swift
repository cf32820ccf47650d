/// SplitMix64 (Steele, Lea, Flood 2014): expands one seed into ``SeededRandom``'s state.
/// Internal: KBenchWorkloads publishes its own SplitMix64 for payloads.
struct SeedExpander: RandomNumberGenerator {
    /// The running state.
    var state: UInt64

    /// A generator starting at `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}

/// kbench's seedable random source: xoshiro256** (Blackman, Vigna) seeded through SplitMix64.
///
/// Every random choice kbench makes (random and sticky partitioners, round-robin start values,
/// generated keys, the golden vectors) draws from it, so a seed reproduces a run exactly. The
/// sequence for a given seed is part of kbench's published behaviour and never changes.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var expander = SeedExpander(seed: seed)
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
