/// A non-negative duration (µs) in 15 bits, as a tiny floating-point number: exact below
/// 2048 µs, above that 11 significant bits (an error below 1/1024, HdrHistogram's three
/// significant digits) times a power of two, up to about 2.2 × 10¹² µs (larger values are
/// clamped). ``MessageStamp`` carries a message's lag behind its intended send time in it.
package enum LagCode {
    /// Values below this are kept exactly.
    private static let exactLimit: UInt64 = 2048
    /// The largest code (15 bits).
    private static let largestCode: UInt32 = (1 << 15) - 1

    /// The code of `value`, rounded down to 11 significant bits.
    @inline(__always)
    package static func encode(_ value: UInt64) -> UInt32 {
        guard value >= exactLimit else { return UInt32(truncatingIfNeeded: value) }
        // Shift so that the 11 leading bits remain: mantissa in 1024..<2048.
        let shift = UInt64(64 &- value.leadingZeroBitCount &- 11)
        let mantissa = UInt32(truncatingIfNeeded: value &>> shift)
        let code = UInt32(truncatingIfNeeded: shift) &* 1024 &+ mantissa
        return code > largestCode ? largestCode : code
    }

    /// The value a code stands for (the lowest value with that code).
    @inline(__always)
    package static func decode(_ code: UInt32) -> UInt64 {
        guard code >= UInt32(exactLimit) else { return UInt64(code) }
        let shift = UInt64(code &>> 10) &- 1
        let mantissa = UInt64(code & 1023) &+ 1024
        return mantissa &<< shift
    }
}
