/// The LZ4 frame as Kafka writes it (Java `Lz4BlockOutputStream`, librdkafka via LZ4F):
/// magic `0x184D2204` (little-endian), FLG `0x60` (version 1, independent blocks, no checksums,
/// no content size), BD `0x40` (64 KiB blocks), HC = `(xxh32(FLG, BD) >> 8) & 0xFF`, blocks as
/// `uint32 LE size` (high bit = stored uncompressed) + data, end mark `0`.
public enum LZ4Frame {
    /// The frame magic number (stored little-endian: `04 22 4D 18`).
    public static let magic: UInt32 = 0x184D_2204
    /// FLG written by Kafka: version 01, block independence.
    public static let flg: UInt8 = 0x60
    /// BD written by Kafka: block maximum size id 4 (64 KiB).
    public static let bd: UInt8 = 0x40
    /// The header checksum of FLG and BD: second byte of their XXH32.
    public static let headerChecksum = descriptorChecksum([flg, bd])
    /// The 7 bytes starting every frame kbench writes.
    public static let header: [UInt8] = [0x04, 0x22, 0x4D, 0x18, flg, bd, headerChecksum]
    /// Input bytes per block.
    public static let blockSize = 64 * 1024
    /// High bit of a block size word: the block is stored uncompressed.
    public static let storedFlag: UInt32 = 0x8000_0000
    /// ``header`` (`04 22 4D 18 60 40 82`) as the low 7 bytes of a little-endian word: the frame
    /// header read with one load and compare.
    package static let headerWord: UInt64 = 0x0082_4060_184D_2204

    /// Whether the frame at `offset` of `input` starts with ``header`` (one load and compare;
    /// 8 bytes are there in any whole frame: header, end mark).
    @inline(__always)
    static func hasKafkaHeader(_ input: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        input.count - offset >= 8 && input.littleEndianUInt64(at: offset) & 0x00FF_FFFF_FFFF_FFFF == headerWord
    }

    /// `(xxh32(descriptor, seed 0) >> 8) & 0xFF`, the frame-descriptor checksum byte.
    public static func descriptorChecksum(_ descriptor: some Collection<UInt8>) -> UInt8 {
        UInt8(truncatingIfNeeded: XXHash32.hash(descriptor) >> 8)
    }
}

extension XXHash32 {
    /// ``LZ4Frame/descriptorChecksum(_:)`` of bytes in memory.
    static func checksumByte(_ descriptor: UnsafeRawBufferPointer) -> UInt8 {
        UInt8(truncatingIfNeeded: hash(descriptor) >> 8)
    }
}

/// What a frame header says about the frame that follows it.
struct LZ4FrameDescriptor {
    var blockMaximumSize: Int
    var hasBlockChecksums: Bool
    var hasContentChecksum: Bool
    var contentSize: UInt64?
    /// Offset of the first block's size word.
    var blocksStart: Int

    /// What ``LZ4Frame/header`` says, for a frame whose blocks start at `blocksStart`.
    init(kafkaBlocksStart blocksStart: Int) {
        blockMaximumSize = LZ4Frame.blockSize
        hasBlockChecksums = false
        hasContentChecksum = false
        contentSize = nil
        self.blocksStart = blocksStart
    }

    /// Parses and checks the frame header at `offset`, with Java's rules (version 1,
    /// independent blocks, reserved bits clear, block size id 4–7) and a correct HC byte
    /// (skipped, not checked, when `checksHeader` is false).
    init(parsing input: UnsafeRawBufferPointer, at offset: Int, checksHeader: Bool = true) throws(CompressionError) {
        func corrupt(_ at: Int, _ reason: String) -> CompressionError {
            .corrupt(codec: .lz4, offset: at, reason: reason)
        }
        // The header every Kafka client writes: every field known, nothing to hash (the checks
        // below cost about 100 instructions a batch).
        if LZ4Frame.hasKafkaHeader(input, at: offset) {
            self = LZ4FrameDescriptor(kafkaBlocksStart: offset + 7)
            return
        }
        guard input.count - offset >= 7 else {
            throw corrupt(offset, "truncated frame header (\(input.count - offset) of at least 7 bytes)")
        }
        let magic = input.littleEndianUInt32(at: offset)
        guard magic == LZ4Frame.magic else {
            throw corrupt(offset, "bad magic 0x\(String(magic, radix: 16)), expected 0x184d2204")
        }
        let flg = input[offset + 4]
        let bd = input[offset + 5]
        guard flg >> 6 == 1 else { throw corrupt(offset + 4, "FLG version \(flg >> 6), expected 1") }
        guard flg & 0x20 != 0 else {
            throw corrupt(offset + 4, "dependent blocks are not supported (Kafka requires independent blocks)")
        }
        guard flg & 0x03 == 0 else {
            throw corrupt(offset + 4, "FLG reserved or dictionary-id bits set (0x\(String(flg, radix: 16)))")
        }
        guard bd & 0x8F == 0 else { throw corrupt(offset + 5, "BD reserved bits set (0x\(String(bd, radix: 16)))") }
        let sizeID = Int(bd >> 4)
        guard (4...7).contains(sizeID) else { throw corrupt(offset + 5, "BD block size id \(sizeID), expected 4–7") }
        blockMaximumSize = 1 << (2 * sizeID + 8)
        hasBlockChecksums = flg & 0x10 != 0
        hasContentChecksum = flg & 0x04 != 0
        let descriptorLength = flg & 0x08 != 0 ? 10 : 2
        let checksumOffset = offset + 4 + descriptorLength
        guard input.count > checksumOffset else {
            throw corrupt(offset, "truncated frame header (content size field)")
        }
        contentSize = descriptorLength == 10 ? input.littleEndianUInt64(at: offset + 6) : nil
        let expected = XXHash32.checksumByte(input.slice(offset + 4, descriptorLength))
        guard !checksHeader || input[checksumOffset] == expected else {
            throw corrupt(
                checksumOffset,
                "header checksum 0x\(String(input[checksumOffset], radix: 16)) does not match 0x\(String(expected, radix: 16))"
            )
        }
        blocksStart = checksumOffset + 1
    }
}
