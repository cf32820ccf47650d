/// One block of the bare codec inside a Kafka-framed compressed payload: an LZ4 frame's block
/// or a xerial stream's raw snappy block, as offsets into the payload.
///
/// ``LZ4FrameBlocks`` and ``XerialChunks`` find them, with the decoders' bounds checks and
/// errors; the decoders read the blocks they list.
public struct CodecBlock: Equatable, Sendable {
    /// The block's bytes, as offsets into the payload.
    public var range: Range<Int>
    /// An LZ4 block stored uncompressed (its size word's high bit): copied, not decoded.
    public var isStored: Bool

    /// A block over `range` of the payload, stored uncompressed when `isStored`.
    public init(range: Range<Int>, isStored: Bool) {
        self.range = range
        self.isStored = isStored
    }
}
