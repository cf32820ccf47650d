#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Many keys stored back to back: key `i` is `bytes[offsets[i] ..< offsets[i + 1]]`
/// (Arrow-style offsets, `count + 1` entries). A borrowed view: valid while both buffers are.
///
/// Every key is non-null here (an empty range is an empty key); null keys are a per-record
/// decision of stateful strategies, see ``Partitioner``.
public struct ContiguousKeys {
    /// The concatenated key bytes.
    public let bytes: UnsafeRawBufferPointer
    /// `count + 1` non-decreasing offsets into `bytes`.
    public let offsets: UnsafeBufferPointer<Int>

    /// Validates the offsets (non-decreasing, non-negative, within `bytes`) in one pass.
    public init(bytes: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int>) throws(PartitioningError) {
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

/// An owning, growable batch of keys in contiguous storage, ready for the batch kernels.
///
/// Appending copies the key bytes; `withContiguousKeys` lends the ``ContiguousKeys`` view.
/// A few zero bytes of padding are kept after the last key so the vector kernels can read
/// whole windows for every key.
public struct KeyBatch: Sendable, Hashable {
    /// Zero bytes kept after the keys so every key's 32-byte windows stay in bounds.
    static let windowPadding = 288

    /// Concatenated key bytes followed by the zero padding (`windowPadding` bytes).
    public private(set) var storage: [UInt8]
    /// `count + 1` offsets into `storage`.
    public private(set) var offsets: [Int]

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
        // The key overwrites the front of the zero padding, and as many zeros are added at
        // the end: O(key length) per append, the padding stays zero.
        let start = byteCount
        storage.append(contentsOf: repeatElement(0, count: key.count))
        storage.withUnsafeMutableBytes { destination in
            UnsafeMutableRawBufferPointer(rebasing: destination[start..<(start + key.count)]).copyMemory(from: key)
        }
        offsets.append(start + key.count)
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
