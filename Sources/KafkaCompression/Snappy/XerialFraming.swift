import CSnappy

/// The xerial snappy-java stream framing (what the Java producer writes for snappy):
/// magic `82 53 4E 41 50 50 59 00`, int32 BE version 1, int32 BE compatible version 1, then
/// blocks of `[int32 BE compressed length, raw snappy block]`, each holding ≤ 32 KiB of input.
public enum XerialFraming {
    /// The 8 magic bytes starting a xerial stream.
    public static let magic: [UInt8] = [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00]
    /// Magic, version and compatible version.
    public static let headerSize = 16
    /// Input bytes per block (snappy-java's default block size).
    public static let blockSize = 32 * 1024

    /// Whether `input` starts with the xerial header (librdkafka checks the magic alone;
    /// the version fields are not checked, as some producers wrote them little-endian).
    public static func isXerial(_ input: UnsafeRawBufferPointer) -> Bool {
        guard input.count >= headerSize else { return false }
        // One 8-byte load against the magic read the same way (a generic prefix comparison
        // cost about 280 instructions a batch).
        return UInt64(littleEndian: input.loadUnaligned(as: UInt64.self)) == magicWord
    }

    /// The 8 magic bytes as one little-endian word (`82 53 4E 41 50 50 59 00`).
    package static let magicWord: UInt64 = 0x0059_5050_414E_5382

    /// Appends `input` as a xerial stream.
    static func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        let blocks = (input.count + blockSize - 1) / blockSize
        let blockBound = 4 + snappy_max_compressed_length(blockSize)
        var status = SNAPPY_OK
        output.appendUninitialized(capacity: headerSize + blocks * blockBound) { buffer in
            writeHeader(into: buffer)
            var written = headerSize
            var offset = 0
            while offset < input.count {
                let chunk = input.slice(offset, Swift.min(blockSize, input.count - offset))
                let room = UnsafeMutableRawBufferPointer(rebasing: buffer[(written + 4)...])
                let length = SnappyBlock.compressBlock(chunk, into: room, status: &status)
                guard status == SNAPPY_OK else { return 0 }
                buffer.storeBigEndian(UInt32(length), at: written)
                written += 4 + length
                offset += chunk.count
            }
            return written
        }
        guard status == SNAPPY_OK else {
            throw .library(codec: .snappy, reason: "snappy_compress failed (status \(status.rawValue))")
        }
    }

    private static func writeHeader(into buffer: UnsafeMutableRawBufferPointer) {
        for (index, byte) in magic.enumerated() { buffer[index] = byte }
        buffer.storeBigEndian(1, at: 8)  // version
        buffer.storeBigEndian(1, at: 12)  // compatible version
    }

    /// Appends the content of the xerial stream `input`, at most `limit` bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], limit: Int) throws(CompressionError) {
        var chunks = XerialChunks(input)
        var produced = 0
        while let block = try chunks.next() {
            produced += try SnappyBlock.decompress(
                input.slice(block.range.lowerBound, block.range.count), at: block.range.lowerBound,
                appendingTo: &output, budget: limit - produced, limit: limit
            )
        }
    }
}
