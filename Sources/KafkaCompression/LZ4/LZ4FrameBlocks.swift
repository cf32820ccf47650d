/// The blocks of one LZ4 frame, in order: the frame header parsed and checked (see
/// ``LZ4FrameCodec``), then each block's size word checked against the frame's maximum and the
/// bytes left, and its checksum verified when the frame has block checksums.
///
/// ```swift
/// var blocks = try LZ4FrameBlocks(payload, frameAt: 0)
/// while let block = try blocks.next() { … payload[block.range] … }
/// // blocks.offset: just past the end mark
/// ```
///
/// Errors are ``CompressionError/corrupt(codec:offset:reason:)`` at the byte concerned, the ones
/// ``LZ4FrameCodec`` reports. The content checksum after the end mark is left to the caller
/// (it covers the decoded content).
public struct LZ4FrameBlocks {
    /// The codec input holding the frame.
    public let input: UnsafeRawBufferPointer
    /// The next size word's offset; once ``next()`` returned nil, the offset just past the end
    /// mark.
    public private(set) var offset: Int
    /// What the frame header says.
    let descriptor: LZ4FrameDescriptor

    /// The blocks of the frame whose header starts at `frameOffset` of `input`; the header's
    /// checksum byte is skipped, not checked, when `checksHeader` is false (see
    /// ``LZ4FrameCodec/decompressIgnoringHeaderChecksum(_:appendingTo:limit:)``).
    public init(_ input: UnsafeRawBufferPointer, frameAt frameOffset: Int, checksHeader: Bool = true) throws(CompressionError) {
        self.input = input
        descriptor = try LZ4FrameDescriptor(parsing: input, at: frameOffset, checksHeader: checksHeader)
        offset = descriptor.blocksStart
    }

    /// The blocks of a frame at `frameOffset` whose header the caller found to be
    /// ``LZ4Frame/header`` (``LZ4Frame/headerWord``): nothing left to parse or check.
    init(_ input: UnsafeRawBufferPointer, kafkaFrameAt frameOffset: Int) {
        self.input = input
        descriptor = LZ4FrameDescriptor(kafkaBlocksStart: frameOffset + 7)
        offset = descriptor.blocksStart
    }

    /// The largest block content the frame allows (its header's block maximum size).
    public var blockMaximumSize: Int { descriptor.blockMaximumSize }

    /// The next block, or nil at the end mark (``offset`` then moves past it).
    @inline(__always)
    public mutating func next() throws(CompressionError) -> CodecBlock? {
        let left = input.count - offset
        guard left >= 4 else { throw Self.corrupt(offset, .truncated(left: left)) }
        let word = input.littleEndianUInt32(at: offset)
        if word == 0 {
            offset += 4
            return nil
        }
        let size = Int(word & ~LZ4Frame.storedFlag)
        let dataStart = offset + 4
        guard size <= descriptor.blockMaximumSize else {
            throw Self.corrupt(offset, .tooLarge(size: size, maximum: descriptor.blockMaximumSize))
        }
        let trailer = descriptor.hasBlockChecksums ? 4 : 0
        guard size + trailer <= input.count - dataStart else {
            throw Self.corrupt(offset, .pastEnd(size: size, left: input.count - dataStart))
        }
        if descriptor.hasBlockChecksums {
            let stored = input.littleEndianUInt32(at: dataStart + size)
            guard XXHash32.hash(input.slice(dataStart, size)) == stored else {
                throw Self.corrupt(dataStart + size, .checksumMismatch)
            }
        }
        offset = dataStart + size + trailer
        return CodecBlock(range: dataStart..<(dataStart + size), isStored: word & LZ4Frame.storedFlag != 0)
    }

    /// What is wrong with a block's size word or checksum.
    private enum Failure {
        case truncated(left: Int)
        case tooLarge(size: Int, maximum: Int)
        case pastEnd(size: Int, left: Int)
        case checksumMismatch
    }

    /// The error of `failure` at `offset` (built out of line: the walk stays small).
    @inline(never)
    private static func corrupt(_ offset: Int, _ failure: Failure) -> CompressionError {
        let reason =
            switch failure {
            case .truncated(let left): "truncated frame: no end mark (\(left) bytes left)"
            case .tooLarge(let size, let maximum): "block size \(size) exceeds the frame's \(maximum)-byte maximum"
            case .pastEnd(let size, let left): "block of \(size) bytes runs past the end of the input (\(left) left)"
            case .checksumMismatch: "block checksum mismatch"
            }
        return .corrupt(codec: .lz4, offset: offset, reason: reason)
    }
}
