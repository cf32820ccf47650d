/// The most frequent keys of a stream in bounded memory: a Misra–Gries summary ("Frequent"
/// algorithm) with `capacity` counters.
///
/// Each counter holds a key and a count. A key already held is counted; a new key takes a free
/// counter; when none is free, every count drops by one (counters reaching 0 are freed) and the
/// new key is dropped. Every key occurring more than `N / (capacity + 1)` times in `N` keys is
/// guaranteed to be held at the end, and for a held key with count `c` the true frequency lies
/// in `c … c + maximumError`, where ``maximumError`` is the number of decrement rounds
/// (at most `N / (capacity + 1)`). Work per key is O(1) amortised (one table probe; a
/// decrement round costs O(capacity) and happens at most once per `capacity + 1` keys), with no
/// allocation once the counters exist.
///
/// Keys longer than ``storedKeyLimit`` bytes keep their first ``storedKeyLimit`` bytes, their
/// length and a 64-bit fingerprint for identity, and their four partitioning hashes so their
/// partition under any key rule is still known (``HeavyHitter/partition(_:partitionCount:)``).
///
/// A value type: copies are independent (storage is copied on the first write after a copy).
public struct HeavyHitters: Sendable {
    /// Bytes of a key kept for identity and display; longer keys are held by prefix and
    /// fingerprint.
    public static let storedKeyLimit = 128

    private var storage: HeavyHitterStorage

    /// A summary with `capacity` counters (at least 1).
    public init(capacity: Int) {
        storage = HeavyHitterStorage(capacity: max(1, capacity))
    }

    /// The number of counters.
    public var capacity: Int { storage.capacity }
    /// Keys seen.
    public var processed: Int { storage.processed }
    /// Decrement rounds so far: the most any held count undercounts its key.
    public var maximumError: Int { storage.maximumError }

    /// Counts every key of `keys`, in order.
    public mutating func add(_ keys: ContiguousKeys) {
        makeUnique()
        storage.add(keys)
    }

    /// Counts one key.
    public mutating func add(_ key: UnsafeRawBufferPointer) {
        makeUnique()
        storage.add(key)
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The held keys whose count exceeds ``maximumError`` — provably more frequent than the
    /// summary's noise — and reaches `minimumCount`, most frequent first (ties by key bytes),
    /// at most `limit`.
    public func hitters(limit: Int = .max, minimumCount: Int = 1) -> [HeavyHitter] {
        var result = storage.hitters().filter { $0.count > maximumError && $0.count >= minimumCount }
        result.sort { $0.count != $1.count ? $0.count > $1.count : $0.key.lexicographicallyPrecedes($1.key) }
        return Array(result.prefix(max(0, limit)))
    }

    /// Every held key with its count, whether or not it stands out (for tests and diagnostics).
    public func counters() -> [HeavyHitter] {
        storage.hitters()
    }
}

/// The counters of a ``HeavyHitters`` in fixed, manually managed buffers: the per-key path
/// works on raw pointers (no uniqueness or bounds check per key). Owned by one summary at a
/// time (copy on write), hence the unchecked `Sendable`.
final class HeavyHitterStorage: @unchecked Sendable {
    let capacity: Int
    private(set) var processed = 0
    private(set) var maximumError = 0
    private var used = 0
    private let mask: Int
    private let tableSize: Int
    private let counts: UnsafeMutablePointer<Int>
    private let fingerprints: UnsafeMutablePointer<UInt64>
    private let lengths: UnsafeMutablePointer<Int>
    private let keyBytes: UnsafeMutableRawPointer
    private let longKeyHashes: UnsafeMutablePointer<UInt32>
    /// Open-addressing probe table: `(fingerprint >> 32) << 32 | (slot + 1)`, 0 = empty, so
    /// most mismatches are rejected without touching the counters.
    private let table: UnsafeMutablePointer<UInt64>

    private static let limit = HeavyHitters.storedKeyLimit
    private static let functions = HashFunction.allCases.count

    init(capacity: Int) {
        self.capacity = capacity
        var size = 16
        while size < capacity * 4 { size <<= 1 }
        tableSize = size
        mask = size - 1
        counts = .allocate(capacity: capacity)
        counts.initialize(repeating: 0, count: capacity)
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
        fingerprints.deallocate()
        lengths.deallocate()
        keyBytes.deallocate()
        longKeyHashes.deallocate()
        table.deallocate()
        chunkFingerprints.deallocate()
    }

    /// An independent copy.
    func copy() -> HeavyHitterStorage {
        let copy = HeavyHitterStorage(capacity: capacity)
        copy.processed = processed
        copy.maximumError = maximumError
        copy.used = used
        copy.counts.update(from: counts, count: capacity)
        copy.fingerprints.update(from: fingerprints, count: capacity)
        copy.lengths.update(from: lengths, count: capacity)
        copy.keyBytes.copyMemory(from: keyBytes, byteCount: capacity * Self.limit)
        copy.longKeyHashes.update(from: longKeyHashes, count: capacity * Self.functions)
        copy.table.update(from: table, count: tableSize)
        return copy
    }

    /// Fingerprints per pass of ``add(_:)-(ContiguousKeys)``.
    private static let chunk = 256
    private let chunkFingerprints = UnsafeMutablePointer<UInt64>.allocate(capacity: HeavyHitterStorage.chunk)

    /// Counts every key, fingerprinting a chunk of keys first (independent work the CPU
    /// overlaps) and then probing, instead of alternating the two per key.
    func add(_ keys: ContiguousKeys) {
        var start = 0
        while start < keys.count {
            let end = min(keys.count, start + Self.chunk)
            for index in start..<end { chunkFingerprints[index - start] = Self.fingerprint(keys[index]) }
            for index in start..<end { add(keys[index], fingerprint: chunkFingerprints[index - start]) }
            start = end
        }
    }

    func add(_ key: UnsafeRawBufferPointer) {
        add(key, fingerprint: Self.fingerprint(key))
    }

    @inline(__always)
    private func add(_ key: UnsafeRawBufferPointer, fingerprint: UInt64) {
        processed &+= 1
        let length = key.count
        var position = Int(truncatingIfNeeded: fingerprint &>> 7) & mask
        let tag = fingerprint & 0xFFFF_FFFF_0000_0000
        while true {
            let entry = table[position]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let slot = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                if fingerprints[slot] == fingerprint, lengths[slot] == length, storedPrefixEquals(slot, key) {
                    counts[slot] &+= 1
                    return
                }
            }
            position = (position &+ 1) & mask
        }
        if used < capacity {
            store(key, fingerprint: fingerprint, in: used)
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
    private func store(_ key: UnsafeRawBufferPointer, fingerprint: UInt64, in slot: Int) {
        counts[slot] = 1
        fingerprints[slot] = fingerprint
        lengths[slot] = key.count
        let stored = min(key.count, Self.limit)
        if stored > 0, let base = key.baseAddress {
            (keyBytes + slot * Self.limit).copyMemory(from: base, byteCount: stored)
        }
        if key.count > Self.limit {
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
            let fingerprint = fingerprints[slot]
            var position = Int(truncatingIfNeeded: fingerprint &>> 7) & mask
            while table[position] != 0 { position = (position &+ 1) & mask }
            table[position] = (fingerprint & 0xFFFF_FFFF_0000_0000) | UInt64(truncatingIfNeeded: slot &+ 1)
        }
    }

    /// A 64-bit fingerprint of the key bytes (multiply–rotate over 8-byte words, then the
    /// SplitMix64 finaliser). Internal identity only: not a published hash.
    @inline(__always)
    static func fingerprint(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        let scrambler: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var state = UInt64(truncatingIfNeeded: key.count) &* multiplier
        if let base = key.baseAddress {
            let count = key.count
            var offset = 0
            while offset &+ 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                state = (state ^ (word &* scrambler)).rotatedLeft(by: 31) &* multiplier
                offset &+= 8
            }
            if offset < count {
                var word: UInt64 = 0
                var shift: UInt64 = 0
                while offset < count {
                    word |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) &<< shift
                    shift &+= 8
                    offset &+= 1
                }
                state = (state ^ (word &* scrambler)).rotatedLeft(by: 31) &* multiplier
            }
        }
        state = (state ^ (state &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        state = (state ^ (state &>> 27)) &* 0x94D0_49BB_1331_11EB
        return state ^ (state &>> 31)
    }
}

/// Byte equality of two regions of `count` bytes.
@inline(__always)
private func memoryEqual(_ lhs: UnsafeRawPointer, _ rhs: UnsafeRawPointer, _ count: Int) -> Bool {
    var offset = 0
    while offset &+ 8 <= count {
        if lhs.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != rhs.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
            return false
        }
        offset &+= 8
    }
    while offset < count {
        if lhs.load(fromByteOffset: offset, as: UInt8.self) != rhs.load(fromByteOffset: offset, as: UInt8.self) { return false }
        offset &+= 1
    }
    return true
}

/// One frequent key reported by ``HeavyHitters``.
public struct HeavyHitter: Sendable, Hashable, Codable {
    /// The key bytes (the first ``HeavyHitters/storedKeyLimit`` bytes of a longer key).
    public let key: [UInt8]
    /// The key's full length in bytes.
    public let length: Int
    /// The held count: a lower bound of the key's frequency.
    public let count: Int
    /// The most the count may undercount: the frequency lies in `count … count + maximumError`.
    public let maximumError: Int
    /// The four partitioning hashes (``HashFunction/allCases`` order) of a truncated key.
    let longKeyHashes: [UInt32]?

    /// A hitter from its parts (`longKeyHashes` only for truncated keys).
    init(key: [UInt8], length: Int, count: Int, maximumError: Int, longKeyHashes: [UInt32]?) {
        self.key = key
        self.length = length
        self.count = count
        self.maximumError = maximumError
        self.longKeyHashes = longKeyHashes
    }

    /// True when ``key`` holds only the first bytes of a longer key.
    public var isTruncated: Bool { key.count < length }

    /// The key's partition under `rule` among `partitionCount` partitions.
    public func partition(_ rule: KeyHashing, partitionCount: PartitionCount) -> Int32 {
        guard let hashes = longKeyHashes, let index = HashFunction.allCases.firstIndex(of: rule.function),
              index < hashes.count
        else {
            return key.withUnsafeBytes { rule.partition($0, partitionCount: partitionCount) }
        }
        let dividend = rule.reduction.apply(hashes[index])
        return Int32(truncatingIfNeeded: dividend % UInt32(truncatingIfNeeded: partitionCount.value))
    }
}
