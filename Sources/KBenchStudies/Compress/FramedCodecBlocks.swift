import KafkaCompression

/// Finds the bare codec blocks inside a batch's compressed records payload, so that the study's
/// bare decompress runs on the same compressed bytes as kbench's decode (like for like: another
/// compressor's blocks of the same records can decode at another speed; librdkafka's snappy
/// blocks took 1.21x as long as libsnappy's).
///
/// snappy: the payload (raw block) or each xerial chunk (``XerialChunks``); lz4: each block of
/// every frame (``LZ4FrameBlocks``, the walk kbench's decoder makes); zstd: the payload (one
/// frame, which `ZSTD_decompressDCtx` decodes whole). nil for gzip and none: a gzip member is
/// not what zlib's `uncompress` reads, so the bare side decodes its own compressor's output
/// there. The batch was verified before (``CompressionCell/verifyDecoding()``); a framing error
/// is still reported, as a verification error.
enum FramedCodecBlocks {
    /// The blocks of `payload` compressed with `type`, or nil when the bare side cannot read them.
    static func blocks(of payload: UnsafeRawBufferPointer, type: CompressionType) throws(CompressionStudyError) -> [CodecBlock]? {
        do throws(CompressionError) {
            switch type {
            case .none, .gzip: return nil
            case .zstd: return [CodecBlock(range: 0..<payload.count, isStored: false)]
            case .snappy:
                guard XerialFraming.isXerial(payload) else { return [CodecBlock(range: 0..<payload.count, isStored: false)] }
                var chunks = XerialChunks(payload)
                return try collect { () throws(CompressionError) in try chunks.next() }
            case .lz4: return try lz4Blocks(of: payload)
            }
        } catch {
            throw .verification("\(type) payload of \(payload.count) bytes: \(error)")
        }
    }

    /// Every block of every LZ4 frame of `payload`.
    private static func lz4Blocks(of payload: UnsafeRawBufferPointer) throws(CompressionError) -> [CodecBlock] {
        var blocks: [CodecBlock] = []
        var offset = 0
        repeat {
            var frame = try LZ4FrameBlocks(payload, frameAt: offset)
            blocks += try collect { () throws(CompressionError) in try frame.next() }
            offset = frame.offset
        } while offset < payload.count
        return blocks
    }

    /// What `next` returns until it returns nil.
    private static func collect(_ next: () throws(CompressionError) -> CodecBlock?) throws(CompressionError) -> [CodecBlock] {
        var blocks: [CodecBlock] = []
        while let block = try next() { blocks.append(block) }
        return blocks
    }
}
