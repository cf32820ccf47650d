import CCRC32C

/// CRC-32C (Castagnoli, reflected polynomial `0x82F63B78`, initial value and final XOR
/// `0xFFFFFFFF`): the RecordBatch v2 checksum, computed over bytes 21…end of a batch.
///
/// Three implementations give identical results: carry-less-multiply folding (AVX-512
/// VPCLMULQDQ, 256 bytes a step) for long inputs, the SSE4.2 `crc32` instruction (three
/// interleaved streams) on x86-64 CPUs that have it (both checked at run time), and portable
/// Swift (slice-by-8 tables, unaligned 8-byte loads). ``Implementation/automatic`` picks the
/// fastest available for the length; tests force each one.
public enum CRC32C {
    /// Which code path computes the checksum.
    public enum Implementation: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Hardware when available, else portable.
        case automatic
        /// Slice-by-8 tables in Swift, on every platform.
        case portable
        /// The SSE4.2 instruction; falls back to portable when ``CRC32C/isHardwareAvailable`` is false.
        case hardware
        /// Carry-less-multiply folding (AVX-512 VPCLMULQDQ) with the SSE4.2 instruction for
        /// the last bytes; falls back to ``hardware`` when ``CRC32C/isFoldingAvailable`` is false.
        case folding

        /// `automatic`, `portable` or `hardware`.
        public var description: String {
            switch self {
            case .automatic: "automatic"
            case .portable: "portable"
            case .hardware: "hardware"
            case .folding: "folding"
            }
        }
    }

    /// Whether this CPU runs the hardware path (x86-64 with SSE4.2): the C library's answer,
    /// stored when it is loaded, so reading it is one load.
    @inlinable public static var isHardwareAvailable: Bool { kbench_crc32c_has_hardware() != 0 }

    /// Whether this CPU runs the folding path (x86-64 with AVX-512F, VPCLMULQDQ and SSE4.2).
    public static let isFoldingAvailable: Bool = kbench_crc32c_folding_available() != 0

    /// Inputs from this length on take the folding path under ``Implementation/automatic``
    /// (below it, the fixed cost of folding's last step is not paid back).
    @inlinable public static var foldingThreshold: Int { 2048 }

    /// The checksum of `bytes`.
    @inlinable
    public static func checksum(_ bytes: UnsafeRawBufferPointer, using implementation: Implementation = .automatic) -> UInt32 {
        ~update(0xFFFF_FFFF, bytes, using: implementation)
    }

    /// The checksum of `bytes`.
    @inlinable
    public static func checksum(_ bytes: [UInt8], using implementation: Implementation = .automatic) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, using: implementation) }
    }

    /// Continues a running checksum: start with `checksum(first)`, then
    /// `extend(previous, next)` equals `checksum(first + next)`.
    @inlinable
    public static func extend(_ checksum: UInt32, _ bytes: UnsafeRawBufferPointer, using implementation: Implementation = .automatic) -> UInt32 {
        ~update(~checksum, bytes, using: implementation)
    }

    /// Advances the raw (pre-inverted) CRC state over `bytes`.
    ///
    /// The common case (`automatic`, shorter than ``foldingThreshold``, SSE4.2 present: every
    /// batch of a few KiB) calls the instruction's kernel straight from the caller; the rest
    /// goes through `dispatch`.
    @inlinable
    static func update(_ state: UInt32, _ bytes: UnsafeRawBufferPointer, using implementation: Implementation) -> UInt32 {
        if case .automatic = implementation, let base = bytes.baseAddress, bytes.count > 0, bytes.count < foldingThreshold, isHardwareAvailable {
            return kbench_crc32c_hardware_update(state, base, bytes.count)
        }
        return dispatch(state, bytes, using: implementation)
    }

    /// `update` for every implementation and length.
    @usableFromInline
    static func dispatch(_ state: UInt32, _ bytes: UnsafeRawBufferPointer, using implementation: Implementation) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return state }
        switch implementation {
        case .portable:
            return CRC32CPortable.update(state, base, bytes.count)
        case .folding:
            if isFoldingAvailable {
                return kbench_crc32c_folding_update(state, base, bytes.count)
            }
            return dispatch(state, bytes, using: .hardware)
        case .automatic where bytes.count >= foldingThreshold && isFoldingAvailable:
            return kbench_crc32c_folding_update(state, base, bytes.count)
        case .automatic, .hardware:
            if isHardwareAvailable {
                return kbench_crc32c_hardware_update(state, base, bytes.count)
            }
            return CRC32CPortable.update(state, base, bytes.count)
        }
    }
}

/// Portable CRC-32C: slice-by-8 over eight 256-entry tables.
@usableFromInline
enum CRC32CPortable {
    /// Eight tables of 256 entries, flattened: `tables[k * 256 + b]` is the CRC of byte `b`
    /// followed by `k` zero bytes.
    @usableFromInline
    static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
            }
            tables[byte] = crc
        }
        for byte in 0..<256 {
            var crc = tables[byte]
            for slice in 1..<8 {
                crc = (crc >> 8) ^ tables[Int(crc & 0xFF)]
                tables[slice * 256 + byte] = crc
            }
        }
        return tables
    }()

    @usableFromInline
    static func update(_ state: UInt32, _ base: UnsafeRawPointer, _ count: Int) -> UInt32 {
        tables.withUnsafeBufferPointer { t in
            var crc = state
            var index = 0
            while count &- index >= 8 {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let low = UInt32(truncatingIfNeeded: word) ^ crc
                let high = UInt32(truncatingIfNeeded: word >> 32)
                crc = t[7 &* 256 &+ Int(low & 0xFF)]
                    ^ t[6 &* 256 &+ Int((low >> 8) & 0xFF)]
                    ^ t[5 &* 256 &+ Int((low >> 16) & 0xFF)]
                    ^ t[4 &* 256 &+ Int(low >> 24)]
                    ^ t[3 &* 256 &+ Int(high & 0xFF)]
                    ^ t[2 &* 256 &+ Int((high >> 8) & 0xFF)]
                    ^ t[1 &* 256 &+ Int((high >> 16) & 0xFF)]
                    ^ t[Int(high >> 24)]
                index &+= 8
            }
            while index < count {
                let byte = base.load(fromByteOffset: index, as: UInt8.self)
                crc = (crc >> 8) ^ t[Int((crc ^ UInt32(byte)) & 0xFF)]
                index &+= 1
            }
            return crc
        }
    }
}
