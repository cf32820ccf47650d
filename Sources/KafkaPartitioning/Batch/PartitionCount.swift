import CHashKernels

/// A validated partition count (1 … `Int32.max`) with a precomputed multiply-based remainder:
/// the one type every API of the library takes or holds for a number of partitions (a
/// partition *index* stays `Int32`, Kafka's wire type).
///
/// `x % n` for any 32-bit `x` becomes a multiply-high, a subtraction, two shifts and a
/// multiply (Granlund–Montgomery's round-up method, branch-free form): exact for every
/// `UInt32` dividend, and the same arithmetic runs in SIMD lanes where a division cannot (the
/// batch kernels use it). One key at a time the CPU's division is faster, so the one-key paths
/// (``KeyHashing/partition(_:partitionCount:)-(UnsafeRawBufferPointer,_)``) divide by ``value``.
/// Build one per count, outside per-record loops (the initialiser divides once).
///
/// Encodes as the bare integer; decoding rejects a count below 1.
public struct PartitionCount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The number of partitions.
    public let value: Int32
    /// The low 32 bits of the 33-bit multiplier (0 for powers of two).
    @usableFromInline let magic: UInt32
    /// The final right shift.
    @usableFromInline let shift: UInt32

    /// A partition count; throws ``PartitioningError/invalidPartitionCount(_:)`` below 1.
    public init(_ value: Int) throws(PartitioningError) {
        guard value >= 1, value <= Int(Int32.max) else {
            throw .invalidPartitionCount(value)
        }
        let divisor = UInt32(value)
        self.value = Int32(value)
        if divisor == 1 {
            (magic, shift) = (0, 0)
            return
        }
        let floorLog2 = UInt32(31 &- divisor.leadingZeroBitCount)
        if divisor & (divisor &- 1) == 0 {
            // Power of two: t = 0 and q = (x >> 1) >> (log2 - 1).
            (magic, shift) = (0, floorLog2 &- 1)
            return
        }
        // M = ceil(2^(33 + floorLog2) / d), a 33-bit number; keep its low 32 bits.
        let numerator = UInt64(1) &<< (32 &+ UInt64(floorLog2))
        let quotient = numerator / UInt64(divisor)
        let remainder = numerator &- quotient &* UInt64(divisor)
        var doubled = quotient &* 2
        if remainder &* 2 >= UInt64(divisor) { doubled &+= 1 }
        magic = UInt32(truncatingIfNeeded: doubled &+ 1)
        shift = floorLog2
    }

    /// A count known to be valid (a constant of this library); traps otherwise.
    init(constant value: Int) {
        do { try self.init(value) } catch { preconditionFailure("\(error)") }
    }

    /// Decodes the bare integer; a count below 1 or above `Int32.max` is corrupted data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Int.self)
        do { try self.init(value) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the bare integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// Orders by the number of partitions.
    public static func < (lhs: PartitionCount, rhs: PartitionCount) -> Bool {
        lhs.value < rhs.value
    }

    /// `x % value`, without a division.
    @inlinable @inline(__always)
    public func remainder(_ x: UInt32) -> UInt32 {
        if value == 1 { return 0 }
        let t = UInt32(truncatingIfNeeded: (UInt64(x) &* UInt64(magic)) &>> 32)
        let q = (t &+ ((x &- t) &>> 1)) &>> shift
        return x &- q &* UInt32(truncatingIfNeeded: value)
    }

    /// The remainder in eight lanes at once.
    @inlinable @inline(__always)
    public func remainder(_ x: SIMD8<UInt32>) -> SIMD8<UInt32> {
        if value == 1 { return .zero }
        let wide = SIMD8<UInt64>(truncatingIfNeeded: x) &* SIMD8<UInt64>(repeating: UInt64(magic))
        let t = SIMD8<UInt32>(truncatingIfNeeded: wide &>> 32)
        let q = (t &+ ((x &- t) &>> 1)) &>> SIMD8<UInt32>(repeating: shift)
        return x &- q &* SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: value))
    }

    /// The parameters for the C kernels.
    var kernelDivisor: kbench_divisor {
        kbench_divisor(divisor: UInt32(truncatingIfNeeded: value), magic: magic, shift: shift)
    }

    /// The count as decimal text.
    public var description: String { String(value) }
}
