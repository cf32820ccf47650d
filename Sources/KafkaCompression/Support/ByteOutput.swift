// Helpers for writing codec output straight into the caller's `[UInt8]`, without zero-filling
// and without an intermediate buffer, and for keeping a failed call from leaving half a result.

extension Array where Element == UInt8 {
    /// Reserves room for `capacity` more bytes, lets `body` write into that uninitialised room,
    /// and appends the first `body`-returned count of them.
    ///
    /// Once the array is warm (capacity kept between batches), this allocates nothing.
    /// `body` must return a count in `0...capacity`.
    @inlinable
    mutating func appendUninitialized<E: Error>(
        capacity: Int,
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> Int
    ) throws(E) {
        try append(addingCapacity: capacity) { (span: inout OutputSpan<UInt8>) throws(E) in
            try span.withUnsafeMutableBufferPointer { (buffer, initialized) throws(E) in
                initialized = try body(UnsafeMutableRawBufferPointer(buffer))
            }
        }
    }

    /// Makes room for `extra` more bytes of a decompressor's output whose call began at
    /// `start` under `limit`: when the array must grow, it doubles as usual but never past
    /// `start + limit + 1` elements (the ceiling and the byte that detects crossing it).
    ///
    /// Array's own growth for append doubles the capacity, which near the ceiling allocated up
    /// to twice the ceiling (fuzz finding: 14 MiB for a 7 MiB gzip block under 8 MiB).
    @inlinable
    mutating func reserveDecompressed(_ extra: Int, start: Int, limit: Int) {
        let needed = count + extra
        guard needed > capacity else { return }
        let ceiling = limit < Int.max - start - 1 ? start + limit + 1 : Int.max
        reserveCapacity(Swift.max(needed, Swift.min(saturatingMultiply(capacity, 2), ceiling)))
    }
}

/// Runs `body`, which appends to `output`; when it throws, `output` is cut back to what it held
/// before, so a failed compress or decompress never leaves a partial result behind.
@inlinable
func appendingAtomically(
    _ output: inout [UInt8],
    _ body: (inout [UInt8]) throws(CompressionError) -> Void
) throws(CompressionError) {
    let start = output.count
    do {
        try body(&output)
    } catch {
        output.removeSubrange(start...)
        throw error
    }
}

/// Sizes the next output chunk of a streaming decompressor.
///
/// The chunk is `preferred` bytes (at least 1), but never more than one byte past the room left
/// under `limit`: writing that one extra byte is how a decoder notices the ceiling is crossed,
/// and it keeps the allocation within a byte of the ceiling.
@inlinable
func boundedChunk(preferred: Int, produced: Int, limit: Int) -> Int {
    let room = limit - produced  // produced <= limit holds whenever this is called
    let chunk = Swift.max(preferred, 1)
    return room >= chunk ? chunk : room + 1
}

/// `a * b`, or `Int.max` when the product overflows (for "what the input can justify" bounds).
@inlinable
func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : product
}

extension UnsafeRawBufferPointer {
    /// The big-endian `UInt32` at `offset` (the caller has checked `offset + 4 <= count`).
    @inlinable
    func bigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// The little-endian `UInt32` at `offset` (the caller has checked `offset + 4 <= count`).
    @inlinable
    func littleEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// The little-endian `UInt64` at `offset` (the caller has checked `offset + 8 <= count`).
    @inlinable
    func littleEndianUInt64(at offset: Int) -> UInt64 {
        UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The bytes `offset..<offset+count` as a buffer (the caller has checked the range).
    @inlinable
    func slice(_ offset: Int, _ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[offset..<(offset + count)])
    }
}

extension UnsafeMutableRawBufferPointer {
    /// Stores `value` big-endian at `offset` (the caller has checked `offset + 4 <= count`).
    @inlinable
    func storeBigEndian(_ value: UInt32, at offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
    }

    /// Stores `value` little-endian at `offset` (the caller has checked `offset + 4 <= count`).
    @inlinable
    func storeLittleEndian(_ value: UInt32, at offset: Int) {
        storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
    }
}
