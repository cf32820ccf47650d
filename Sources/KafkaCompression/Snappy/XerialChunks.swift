/// The raw snappy blocks of a xerial stream, in order: after the 16-byte header (see
/// ``XerialFraming``), each chunk's big-endian length checked against the bytes left.
///
/// ```swift
/// var chunks = XerialChunks(payload)
/// while let block = try chunks.next() { … payload[block.range] … }
/// ```
///
/// Errors are ``CompressionError/corrupt(codec:offset:reason:)`` at the chunk's length field,
/// the ones ``SnappyCodec`` reports. Blocks are never stored (``CodecBlock/isStored`` false).
public struct XerialChunks {
    /// The xerial stream (the caller has checked ``XerialFraming/isXerial(_:)``).
    public let input: UnsafeRawBufferPointer
    /// The next chunk's length field.
    public private(set) var offset = XerialFraming.headerSize

    /// The chunks of the xerial stream `input`.
    public init(_ input: UnsafeRawBufferPointer) {
        self.input = input
    }

    /// The next chunk's snappy block, or nil at the end of the input.
    @inline(__always)
    public mutating func next() throws(CompressionError) -> CodecBlock? {
        guard offset < input.count else { return nil }
        guard input.count - offset >= 4 else { throw Self.truncated(at: offset, left: input.count - offset) }
        let length = Int(Int32(bitPattern: input.bigEndianUInt32(at: offset)))
        let blockStart = offset + 4
        guard length >= 0, length <= input.count - blockStart else {
            throw Self.misfit(at: offset, length: length, left: input.count - blockStart)
        }
        offset = blockStart + length
        return CodecBlock(range: blockStart..<offset, isStored: false)
    }

    /// A length field cut short (built out of line: the walk stays small).
    @inline(never)
    private static func truncated(at offset: Int, left: Int) -> CompressionError {
        .corrupt(codec: .snappy, offset: offset, reason: "truncated xerial block length (\(left) of 4 bytes)")
    }

    /// A length that does not fit the bytes left (built out of line).
    @inline(never)
    private static func misfit(at offset: Int, length: Int, left: Int) -> CompressionError {
        .corrupt(codec: .snappy, offset: offset, reason: "xerial block length \(length) does not fit the \(left) bytes left")
    }
}
