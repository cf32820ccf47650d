/// A growable run of bytes that a batch fills message after message and empties when it is
/// sent: space is reserved by offset (the base address moves when it grows), so filling it
/// allocates only until it has grown to the largest batch. Free it with ``deallocate()``.
struct ByteArena {
    /// Where the bytes start (valid until the next ``reserve(_:)``).
    private(set) var base: UnsafeMutableRawPointer
    private var capacity: Int
    /// Bytes reserved since the last ``reset()``.
    private(set) var used = 0

    /// An empty arena with room for `capacity` bytes.
    init(capacity: Int) {
        self.capacity = Swift.max(1, capacity)
        base = .allocate(byteCount: self.capacity, alignment: 16)
    }

    /// Reserves `length` bytes and returns their offset from ``base``.
    @inline(__always)
    mutating func reserve(_ length: Int) -> Int {
        if used &+ length > capacity { grow(toFit: length) }
        let offset = used
        used &+= length
        return offset
    }

    /// Forgets every reservation (the memory is kept).
    @inline(__always)
    mutating func reset() {
        used = 0
    }

    /// Frees the memory (the arena must not be used afterwards).
    func deallocate() {
        base.deallocate()
    }

    private mutating func grow(toFit length: Int) {
        let grown = Swift.max(capacity * 2, used + length)
        let memory = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        memory.copyMemory(from: base, byteCount: used)
        base.deallocate()
        base = memory
        capacity = grown
    }
}
