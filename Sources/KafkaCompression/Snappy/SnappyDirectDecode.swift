import CSnappy

extension SnappyCodec {
    /// Decodes `input` (xerial stream or raw block) straight into `output`, at most `limit`
    /// bytes, when every block is valid, not empty, and fits: the bytes written, else nil (see
    /// ``DirectDecompressor/decompress(_:_:into:limit:)``).
    static func decodeDirect(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, limit: Int) -> Int? {
        guard let destination = output.baseAddress else { return nil }
        let room = Swift.min(output.count, limit)
        guard XerialFraming.isXerial(input) else {
            return SnappyBlock.decodeDirect(input, into: destination, room: room)
        }
        var chunks = XerialChunks(input)
        var produced = 0
        do throws(CompressionError) {
            while let block = try chunks.next() {
                let data = input.slice(block.range.lowerBound, block.range.count)
                guard let decoded = SnappyBlock.decodeDirect(data, into: destination + produced, room: room - produced) else { return nil }
                produced += decoded
            }
        } catch {
            return nil  // the careful path reports it
        }
        return produced
    }
}

extension SnappyBlock {
    /// Decodes the raw block `block` into `destination`, which has `room` bytes: its length,
    /// or nil when the block is empty, claims no bytes or more than `room` or than its size can
    /// expand to, or is invalid (``decompress(_:at:appendingTo:budget:limit:)`` tells which).
    static func decodeDirect(_ block: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer, room: Int) -> Int? {
        guard let source = block.baseAddress?.assumingMemoryBound(to: CChar.self), !block.isEmpty else { return nil }
        var claimed = 0
        guard snappy_uncompressed_length(source, block.count, &claimed) == SNAPPY_OK,
            claimed > 0, claimed <= room, claimed <= maximumExpansion(ofCompressed: block.count)
        else { return nil }
        var length = claimed
        let status = snappy_uncompress(source, block.count, destination.assumingMemoryBound(to: CChar.self), &length)
        return status == SNAPPY_OK && length == claimed ? claimed : nil
    }
}
