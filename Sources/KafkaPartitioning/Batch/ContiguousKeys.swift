#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Many keys stored back to back: key `i` is `bytes[offsets[i] ..< offsets[i + 1]]`
/// (Arrow-style offsets, `count + 1` entries).
///
/// A borrowed view, lent only inside a closure (``KeyBatch/withContiguousKeys(_:)``,
/// ``withKeys(bytes:offsets:_:)``) like the buffer `withUnsafeBytes` lends: it and the keys it
/// hands out are valid only inside that closure. It has no public initializer and no public
/// pointer property.
///
/// Every key is non-null here (an empty range is an empty key); null keys are a per-record
/// decision of stateful strategies, see ``Partitioner``.
public struct ContiguousKeys {
    /// The concatenated key bytes.
    @usableFromInline package let bytes: UnsafeRawBufferPointer
    /// `count + 1` non-decreasing offsets into `bytes`.
    @usableFromInline package let offsets: UnsafeBufferPointer<Int>

    /// Validates `offsets` against `bytes` (non-decreasing, non-negative, within `bytes`) in one
    /// pass and lends the view to `body`, which must not keep it: `bytes` and `offsets` are
    /// borrowed for the duration of the call.
    public static func withKeys<Result>(
        bytes: UnsafeRawBufferPointer,
        offsets: UnsafeBufferPointer<Int>,
        _ body: (ContiguousKeys) throws(PartitioningError) -> Result
    ) throws(PartitioningError) -> Result {
        try body(ContiguousKeys(bytes: bytes, offsets: offsets))
    }

    /// Validates the offsets (non-decreasing, non-negative, within `bytes`) in one pass; for
    /// kbench's own modules, which borrow the buffers for as long as they use the view.
    package init(bytes: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int>) throws(PartitioningError) {
        guard let first = offsets.first else { throw .missingOffsets }
        guard first >= 0 else { throw .offsetOutOfOrder(index: 0, offset: first) }
        var previous = first
        for index in offsets.indices {
            let offset = offsets[index]
            guard offset >= previous else { throw .offsetOutOfOrder(index: index, offset: offset) }
            previous = offset
        }
        guard previous <= bytes.count else {
            throw .offsetBeyondBytes(index: offsets.count - 1, offset: previous, byteCount: bytes.count)
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    /// The number of keys.
    @inlinable
    public var count: Int { offsets.count - 1 }

    /// Key `index` (0 ..< count).
    @inlinable
    public subscript(index: Int) -> UnsafeRawBufferPointer {
        let start = offsets[index]
        let end = offsets[index + 1]
        guard let base = bytes.baseAddress else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + start, count: end - start)
    }
}

@available(*, unavailable, message: "ContiguousKeys borrows raw buffers")
extension ContiguousKeys: Sendable {}

/// An owning, growable batch of keys in contiguous storage, ready for the batch kernels: the
/// one staging buffer for keys on their way to them (``BatchHasher``'s chunks, the partition
/// study's batches, key files).
///
/// Appending copies the key bytes (no allocation per key once the capacity is reached);
/// `withContiguousKeys` lends the ``ContiguousKeys`` view. Zero bytes of padding are kept after
/// the last key so the vector kernels can read whole windows for every key.
public struct KeyBatch: Sendable, Hashable {
    /// Zero bytes kept after the keys: the farthest ``PortableBatchKernels`` read past the
    /// start of a group's last key, 288 bytes, reached when that key is empty and another key
    /// of its group has the longest length that kernel takes (256 bytes: 9 windows of 32).
    /// With it every group of keys up to 256 bytes runs in lanes everywhere. The C kernels take
    /// keys of any length: AVX2 runs a group in lanes while its windows stay inside the
    /// buffer, AVX-512 loads through byte masks where they would not.
    static let windowPadding = PortableBatchKernels.windowReach(longest: PortableBatchKernels.vectorKeyLimit)

    /// Concatenated key bytes followed by the zero padding (`windowPadding` bytes).
    public internal(set) var storage: [UInt8]
    /// `count + 1` offsets into `storage`.
    public internal(set) var offsets: [Int]

    /// An empty batch, reserving room for `keyCapacity` keys of `byteCapacity` bytes in all.
    public init(keyCapacity: Int = 0, byteCapacity: Int = 0) {
        storage = []
        storage.reserveCapacity(max(0, byteCapacity) + Self.windowPadding)
        storage.append(contentsOf: repeatElement(0, count: Self.windowPadding))
        offsets = [0]
        offsets.reserveCapacity(max(0, keyCapacity) + 1)
    }

    /// A batch holding `keys`.
    public init<Keys: Sequence>(_ keys: Keys) where Keys.Element: ContiguousBytes {
        self.init()
        for key in keys { append(key) }
    }

    /// The number of keys.
    public var count: Int { offsets.count - 1 }

    /// True when the batch holds no key.
    public var isEmpty: Bool { offsets.count == 1 }

    /// Total key bytes (without padding).
    public var byteCount: Int { offsets[offsets.count - 1] }

    /// Appends a copy of `key`.
    public mutating func append(_ key: some ContiguousBytes) {
        key.withUnsafeBytes { append(bytes: $0) }
    }

    /// Appends a copy of the raw key bytes.
    public mutating func append(bytes key: UnsafeRawBufferPointer) {
        // The key is appended after the padding (one bulk copy grows the array), copied over
        // the padding's front, and its appended copy zeroed: the padding moves behind the key
        // in O(key length), and stays zero.
        let start = byteCount
        let count = key.count
        let padding = Self.windowPadding
        storage.append(contentsOf: key)
        storage.withUnsafeMutableBytes { destination in
            guard let base = destination.baseAddress, let source = key.baseAddress, count > 0 else { return }
            (base + start).copyMemory(from: source, byteCount: count)
            (base + start + Swift.max(count, padding)).initializeMemory(as: UInt8.self, repeating: 0, count: Swift.min(count, padding))
        }
        offsets.append(start + count)
    }

    /// Removes every key, keeping the capacity.
    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        storage.append(contentsOf: repeatElement(0, count: Self.windowPadding))
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
    }

    /// Key `index` as an array.
    public subscript(index: Int) -> [UInt8] {
        Array(storage[offsets[index]..<offsets[index + 1]])
    }

    /// Lends the keys (padding included in `bytes`, so kernels never fall back).
    public func withContiguousKeys<Result>(_ body: (ContiguousKeys) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes { bytes in
            try offsets.withUnsafeBufferPointer { offsets in
                // Offsets are built by append, so they are valid by construction.
                try body(ContiguousKeys(unchecked: bytes, offsets: offsets))
            }
        }
    }
}

extension ContiguousKeys {
    /// A view whose offsets are known to be valid (built by ``KeyBatch``).
    init(unchecked bytes: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int>) {
        self.bytes = bytes
        self.offsets = offsets
    }
}
