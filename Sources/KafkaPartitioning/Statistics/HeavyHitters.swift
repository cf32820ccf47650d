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
public struct HeavyHitters: Sendable {
    /// Bytes of a key kept for identity and display; longer keys are held by prefix and
    /// fingerprint.
    public static let storedKeyLimit = 128

    /// The number of counters.
    public let capacity: Int
    /// Keys seen.
    public private(set) var processed = 0
    /// Decrement rounds so far: the most any held count undercounts its key.
    public private(set) var maximumError = 0

    private var counts: [Int]
    private var fingerprints: [UInt64]
    private var lengths: [Int]
    private var keyBytes: [UInt8]
    private var longKeyHashes: [UInt32]
    private var used = 0
    private var table: [Int32]
    private let mask: Int

    /// A summary with `capacity` counters (at least 1).
    public init(capacity: Int) {
        let capacity = max(1, capacity)
        self.capacity = capacity
        counts = Array(repeating: 0, count: capacity)
        fingerprints = Array(repeating: 0, count: capacity)
        lengths = Array(repeating: 0, count: capacity)
        keyBytes = Array(repeating: 0, count: capacity * Self.storedKeyLimit)
        longKeyHashes = Array(repeating: 0, count: capacity * HashFunction.allCases.count)
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// Counts every key of `keys`, in order.
    public mutating func add(_ keys: ContiguousKeys) {
        for index in 0..<keys.count {
            add(keys[index])
        }
    }

    /// Counts one key.
    public mutating func add(_ key: UnsafeRawBufferPointer) {
        processed &+= 1
        let fingerprint = Self.fingerprint(key)
        var position = Int(truncatingIfNeeded: fingerprint >> 7) & mask
        while true {
            let slot = Int(table[position])
            if slot < 0 { break }
            if fingerprints[slot] == fingerprint, lengths[slot] == key.count, storedPrefixEquals(slot, key) {
                counts[slot] &+= 1
                return
            }
            position = (position &+ 1) & mask
        }
        if used < capacity {
            store(key, fingerprint: fingerprint, in: used)
            table[position] = Int32(truncatingIfNeeded: used)
            used += 1
        } else {
            decrementAll()
        }
    }

    /// The held keys whose count exceeds ``maximumError`` — provably more frequent than the
    /// summary's noise — most frequent first (ties by key bytes), at most `limit`.
    public func hitters(limit: Int = .max) -> [HeavyHitter] {
        var result = (0..<used).filter { counts[$0] > maximumError }.map(hitter)
        result.sort { $0.count != $1.count ? $0.count > $1.count : $0.key.lexicographicallyPrecedes($1.key) }
        return Array(result.prefix(max(0, limit)))
    }

    /// Every held key with its count, whether or not it stands out (for tests and diagnostics).
    public func counters() -> [HeavyHitter] {
        (0..<used).map(hitter)
    }

    private func hitter(_ slot: Int) -> HeavyHitter {
        let stored = min(lengths[slot], Self.storedKeyLimit)
        let start = slot * Self.storedKeyLimit
        let functions = HashFunction.allCases.count
        let hashes = lengths[slot] > Self.storedKeyLimit
            ? Array(longKeyHashes[(slot * functions)..<((slot + 1) * functions)]) : nil
        return HeavyHitter(
            key: Array(keyBytes[start..<(start + stored)]), length: lengths[slot], count: counts[slot],
            maximumError: maximumError, longKeyHashes: hashes)
    }

    private func storedPrefixEquals(_ slot: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let stored = min(key.count, Self.storedKeyLimit)
        guard stored > 0, let base = key.baseAddress else { return true }
        return keyBytes.withUnsafeBytes { bytes in
            guard let held = bytes.baseAddress else { return false }
            return memoryEqual(held + slot * Self.storedKeyLimit, base, stored)
        }
    }

    private mutating func store(_ key: UnsafeRawBufferPointer, fingerprint: UInt64, in slot: Int) {
        counts[slot] = 1
        fingerprints[slot] = fingerprint
        lengths[slot] = key.count
        let stored = min(key.count, Self.storedKeyLimit)
        if stored > 0 {
            keyBytes.withUnsafeMutableBytes { bytes in
                UnsafeMutableRawBufferPointer(rebasing: bytes[(slot * Self.storedKeyLimit)..<(slot * Self.storedKeyLimit + stored)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: key[0..<stored]))
            }
        }
        if key.count > Self.storedKeyLimit {
            for (index, function) in HashFunction.allCases.enumerated() {
                longKeyHashes[slot * HashFunction.allCases.count + index] = function.hash(key)
            }
        }
    }

    /// One decrement round: every count drops by one, emptied counters are freed (survivors
    /// keep their order) and the probe table is rebuilt.
    private mutating func decrementAll() {
        maximumError &+= 1
        var kept = 0
        let functions = HashFunction.allCases.count
        for slot in 0..<used {
            let count = counts[slot] &- 1
            guard count > 0 else { continue }
            if kept != slot {
                counts[kept] = count
                fingerprints[kept] = fingerprints[slot]
                lengths[kept] = lengths[slot]
                let stored = min(lengths[slot], Self.storedKeyLimit)
                for offset in 0..<stored {
                    keyBytes[kept * Self.storedKeyLimit + offset] = keyBytes[slot * Self.storedKeyLimit + offset]
                }
                for index in 0..<functions {
                    longKeyHashes[kept * functions + index] = longKeyHashes[slot * functions + index]
                }
            } else {
                counts[kept] = count
            }
            kept += 1
        }
        used = kept
        for position in table.indices { table[position] = -1 }
        for slot in 0..<used {
            var position = Int(truncatingIfNeeded: fingerprints[slot] >> 7) & mask
            while table[position] >= 0 { position = (position &+ 1) & mask }
            table[position] = Int32(truncatingIfNeeded: slot)
        }
    }

    /// A 64-bit fingerprint of the key bytes (multiply–rotate over 8-byte words, then the
    /// SplitMix64 finaliser). Internal identity only: not a published hash.
    @inlinable
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

    /// The key's partition under `rule` among `partitionCount` partitions (-1 below 1).
    public func partition(_ rule: KeyHashing, partitionCount: Int32) -> Int32 {
        guard partitionCount > 0 else { return -1 }
        guard let hashes = longKeyHashes, let index = HashFunction.allCases.firstIndex(of: rule.function),
              index < hashes.count
        else {
            return key.withUnsafeBytes { rule.partition($0, partitionCount: partitionCount) }
        }
        let dividend = rule.reduction.apply(hashes[index])
        return Int32(truncatingIfNeeded: dividend % UInt32(truncatingIfNeeded: partitionCount))
    }
}
