/// SplitMix64 (Steele, Lea, Flood 2014): the seedable generator behind every kbench workload,
/// payload corpus and seed expansion (KBenchWorkloads and KafkaPartitioning's `SeededRandom`
/// both draw from this one definition).
///
/// Tiny, fast and fully specified: the sequence for a seed is the same on every machine and
/// never changes between releases, so a corpus generated from a seed always has the same bytes
/// (and compression ratios compare across runs). The helpers below (``next(below:)``,
/// ``nextUnitDouble()``…) are specified here too, never delegated to the standard library's
/// `random(in:using:)`, whose algorithm is not part of its contract.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The running state (the seed before the first draw).
    @usableFromInline var state: UInt64

    /// A generator starting at `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The running state: a generator created with `SplitMix64(seed: s.currentState)`
    /// continues exactly where this one is.
    public var currentState: UInt64 { state }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// A value in `0 ..< bound` by multiply-shift (the high word of `next() × bound`); 0 when
    /// `bound ≤ 1`. The bias is below `bound / 2⁶⁴`, irrelevant for workloads.
    @inlinable
    public mutating func next(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A value in `range` (see ``next(below:)``).
    @inlinable
    public mutating func next(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound) &- Int64(range.lowerBound)) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) }  // the whole Int range
        return range.lowerBound &+ Int(truncatingIfNeeded: next().multipliedFullWidth(by: width).high)
    }

    /// A double in `[0, 1)` from the top 53 bits.
    @inlinable
    public mutating func nextUnitDouble() -> Double {
        Double(next() &>> 11) * 0x1p-53
    }

    /// True with probability `probability` (clamped to 0…1).
    @inlinable
    public mutating func nextBool(probability: Double) -> Bool {
        nextUnitDouble() < probability
    }

    /// One element of a non-empty array, uniformly.
    @inlinable
    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[next(below: elements.count)]
    }

    /// Appends `count` random bytes to `bytes` (8 bytes per draw, little-endian order).
    public mutating func appendBytes(_ count: Int, to bytes: inout [UInt8]) {
        var left = count
        while left > 0 {
            let word = next()
            for shift in stride(from: 0, to: Swift.min(left, 8) * 8, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word &>> UInt64(shift)))
            }
            left -= 8
        }
    }
}
