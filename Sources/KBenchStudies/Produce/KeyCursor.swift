import KBenchWorkloads

/// The run's key stream — null, generated (cycled) or from a file (re-read when possible) —
/// each key lent with its partition tag (``PartitionPredictor``).
///
/// During the first pass over the keys, each key and its tag are also kept in a
/// ``KeyCycleCache`` when the run may outlast the pass and the keys fit its budget: later
/// passes replay the cache (the same bytes in the same order, as the generator and the file
/// would give them again) instead of generating or reading and hashing every key again.
struct KeyCursor: ~Copyable {
    // Sources are stored separately so advancing one mutates it in place (no copy per key).
    private var generator: KeyGenerator?
    private var reader: KeyFileReader?
    private let isNull: Bool
    private let predictor: PartitionPredictor
    private let nullTag: UInt
    private var buffer = KeyBuffer()
    private var cache: KeyCycleCache
    /// The next cache entry to replay; negative while the source is read.
    private var replayIndex = -1

    /// The cursor of `keys`, tagged by `predictor`; `cacheBudget` bytes at most kept for
    /// replaying (0: never cache, e.g. when the run ends within the first pass).
    init(_ keys: ProduceKeys, predictor: PartitionPredictor, cacheBudget: Int) throws(KeyReadError) {
        // Sources opened into locals first: every stored property is then set exactly once.
        var generator: KeyGenerator?
        var reader: KeyFileReader?
        switch keys {
        case .none:
            break
        case .generated(let spec, let seed):
            generator = KeyGenerator(spec: spec, seed: seed)
        case .file(let path):
            reader = try KeyFileReader(path: path)
        }
        let isNull = generator == nil && reader == nil
        // A pass is replayed only where the source itself would start over (not stdin).
        let restartable = !isNull && (reader?.isRewindable ?? true)
        self.generator = generator
        self.reader = reader
        self.isNull = isNull
        self.predictor = predictor
        nullTag = predictor.tag(for: nil)
        cache = KeyCycleCache(budget: restartable ? cacheBudget : 0)
    }

    /// Calls `body` with the next key (nil for a null key; valid only during the call) and
    /// its tag; nil when the keys ran out for good.
    @inline(__always)
    mutating func withNext<Result>(_ body: (UnsafeRawBufferPointer?, UInt) -> Result) throws(KeyReadError) -> Result? {
        if replayIndex >= 0 {
            let index = replayIndex
            replayIndex = index &+ 1 == cache.count ? 0 : index &+ 1
            return cache.withEntry(index, body)
        }
        if isNull { return body(nil, nullTag) }
        if try !nextFromSource() {
            // The pass is over: replay it when it was kept whole, else start the source again.
            if cache.complete() {
                replayIndex = cache.count > 1 ? 1 : 0
                return cache.withEntry(0, body)
            }
            guard try restartSource(), try nextFromSource() else { return nil }
        }
        let predictor = self.predictor
        return buffer.withUnsafeBytes { key in
            let tag = predictor.tag(for: key)
            cache.append(key, tag: tag)
            return body(key, tag)
        }
    }

    /// Writes the source's next key into `buffer`; false at the end of a pass.
    private mutating func nextFromSource() throws(KeyReadError) -> Bool {
        // Optional chaining mutates the stored source in place.
        if let more = generator?.nextKey(into: &buffer) { return more }
        return try reader?.nextKey(into: &buffer) ?? false
    }

    /// Starts the source over; false when it cannot be (standard input, an empty file).
    private mutating func restartSource() throws(KeyReadError) -> Bool {
        if generator != nil {
            generator?.reset()
            return true
        }
        guard let reader, reader.isRewindable, reader.lineNumber > 0 else { return false }
        try self.reader?.rewind()
        return true
    }
}

/// One pass of keys with their tags, back to back in memory the cache owns, recorded while
/// they fit `budget` bytes (key bytes plus 16 per key); abandoned (and freed) beyond it.
struct KeyCycleCache: ~Copyable {
    private struct Entry {
        var end: Int
        var tag: UInt
    }

    private let budget: Int
    private var bytes: UnsafeMutableRawPointer?
    private var byteCapacity = 0
    private var byteCount = 0
    private var entries: UnsafeMutablePointer<Entry>?
    private var entryCapacity = 0
    /// Keys kept.
    private(set) var count = 0
    private var isRecording: Bool

    /// An empty cache recording up to `budget` bytes (0: records nothing).
    init(budget: Int) {
        self.budget = budget
        isRecording = budget > 0
    }

    deinit {
        bytes?.deallocate()
        entries?.deallocate()
    }

    /// Keeps `key` and `tag` while recording and within the budget (else stops recording).
    @inline(__always)
    mutating func append(_ key: UnsafeRawBufferPointer, tag: UInt) {
        guard isRecording else { return }
        if byteCount &+ key.count > byteCapacity || count == entryCapacity {
            guard grow(toFit: key.count) else { return }
        }
        if let base = key.baseAddress, let bytes {
            (bytes + byteCount).copyMemory(from: base, byteCount: key.count)
        }
        byteCount &+= key.count
        entries?[count] = Entry(end: byteCount, tag: tag)
        count &+= 1
    }

    /// Ends the recording of a pass; true when the cache holds the whole pass (then it can be
    /// replayed), false when it gave up on it or recorded nothing.
    mutating func complete() -> Bool {
        defer { if isRecording { isRecording = false } }
        guard isRecording, count > 0 else {
            abandon()
            return false
        }
        return true
    }

    /// Calls `body` with entry `index` (`0..<count`).
    @inline(__always)
    func withEntry<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer?, UInt) -> Result) -> Result {
        // Only reached after `complete()` returned true: both buffers exist.
        let entries = self.entries.unsafelyUnwrapped
        let start = index == 0 ? 0 : entries[index &- 1].end
        let entry = entries[index]
        return body(UnsafeRawBufferPointer(start: bytes.map { $0 + start }, count: entry.end &- start), entry.tag)
    }

    /// Doubles what is needed to take `keyLength` more bytes and one more entry; false (and
    /// the cache abandoned) when that would exceed the budget.
    private mutating func grow(toFit keyLength: Int) -> Bool {
        let neededBytes = byteCount + keyLength
        let newByteCapacity = neededBytes > byteCapacity ? Swift.max(neededBytes, Swift.max(4096, byteCapacity * 2)) : byteCapacity
        let newEntryCapacity = count == entryCapacity ? Swift.max(256, entryCapacity * 2) : entryCapacity
        guard newByteCapacity + newEntryCapacity * MemoryLayout<Entry>.stride <= budget else {
            abandon()
            return false
        }
        if newByteCapacity != byteCapacity {
            let grown = UnsafeMutableRawPointer.allocate(byteCount: newByteCapacity, alignment: 16)
            if let bytes {
                grown.copyMemory(from: bytes, byteCount: byteCount)
                bytes.deallocate()
            }
            bytes = grown
            byteCapacity = newByteCapacity
        }
        if newEntryCapacity != entryCapacity {
            let grown = UnsafeMutablePointer<Entry>.allocate(capacity: newEntryCapacity)
            if let entries {
                grown.moveInitialize(from: entries, count: count)
                entries.deallocate()
            }
            entries = grown
            entryCapacity = newEntryCapacity
        }
        return true
    }

    /// Stops recording for good and frees the memory.
    private mutating func abandon() {
        isRecording = false
        bytes?.deallocate()
        entries?.deallocate()
        bytes = nil
        entries = nil
        byteCapacity = 0
        entryCapacity = 0
        byteCount = 0
        count = 0
    }
}
