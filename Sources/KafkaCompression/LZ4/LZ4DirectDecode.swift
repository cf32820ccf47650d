import CLZ4

extension LZ4FrameCodec {
    /// Decodes the frames of `input` straight into `output`, at most `limit` bytes, when every
    /// frame has the header Kafka clients write (``LZ4Frame/header``: no checksums, no content
    /// size) and the content fits: the bytes written, else nil (see
    /// ``DirectDecompressor/decompress(_:_:into:limit:)``).
    static func decodeDirect(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, limit: Int) -> Int? {
        guard let destination = output.baseAddress, !input.isEmpty else { return nil }
        let room = Swift.min(output.count, limit)
        var produced = 0
        var offset = 0
        do throws(CompressionError) {
            while offset < input.count {
                guard LZ4Frame.hasKafkaHeader(input, at: offset) else { return nil }
                var blocks = LZ4FrameBlocks(input, kafkaFrameAt: offset)
                while let block = try blocks.next() {
                    let data = input.slice(block.range.lowerBound, block.range.count)
                    let capacity = Swift.min(room - produced, blocks.blockMaximumSize)
                    guard let decoded = decodeBlockDirect(data, isStored: block.isStored, into: destination + produced, capacity: capacity) else {
                        return nil
                    }
                    produced += decoded
                }
                offset = blocks.offset
            }
        } catch {
            return nil  // the careful path reports it
        }
        return produced
    }

    /// One block's content written at `destination`, which has `capacity` bytes: its length, or
    /// nil when it does not fit or is invalid.
    private static func decodeBlockDirect(
        _ data: UnsafeRawBufferPointer, isStored: Bool, into destination: UnsafeMutableRawPointer, capacity: Int
    ) -> Int? {
        guard let source = data.baseAddress else { return isStored ? 0 : nil }
        if isStored {
            guard data.count <= capacity else { return nil }
            destination.copyMemory(from: source, byteCount: data.count)
            return data.count
        }
        let decoded = LZ4_decompress_safe(
            source.assumingMemoryBound(to: CChar.self), destination.assumingMemoryBound(to: CChar.self),
            Int32(data.count), Int32(capacity)
        )
        return decoded >= 0 ? Int(decoded) : nil
    }
}
