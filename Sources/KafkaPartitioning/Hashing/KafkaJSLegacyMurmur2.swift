#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// KafkaJS's `LegacyPartitioner` murmur2 (KafkaJS's default partitioner before v2.0.0;
/// `Partitioners.LegacyPartitioner` since): Kafka's murmur2 written with JavaScript numbers,
/// which gives different hashes from Java for most keys.
///
/// Emulated exactly: every value is an IEEE-754 double; `*` is a double multiply (rounded to
/// nearest once the product passes 2^53, no 32-bit wrap); `^` and `&` first convert both
/// operands with ToInt32 and `>>>` with ToUint32 (the double modulo 2^32); the block loop runs
/// `for (i = 0; i < length / 4; i++)` with real division, so a partial last block is mixed too,
/// its bytes past the end reading `undefined & 0xff = 0`; then the tail switch runs as in Java.
/// The result is the int32 left by the final `h ^= h >>> 15`, returned here as its bit pattern.
/// (KafkaJS hashes a non-Buffer key as the UTF-8 bytes of `String(key)`: pass those bytes.)
public enum KafkaJSLegacyMurmur2 {
    /// The hash as the int32 JavaScript returns, reinterpreted as `UInt32`.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let m = Double(Murmur2.multiplier)
        let length = bytes.count
        // SEED ^ length: both ToInt32, result an int32.
        var h = Double(Int32(bitPattern: Murmur2.seed ^ UInt32(truncatingIfNeeded: length)))
        if let base = bytes.baseAddress {
            let blocks = (length &+ 3) / 4  // i < length / 4 with real division
            for i in 0..<blocks {
                let i4 = i &* 4
                // (b0 & 0xff) + ((b1 & 0xff) << 8) + ((b2 & 0xff) << 16) + ((b3 & 0xff) << 24):
                // the shifts give int32 values (b3 << 24 may be negative), added as doubles.
                var k = 0.0
                for byteIndex in 0..<4 where i4 &+ byteIndex < length {
                    let byte = Int32(base.load(fromByteOffset: i4 &+ byteIndex, as: UInt8.self))
                    k += Double(byte &<< Int32(8 &* byteIndex))
                }
                k *= m
                k = Double(toInt32(k) ^ Int32(bitPattern: toUint32(k) &>> 24))
                k *= m
                h *= m
                h = Double(toInt32(h) ^ toInt32(k))
            }
            let tailStart = length & ~3
            let rest = length & 3
            if rest >= 3 {
                let byte = Int32(base.load(fromByteOffset: tailStart &+ 2, as: UInt8.self))
                h = Double(toInt32(h) ^ (byte &<< 16))
            }
            if rest >= 2 {
                let byte = Int32(base.load(fromByteOffset: tailStart &+ 1, as: UInt8.self))
                h = Double(toInt32(h) ^ (byte &<< 8))
            }
            if rest >= 1 {
                let byte = Int32(base.load(fromByteOffset: tailStart, as: UInt8.self))
                h = Double(toInt32(h) ^ byte)
                h *= m
            }
        }
        h = Double(toInt32(h) ^ Int32(bitPattern: toUint32(h) &>> 13))
        h *= m
        let result = toInt32(h) ^ Int32(bitPattern: toUint32(h) &>> 15)
        return UInt32(bitPattern: result)
    }

    /// The hash of any contiguous bytes.
    @inlinable
    public static func hash(_ bytes: some ContiguousBytes) -> UInt32 {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The hash as the signed number KafkaJS returns.
    @inlinable
    public static func signedHash(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        Int32(bitPattern: hash(bytes))
    }

    /// ECMAScript ToUint32 for the integral doubles this algorithm produces (|x| < 2^63):
    /// the value modulo 2^32.
    @inlinable @inline(__always)
    static func toUint32(_ x: Double) -> UInt32 {
        UInt32(truncatingIfNeeded: Int64(x))
    }

    /// ECMAScript ToInt32: ToUint32 reinterpreted as signed.
    @inlinable @inline(__always)
    static func toInt32(_ x: Double) -> Int32 {
        Int32(bitPattern: toUint32(x))
    }
}
