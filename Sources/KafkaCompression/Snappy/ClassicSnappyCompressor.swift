import CSnappy

/// The snappy block compressor librdkafka 2.0.2 ships and calls (src/snappy.c, its C port of
/// Google's original compressor): the same raw snappy format libsnappy reads, but the
/// classic match finder, so its output differs from today's libsnappy by a fraction of a
/// percent (libsnappy 1.1.9 compresses 16 KiB JSON batches 0.5 % larger).
///
/// The algorithm, as the snappy format's reference compressor describes it: the input is
/// compressed in independent 64 KiB fragments after a varint of the total length; each
/// fragment gets a cleared hash table of 256…16,384 16-bit slots (the smallest power of two
/// at least the fragment's size); 4-byte sequences are hashed with `(bytes × 0x1E35A7BD) >>
/// (32 − table bits)`; the scan skips ahead faster the longer no match is found (one more
/// byte every 32 misses); after a match it re-hashes the last byte before and the first byte
/// after it and chains copies while they match; the last 15 bytes are literal. Copies of
/// 4–11 bytes within 2 KiB use the 2-byte form, others the 3-byte form, in pieces of 64 (60
/// when 65–67 would remain). Not `Sendable`: it owns its hash table.
final class ClassicSnappyCompressor {
    /// Input bytes per independent fragment: 64 KiB.
    static let fragmentSize = 1 << 16
    /// Largest hash table: 2^14 slots.
    static let maximumTableBits = 14
    /// Bytes at a fragment's end that are never searched.
    static let inputMargin = 15

    private let table: UnsafeMutablePointer<UInt16>

    init() {
        table = .allocate(capacity: 1 << Self.maximumTableBits)
    }

    deinit { table.deallocate() }

    /// Appends `input` as one raw snappy block.
    func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        guard input.count <= Int(UInt32.max) else {
            throw .library(codec: .snappy, reason: "snappy blocks hold at most 4 GiB, got \(input.count) bytes")
        }
        output.appendUninitialized(capacity: snappy_max_compressed_length(input.count)) { buffer in
            guard let start = buffer.baseAddress else { return 0 }
            var op = start
            var length = UInt64(input.count)
            while length >= 0x80 {
                op.storeBytes(of: UInt8(truncatingIfNeeded: length) | 0x80, as: UInt8.self)
                op += 1
                length >>= 7
            }
            op.storeBytes(of: UInt8(length), as: UInt8.self)
            op += 1
            guard let base = input.baseAddress else { return op - start }
            var offset = 0
            while offset < input.count {
                let count = Swift.min(Self.fragmentSize, input.count - offset)
                op = compressFragment(base + offset, count: count, into: op)
                offset += count
            }
            return op - start
        }
    }

    /// Compresses one fragment of at most 64 KiB into `op`; returns the next write position.
    private func compressFragment(_ input: UnsafeRawPointer, count: Int, into start: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var tableSize = 256
        while tableSize < 1 << Self.maximumTableBits, tableSize < count { tableSize <<= 1 }
        table.update(repeating: 0, count: tableSize)
        let shift = UInt32(32 - tableSize.trailingZeroBitCount)
        func hash(_ bytes: UInt32) -> Int { Int((bytes &* 0x1E35_A7BD) >> shift) }
        func load32(_ at: Int) -> UInt32 { UInt32(littleEndian: input.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }

        var op = start
        var nextEmit = 0
        let end = count
        if count >= Self.inputMargin {
            let limit = count - Self.inputMargin
            var ip = 1
            var nextHash = hash(load32(ip))
            scanning: while true {
                var skip: UInt32 = 32
                var nextIP = ip
                var candidate = 0
                repeat {
                    ip = nextIP
                    let slot = nextHash
                    nextIP = ip + Int(skip >> 5)
                    skip &+= 1
                    if nextIP > limit { break scanning }
                    nextHash = hash(load32(nextIP))
                    candidate = Int(table[slot])
                    table[slot] = UInt16(truncatingIfNeeded: ip)
                } while load32(ip) != load32(candidate)

                op = Self.emitLiteral(input + nextEmit, count: ip - nextEmit, into: op)
                var following: UInt64 = 0
                repeat {
                    let matchStart = ip
                    ip += 4 + Self.matchLength(input, candidate + 4, ip + 4, end)
                    op = Self.emitCopy(offset: matchStart - candidate, length: ip - matchStart, into: op)
                    nextEmit = ip
                    if ip >= limit { break scanning }
                    following = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: ip - 1, as: UInt64.self))
                    table[hash(UInt32(truncatingIfNeeded: following))] = UInt16(truncatingIfNeeded: ip - 1)
                    let slot = hash(UInt32(truncatingIfNeeded: following >> 8))
                    candidate = Int(table[slot])
                    table[slot] = UInt16(truncatingIfNeeded: ip)
                } while UInt32(truncatingIfNeeded: following >> 8) == load32(candidate)
                nextHash = hash(UInt32(truncatingIfNeeded: following >> 16))
                ip += 1
            }
        }
        if nextEmit < end { op = Self.emitLiteral(input + nextEmit, count: end - nextEmit, into: op) }
        return op
    }

    /// Length of the common prefix of `input[a...]` and `input[b..<end]` (`a` < `b`).
    private static func matchLength(_ input: UnsafeRawPointer, _ a: Int, _ b: Int, _ end: Int) -> Int {
        var matched = 0
        while b + matched + 8 <= end {
            let x = input.loadUnaligned(fromByteOffset: a + matched, as: UInt64.self)
                ^ input.loadUnaligned(fromByteOffset: b + matched, as: UInt64.self)
            if x != 0 { return matched + UInt64(littleEndian: x).trailingZeroBitCount >> 3 }
            matched += 8
        }
        while b + matched < end, input.load(fromByteOffset: a + matched, as: UInt8.self) == input.load(fromByteOffset: b + matched, as: UInt8.self) {
            matched += 1
        }
        return matched
    }

    /// A literal element: tag (length − 1 in the tag below 60, else in 1–4 following bytes),
    /// then the bytes.
    private static func emitLiteral(_ literal: UnsafeRawPointer, count: Int, into start: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var op = start
        let n = count - 1
        if n < 60 {
            op.storeBytes(of: UInt8(n << 2), as: UInt8.self)
            op += 1
        } else {
            let tag = op
            op += 1
            var rest = n, bytes = 0
            while rest > 0 {
                op.storeBytes(of: UInt8(truncatingIfNeeded: rest), as: UInt8.self)
                op += 1
                rest >>= 8
                bytes += 1
            }
            tag.storeBytes(of: UInt8((59 + bytes) << 2), as: UInt8.self)
        }
        op.copyMemory(from: literal, byteCount: count)
        return op + count
    }

    /// Copy elements for a match: 64-byte pieces while 68 or more remain, a 60-byte piece
    /// when 65–67 remain, then the rest.
    private static func emitCopy(offset: Int, length: Int, into start: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var op = start, length = length
        while length >= 68 {
            op = emitShortCopy(offset: offset, length: 64, into: op)
            length -= 64
        }
        if length > 64 {
            op = emitShortCopy(offset: offset, length: 60, into: op)
            length -= 60
        }
        return emitShortCopy(offset: offset, length: length, into: op)
    }

    /// One copy element of 4–64 bytes: the 2-byte form (tag 1) for 4–11 bytes within 2 KiB,
    /// else the 3-byte form (tag 2, 16-bit little-endian offset).
    private static func emitShortCopy(offset: Int, length: Int, into op: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        if length < 12, offset < 2048 {
            op.storeBytes(of: UInt8(1 + ((length - 4) << 2) + ((offset >> 8) << 5)), as: UInt8.self)
            op.storeBytes(of: UInt8(truncatingIfNeeded: offset), toByteOffset: 1, as: UInt8.self)
            return op + 2
        }
        op.storeBytes(of: UInt8(2 + ((length - 1) << 2)), as: UInt8.self)
        op.storeBytes(of: UInt8(truncatingIfNeeded: offset), toByteOffset: 1, as: UInt8.self)
        op.storeBytes(of: UInt8(truncatingIfNeeded: offset >> 8), toByteOffset: 2, as: UInt8.self)
        return op + 3
    }
}
