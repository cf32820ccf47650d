import KafkaPartitioning

/// Keys copied back to back into one reusable buffer, lent to the study as
/// ``ContiguousKeys``: one copy and one offset per key, no allocation once warm, no
/// uniqueness check per key (the buffer is non-copyable). Bytes past the last key stay
/// addressable (``padding``), so the vector kernels read whole windows for every key.
struct KeyStagingBuffer: ~Copyable {
    /// Addressable bytes kept after the last key (the kernels' widest window reach).
    static let padding = 512

    private var bytes: UnsafeMutableRawPointer
    private var byteCapacity: Int
    private var offsets: UnsafeMutablePointer<Int>
    private let keyCapacity: Int
    private var used = 0
    /// Keys held.
    private(set) var count = 0

    /// A buffer for up to `keyCapacity` keys, with room for `byteCapacity` bytes before it grows.
    init(keyCapacity: Int, byteCapacity: Int) {
        self.keyCapacity = max(keyCapacity, 1)
        self.byteCapacity = max(byteCapacity, 0) + Self.padding
        bytes = .allocate(byteCount: self.byteCapacity, alignment: 16)
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: self.byteCapacity)
        offsets = .allocate(capacity: self.keyCapacity + 1)
        offsets.initialize(to: 0)
    }

    deinit {
        bytes.deallocate()
        offsets.deallocate()
    }

    /// True when ``append(_:)`` can take another key.
    var isFull: Bool { count == keyCapacity }

    /// Appends a copy of `key`; the caller empties a full buffer first.
    mutating func append(_ key: UnsafeRawBufferPointer) {
        guard count < keyCapacity else { return }
        let end = used + key.count
        if end + Self.padding > byteCapacity { grow(to: end + Self.padding) }
        if let source = key.baseAddress, !key.isEmpty {
            (bytes + used).copyMemory(from: source, byteCount: key.count)
        }
        used = end
        count += 1
        offsets[count] = end
    }

    private mutating func grow(to needed: Int) {
        let capacity = max(needed, byteCapacity * 2)
        let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        larger.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        larger.copyMemory(from: bytes, byteCount: used)
        bytes.deallocate()
        bytes = larger
        byteCapacity = capacity
    }

    /// Forgets the keys, keeping the storage.
    mutating func removeAll() {
        used = 0
        count = 0
    }

    /// Lends the keys (with the padding inside the byte view).
    func withContiguousKeys(_ body: (ContiguousKeys) -> Void) {
        let view = UnsafeRawBufferPointer(start: bytes, count: byteCapacity)
        // Offsets are built by append (non-decreasing, within the bytes), so the checking
        // initialiser always succeeds.
        if let keys = try? ContiguousKeys(bytes: view, offsets: UnsafeBufferPointer(start: offsets, count: count + 1)) {
            body(keys)
        }
    }
}
