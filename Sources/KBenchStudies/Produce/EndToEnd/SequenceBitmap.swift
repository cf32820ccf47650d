/// One bit per sequence number (0, 1, 2, …) of a producer's records, growing as larger numbers
/// come: the exactly-once check's memory (1 MiB per 8 million records). Allocation happens only
/// when it grows (doubling). Free it with ``deallocate()``.
struct SequenceBitmap {
    private var words: UnsafeMutablePointer<UInt64>
    /// Words allocated (64 sequence numbers each).
    private(set) var wordCount: Int
    /// Sequence numbers inserted (each counted once).
    private(set) var count = 0

    /// An empty bitmap with room for `capacity` sequence numbers before it grows.
    init(capacity: Int = 1 << 16) {
        wordCount = Swift.max(1, (capacity + 63) / 64)
        words = .allocate(capacity: wordCount)
        words.initialize(repeating: 0, count: wordCount)
    }

    /// Frees the memory (the bitmap must not be used afterwards).
    func deallocate() {
        words.deallocate()
    }

    /// Inserts `sequence`; true when it was not in the bitmap yet.
    @inline(__always)
    mutating func insert(_ sequence: UInt64) -> Bool {
        let index = Int(truncatingIfNeeded: sequence &>> 6)
        if index >= wordCount { grow(toFit: index) }
        let bit: UInt64 = 1 &<< (sequence & 63)
        let word = words[index]
        guard word & bit == 0 else { return false }
        words[index] = word | bit
        count &+= 1
        return true
    }

    /// Word `index` (sequence numbers 64 × index …): 0 beyond the allocated words.
    @inline(__always)
    func word(_ index: Int) -> UInt64 {
        index < wordCount ? words[index] : 0
    }

    private mutating func grow(toFit index: Int) {
        let grown = Swift.max(wordCount * 2, index + 1)
        let memory = UnsafeMutablePointer<UInt64>.allocate(capacity: grown)
        memory.moveInitialize(from: words, count: wordCount)
        (memory + wordCount).initialize(repeating: 0, count: grown - wordCount)
        words.deallocate()
        words = memory
        wordCount = grown
    }
}
