import CHashKernels
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// CRC-32 (IEEE 802.3): reflected polynomial `0xEDB88320`, initial value and final xor
/// `0xFFFFFFFF` — zlib's `crc32`, Go's `crc32.ChecksumIEEE`. librdkafka's `consistent`
/// partitioners, Sarama's `NewConsistentCRCHashPartitioner` and kafka-go's `CRC32Balancer`
/// hash keys with it. An empty input hashes to 0. (Not CRC-32C, the record-batch checksum.)
public enum CRC32 {
    /// Inputs at least this long go to the carry-less-multiply kernel when the CPU has it.
    @inlinable public static var foldingThreshold: Int { 64 }

    /// The CRC-32 of `bytes`.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        ~update(0xFFFF_FFFF, bytes)
    }

    /// The CRC-32 of any contiguous bytes.
    @inlinable
    public static func hash(_ bytes: some ContiguousBytes) -> UInt32 {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// Continues the inverted register `state` (start `0xFFFFFFFF`, finish with `~`) over `bytes`.
    @inlinable
    public static func update(_ state: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return state }
        let count = bytes.count
        if count >= foldingThreshold {
            return longUpdate(state, base, count)
        }
        return tableUpdate(state, base, count)
    }

    /// Slicing-by-8 in Swift over the shared C tables: short inputs stay inline.
    @inlinable @inline(__always)
    static func tableUpdate(_ state: UInt32, _ base: UnsafeRawPointer, _ count: Int) -> UInt32 {
        // The tables are static C data; the pointer is never null.
        guard let table = kbench_crc32_tables() else { return state }
        var c = state
        var offset = 0
        while offset &+ 8 <= count {
            let v = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) ^ UInt64(c)
            let low = table[7 &* 256 &+ Int(v & 0xff)] ^ table[6 &* 256 &+ Int((v &>> 8) & 0xff)]
                ^ table[5 &* 256 &+ Int((v &>> 16) & 0xff)] ^ table[4 &* 256 &+ Int((v &>> 24) & 0xff)]
            let high = table[3 &* 256 &+ Int((v &>> 32) & 0xff)] ^ table[2 &* 256 &+ Int((v &>> 40) & 0xff)]
                ^ table[256 &+ Int((v &>> 48) & 0xff)] ^ table[Int(v &>> 56)]
            c = low ^ high
            offset &+= 8
        }
        while offset < count {
            let byte = UInt32(base.load(fromByteOffset: offset, as: UInt8.self))
            c = table[Int((c ^ byte) & 0xff)] ^ (c &>> 8)
            offset &+= 1
        }
        return c
    }

    /// Long inputs: carry-less-multiply folding when available, else the C tables.
    @usableFromInline
    static func longUpdate(_ state: UInt32, _ base: UnsafeRawPointer, _ count: Int) -> UInt32 {
        if CPUFeatures.hasCarrylessMultiply {
            return kbench_crc32_update_pclmul(state, base, count)
        }
        return kbench_crc32_update_tables(state, base, count)
    }
}

/// CPU features the kernels need, probed once.
public enum CPUFeatures {
    /// True when the AVX2 batch kernels can run.
    public static let hasAVX2: Bool = kbench_cpu_has_avx2() != 0
    /// True when the AVX-512 batch kernels can run (AVX-512 F, BW, VL and DQ, enabled by the OS).
    public static let hasAVX512: Bool = kbench_cpu_has_avx512() != 0
    /// True when the carry-less-multiply CRC-32 kernel can run.
    public static let hasCarrylessMultiply: Bool = kbench_cpu_has_pclmul() != 0
}
