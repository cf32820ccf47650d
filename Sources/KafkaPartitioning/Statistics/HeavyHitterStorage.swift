/// The counters of a ``HeavyHitters`` in fixed, manually managed buffers: the per-key path
/// works on raw pointers (no uniqueness or bounds check per key). Owned by one summary at a
/// time (copy on write), hence the unchecked `Sendable`.
///
/// Keys are found through an open-addressing probe table keyed by a 32-bit hash: a
/// partitioning hash the caller computes anyway (``tableHash``), or the upper half of an
/// internal 64-bit fingerprint. A key is identified by its bytes (length and the stored
/// prefix), and a key longer than the stored prefix also by its 64-bit fingerprint. The table
/// only finds slots: which key holds which counter, and so every result, does not depend on
/// the hash.
final class HeavyHitterStorage: @unchecked Sendable {
    let capacity: Int
    /// The hash the probe table is keyed by; nil for the fingerprint's upper half.
    let tableHash: HashFunction?
    private(set) var processed = 0
    private(set) var maximumError = 0
    private var used = 0
    private let mask: Int
    private let tableSize: Int
    /// Right shift taking a 64-bit Fibonacci product to a table position.
    private let positionShift: UInt64
    private let counts: UnsafeMutablePointer<Int>
    private let hashes: UnsafeMutablePointer<UInt32>
    /// 64-bit fingerprints of keys longer than the stored prefix (0 for the others).
    private let fingerprints: UnsafeMutablePointer<UInt64>
    private let lengths: UnsafeMutablePointer<Int>
    private let keyBytes: UnsafeMutableRawPointer
    private let longKeyHashes: UnsafeMutablePointer<UInt32>
    /// Open-addressing probe table: `hash << 32 | (slot + 1)`, 0 = empty, so most mismatches
    /// are rejected without touching the counters.
    private let table: UnsafeMutablePointer<UInt64>

    private static let limit = HeavyHitters.storedKeyLimit
    private static let functions = HashFunction.allCases.count

    init(capacity: Int, tableHash: HashFunction?) {
        self.capacity = capacity
        self.tableHash = tableHash
        var size = 16
        var bits: UInt64 = 4
        while size < capacity * 4 {
            size <<= 1
            bits += 1
        }
        tableSize = size
        mask = size - 1
        positionShift = 64 - bits
        counts = .allocate(capacity: capacity)
        counts.initialize(repeating: 0, count: capacity)
        hashes = .allocate(capacity: capacity)
        hashes.initialize(repeating: 0, count: capacity)
        fingerprints = .allocate(capacity: capacity)
        fingerprints.initialize(repeating: 0, count: capacity)
        lengths = .allocate(capacity: capacity)
        lengths.initialize(repeating: 0, count: capacity)
        keyBytes = .allocate(byteCount: capacity * Self.limit, alignment: 8)
        keyBytes.initializeMemory(as: UInt8.self, repeating: 0, count: capacity * Self.limit)
        longKeyHashes = .allocate(capacity: capacity * Self.functions)
        longKeyHashes.initialize(repeating: 0, count: capacity * Self.functions)
        table = .allocate(capacity: size)
        table.initialize(repeating: 0, count: size)
    }

    deinit {
        counts.deallocate()
        hashes.deallocate()
        fingerprints.deallocate()
        lengths.deallocate()
        keyBytes.deallocate()
        longKeyHashes.deallocate()
        table.deallocate()
        chunkHashes.deallocate()
    }

    /// An independent copy.
    func copy() -> HeavyHitterStorage {
        let copy = HeavyHitterStorage(capacity: capacity, tableHash: tableHash)
        copy.processed = processed
        copy.maximumError = maximumError
        copy.used = used
        copy.counts.update(from: counts, count: capacity)
        copy.hashes.update(from: hashes, count: capacity)
        copy.fingerprints.update(from: fingerprints, count: capacity)
        copy.lengths.update(from: lengths, count: capacity)
        copy.keyBytes.copyMemory(from: keyBytes, byteCount: capacity * Self.limit)
        copy.longKeyHashes.update(from: longKeyHashes, count: capacity * Self.functions)
        copy.table.update(from: table, count: tableSize)
        return copy
    }

    /// Keys hashed per pass of ``add(_:)-(ContiguousKeys)``.
    private static let chunk = 256
    private let chunkHashes = UnsafeMutablePointer<UInt32>.allocate(capacity: HeavyHitterStorage.chunk)

    /// Counts every key, hashing a chunk of keys first (the batch kernels for a table hash, or
    /// independent fingerprints the CPU overlaps) and then probing.
    func add(_ keys: ContiguousKeys) {
        var start = 0
        while start < keys.count {
            let end = min(keys.count, start + Self.chunk)
            if let tableHash, let offsets = keys.offsets.baseAddress {
                // Keys `start ..< end`: the same bytes, `end - start + 1` of the offsets.
                let part = ContiguousKeys(unchecked: keys.bytes, offsets: UnsafeBufferPointer(start: offsets + start, count: end - start + 1))
                try? BatchHasher.hash(tableHash, keys: part, into: UnsafeMutableBufferPointer(start: chunkHashes, count: Self.chunk))
            } else {
                for index in start..<end { chunkHashes[index - start] = Self.fingerprintHash(keys[index]) }
            }
            add(keys, from: start, to: end, hashes: chunkHashes)
            start = end
        }
    }

    /// Counts every key of `keys` whose table hash `hashes` holds.
    func add(_ keys: ContiguousKeys, hashes: UnsafeBufferPointer<UInt32>) {
        guard let base = hashes.baseAddress, hashes.count >= keys.count else { return add(keys) }
        add(keys, from: 0, to: keys.count, hashes: base)
    }

    /// Counts keys `start ..< end`, key `i`'s hash at `hashes[i - start]`.
    @inline(__always)
    private func add(_ keys: ContiguousKeys, from start: Int, to end: Int, hashes: UnsafePointer<UInt32>) {
        for index in start..<end {
            add(keys[index], hash: hashes[index &- start], readable: keys.bytes.count &- keys.offsets[index])
        }
    }

    func add(_ key: UnsafeRawBufferPointer) {
        add(key, hash: tableHash?.hash(key) ?? Self.fingerprintHash(key), readable: key.count)
    }

    /// The table hash of a summary without a partitioning hash: the fingerprint's upper half.
    @inline(__always)
    private static func fingerprintHash(_ key: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(truncatingIfNeeded: HeavyHitterStorage.fingerprint(key) &>> 32)
    }

    /// Counts `key` with table hash `hash`; its buffer may be read `readable` bytes from its
    /// start (a key in a batch is stored in 16-byte moves that read past its end).
    @inline(__always)
    private func add(_ key: UnsafeRawBufferPointer, hash: UInt32, readable: Int) {
        processed &+= 1
        let length = key.count
        var position = Int(truncatingIfNeeded: (UInt64(hash) &* 0x9E37_79B9_7F4A_7C15) &>> positionShift)
        let tag = UInt64(hash) &<< 32
        while true {
            let entry = table[position]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let slot = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                if lengths[slot] == length, storedPrefixEquals(slot, key),
                   length <= Self.limit || fingerprints[slot] == Self.fingerprint(key) {
                    counts[slot] &+= 1
                    return
                }
            }
            position = (position &+ 1) & mask
        }
        if used < capacity {
            store(key, hash: hash, readable: readable, in: used)
            table[position] = tag | UInt64(truncatingIfNeeded: used &+ 1)
            used &+= 1
        } else {
            decrementAll()
        }
    }

    func hitters() -> [HeavyHitter] {
        (0..<used).map { slot in
            let stored = min(lengths[slot], Self.limit)
            let key = [UInt8](UnsafeRawBufferPointer(start: keyBytes + slot * Self.limit, count: stored))
            let hashes = lengths[slot] > Self.limit
                ? [UInt32](UnsafeBufferPointer(start: longKeyHashes + slot * Self.functions, count: Self.functions)) : nil
            return HeavyHitter(key: key, length: lengths[slot], count: counts[slot], maximumError: maximumError, longKeyHashes: hashes)
        }
    }

    @inline(__always)
    private func storedPrefixEquals(_ slot: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let stored = min(key.count, Self.limit)
        guard stored > 0, let base = key.baseAddress else { return true }
        return memoryEqual(keyBytes + slot * Self.limit, base, stored)
    }

    @inline(__always)
    private func store(_ key: UnsafeRawBufferPointer, hash: UInt32, readable: Int, in slot: Int) {
        counts[slot] = 1
        hashes[slot] = hash
        lengths[slot] = key.count
        let stored = min(key.count, Self.limit)
        if stored > 0, let base = key.baseAddress {
            // The slot's room (storedKeyLimit, a multiple of 16) takes the moves' rounding.
            ShortCopy.copy(stored, from: base, to: keyBytes + slot * Self.limit, readable: readable)
        }
        fingerprints[slot] = 0
        if key.count > Self.limit {
            fingerprints[slot] = Self.fingerprint(key)
            for (index, function) in HashFunction.allCases.enumerated() {
                longKeyHashes[slot * Self.functions + index] = function.hash(key)
            }
        }
    }

    /// One decrement round: every count drops by one, emptied counters are freed (survivors
    /// keep their order) and the probe table is rebuilt.
    private func decrementAll() {
        maximumError &+= 1
        var kept = 0
        for slot in 0..<used {
            let count = counts[slot] &- 1
            guard count > 0 else { continue }
            if kept != slot {
                hashes[kept] = hashes[slot]
                fingerprints[kept] = fingerprints[slot]
                lengths[kept] = lengths[slot]
                (keyBytes + kept * Self.limit).copyMemory(from: keyBytes + slot * Self.limit, byteCount: min(lengths[slot], Self.limit))
                (longKeyHashes + kept * Self.functions).update(from: longKeyHashes + slot * Self.functions, count: Self.functions)
            }
            counts[kept] = count
            kept += 1
        }
        used = kept
        table.update(repeating: 0, count: tableSize)
        for slot in 0..<used {
            let hash = hashes[slot]
            var position = Int(truncatingIfNeeded: (UInt64(hash) &* 0x9E37_79B9_7F4A_7C15) &>> positionShift)
            while table[position] != 0 { position = (position &+ 1) & mask }
            table[position] = UInt64(hash) &<< 32 | UInt64(truncatingIfNeeded: slot &+ 1)
        }
    }

    /// A 64-bit fingerprint of the key bytes and length: multiply–rotate rounds over 8-byte
    /// words, then the SplitMix64 finaliser. Internal identity only, not a published hash.
    ///
    /// No byte loop: a key of 8 bytes or more is read as whole words, its last word overlapping
    /// the one before; a shorter key as two overlapping 4-byte words, or its first, middle and
    /// last byte (1–3 bytes). Those loads cover every byte, so equal keys agree and the words
    /// of distinct keys of one length differ.
    @inline(__always)
    static func fingerprint(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let count = key.count
        var state = UInt64(truncatingIfNeeded: count) &* fingerprintMultiplier
        if let base = key.baseAddress, count > 0 {
            if count >= 8 {
                var offset = 0
                while offset &+ 8 < count {
                    state = fingerprintRound(state, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    offset &+= 8
                }
                state = fingerprintRound(state, base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
            } else if count >= 4 {
                let low = UInt64(base.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
                let high = UInt64(base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
                state = fingerprintRound(state, low | high &<< 32)
            } else {
                let first = UInt64(base.load(fromByteOffset: 0, as: UInt8.self))
                let middle = UInt64(base.load(fromByteOffset: count &>> 1, as: UInt8.self))
                let last = UInt64(base.load(fromByteOffset: count &- 1, as: UInt8.self))
                state = fingerprintRound(state, first | middle &<< 8 | last &<< 16)
            }
        }
        state = (state ^ (state &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        state = (state ^ (state &>> 27)) &* 0x94D0_49BB_1331_11EB
        return state ^ (state &>> 31)
    }

    private static let fingerprintMultiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// One fingerprint round: the word scrambled into the state.
    @inline(__always)
    private static func fingerprintRound(_ state: UInt64, _ word: UInt64) -> UInt64 {
        (state ^ (word &* 0xC2B2_AE3D_27D4_EB4F)).rotatedLeft(by: 31) &* fingerprintMultiplier
    }
}

/// Byte equality of two regions of `count` bytes.
@inline(__always)
private func memoryEqual(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, _ count: Int) -> Bool {
    guard count >= 8 else {
        var offset = 0
        while offset < count {
            if lhs.load(fromByteOffset: offset, as: UInt8.self) != rhs.load(fromByteOffset: offset, as: UInt8.self) { return false }
            offset &+= 1
        }
        return true
    }
    // Whole words, the last one overlapping the one before: no byte loop.
    var offset = 0
    while offset &+ 8 < count {
        if lhs.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != rhs.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
            return false
        }
        offset &+= 8
    }
    return lhs.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) == rhs.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
}
