import KafkaCompression

/// One block of a bare codec inside a batch's Kafka-framed compressed payload: what the bare
/// library call decodes when it is given the very bytes kbench decodes.
struct CodecBlock: Equatable {
    /// The block's bytes, as offsets into the payload.
    var range: Range<Int>
    /// An lz4 block stored uncompressed (its size word's high bit): copied, not decoded.
    var isStored: Bool
}

/// Finds the bare codec blocks inside a batch's compressed records payload, so that the study's
/// bare decompress runs on the same compressed bytes as kbench's decode (like for like: another
/// compressor's blocks of the same records can decode at another speed; librdkafka's snappy
/// blocks took 1.21x as long as libsnappy's).
///
/// snappy: the payload (raw block) or each xerial chunk; lz4: each block of Kafka's LZ4 frame;
/// zstd: the payload (one frame, which `ZSTD_decompressDCtx` decodes whole). nil for gzip and
/// none: a gzip member is not what zlib's `uncompress` reads, so the bare side decodes its own
/// compressor's output there. The batch was verified before (``CompressionCell/verifyDecoding()``);
/// the walk still checks every length against the bytes left.
enum FramedCodecBlocks {
    /// The blocks of `payload` compressed with `type`, or nil when the bare side cannot read them.
    static func blocks(of payload: UnsafeRawBufferPointer, type: CompressionType) throws(CompressionStudyError) -> [CodecBlock]? {
        switch type {
        case .none, .gzip: nil
        case .zstd: [CodecBlock(range: 0..<payload.count, isStored: false)]
        case .snappy:
            XerialFraming.isXerial(payload)
                ? try xerialChunks(of: payload) : [CodecBlock(range: 0..<payload.count, isStored: false)]
        case .lz4: try lz4Blocks(of: payload)
        }
    }

    /// The snappy block of every xerial chunk (big-endian length, block) after the 16-byte header.
    private static func xerialChunks(of payload: UnsafeRawBufferPointer) throws(CompressionStudyError) -> [CodecBlock] {
        var blocks: [CodecBlock] = []
        var offset = XerialFraming.headerSize
        while offset < payload.count {
            let length = Int(try word(payload, at: offset, bigEndian: true))
            blocks.append(try block(payload, from: offset + 4, length: length, isStored: false))
            offset += 4 + length
        }
        return blocks
    }

    /// Every block of a Kafka LZ4 frame (magic, FLG, BD, optional content size, HC byte; size
    /// words with the stored flag; optional block checksums; end mark).
    private static func lz4Blocks(of payload: UnsafeRawBufferPointer) throws(CompressionStudyError) -> [CodecBlock] {
        guard payload.count >= 7, try word(payload, at: 0, bigEndian: false) == LZ4Frame.magic else {
            throw .verification("lz4 payload of \(payload.count) bytes does not start with a frame header")
        }
        let flg = payload[4]
        var offset = 4 + (flg & 0x08 != 0 ? 10 : 2) + 1
        let blockChecksumSize = flg & 0x10 != 0 ? 4 : 0
        var blocks: [CodecBlock] = []
        while true {
            let size = try word(payload, at: offset, bigEndian: false)
            if size == 0 { return blocks }
            let length = Int(size & ~LZ4Frame.storedFlag)
            blocks.append(try block(payload, from: offset + 4, length: length, isStored: size & LZ4Frame.storedFlag != 0))
            offset += 4 + length + blockChecksumSize
        }
    }

    private static func word(_ payload: UnsafeRawBufferPointer, at offset: Int, bigEndian: Bool) throws(CompressionStudyError) -> UInt32 {
        guard offset >= 0, payload.count - offset >= 4 else {
            throw .verification("codec block length at byte \(offset) runs past the \(payload.count)-byte payload")
        }
        let value = payload.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        return bigEndian ? UInt32(bigEndian: value) : UInt32(littleEndian: value)
    }

    private static func block(_ payload: UnsafeRawBufferPointer, from start: Int, length: Int, isStored: Bool) throws(CompressionStudyError) -> CodecBlock {
        guard length >= 0, length <= payload.count - start else {
            throw .verification("codec block of \(length) bytes at byte \(start) runs past the \(payload.count)-byte payload")
        }
        return CodecBlock(range: start..<(start + length), isStored: isStored)
    }
}
