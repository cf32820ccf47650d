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
        storage = HeavyHitterStorage(capacity: max(1, capacity), tableHash: nil)
    }

    /// A summary whose probe table is keyed by `tableHash` (nil: an internal fingerprint), so
    /// a caller that already has those hashes hands them to ``add(_:hashes:)``.
    init(capacity: Int, tableHash: HashFunction?) {
        storage = HeavyHitterStorage(capacity: max(1, capacity), tableHash: tableHash)
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

    /// Counts every key of `keys`, in order, `hashes[i]` being key `i`'s hash under the
    /// summary's table hash (the caller computed them anyway: no hashing here).
    mutating func add(_ keys: ContiguousKeys, hashes: UnsafeBufferPointer<UInt32>) {
        makeUnique()
        storage.add(keys, hashes: hashes)
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
