import CLZ4

/// Kafka's lz4 codec (attributes codec 3): the ``LZ4Frame`` Kafka writes, framed here over
/// liblz4's block functions, 64 KiB independent blocks, a block stored uncompressed when
/// compression does not shrink it.
///
/// Levels follow liblz4/LZ4F (librdkafka's `compression.level`): ≤ 2 = `LZ4_compress_fast`
/// (level -n = acceleration n + 1), 3–12 = HC, 13–17 (Java's top range) = HC 12. The default
/// (0, fast) is what both clients do by default — Java's default level 9 uses lz4-java's fast
/// compressor. Reading accepts any frame Java accepts (block size id 4–7, optional block
/// checksums, content size and content checksum, all verified), and concatenated frames as
/// librdkafka does. The compression state is kept between calls; copies share it until one of
/// them is used (copy-on-write), hence `Sendable`.
public struct LZ4FrameCodec: CompressionCodec, @unchecked Sendable {
    /// The kbench lz4 level used for compression.
    public let level: Int
    private var compressor: LZ4BlockCompressor?

    /// Whether every level runs liblz4's HC compressor (levels 1–2 included), as lz4-java's
    /// `highCompressor(level)` does.
    public let alwaysHighCompression: Bool

    /// An lz4 codec at `level` (-64…17; nil = 0, fast).
    public init(level: Int? = nil) throws(CompressionError) {
        try checkLevel(level, for: .lz4)
        self.level = level ?? 0
        alwaysHighCompression = false
    }

    /// An lz4 codec on liblz4's HC compressor at `level` (1…17, 13–17 as 12), also for 1–2:
    /// what the Java producer's `Lz4BlockOutputStream` does for every `compression.lz4.level`
    /// but its default 9 (Apache Kafka 3.8+, clients/…/compress/Lz4BlockOutputStream.java).
    public init(highCompressionLevel level: Int) throws(CompressionError) {
        guard (1...17).contains(level) else { throw .invalidLevel(codec: .lz4, level: level, accepted: "1...17") }
        self.level = level
        alwaysHighCompression = true
    }

    /// Always ``CompressionType/lz4``.
    public var type: CompressionType { .lz4 }

    /// Appends one Kafka LZ4 frame holding `input`.
    public mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        let compressor: LZ4BlockCompressor
        if isKnownUniquelyReferenced(&self.compressor), let existing = self.compressor {
            compressor = existing
        } else {
            compressor = LZ4BlockCompressor(level: level, alwaysHighCompression: alwaysHighCompression)
            self.compressor = compressor
        }
        try appendingAtomically(&output) { (output: inout [UInt8]) throws(CompressionError) in
            try compressor.compressFrame(input, appendingTo: &output)
        }
    }

    /// Appends the content of the LZ4 frame(s) in `input`, at most `limit` bytes.
    public mutating func decompress(
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        limit: Int
    ) throws(CompressionError) {
        try Self.decode(input, appendingTo: &output, limit: limit, checksHeader: true)
    }

    /// ``decompress(_:appendingTo:limit:)`` with each frame's header-checksum byte skipped, not
    /// checked: how Kafka reads the lz4 value of a message-format v0 wrapper, whose clients
    /// computed that checksum over the magic number too (KAFKA-3160; Java's
    /// `Lz4BlockInputStream` with `ignoreFlagDescriptorChecksum`). Everything else is checked.
    public static func decompressIgnoringHeaderChecksum(
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        limit: Int
    ) throws(CompressionError) {
        try decode(input, appendingTo: &output, limit: limit, checksHeader: false)
    }

    /// Appends the frames' content atomically (the output is untouched on failure).
    static func decode(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], limit: Int, checksHeader: Bool) throws(CompressionError) {
        try appendingAtomically(&output) { (output: inout [UInt8]) throws(CompressionError) in
            var decoder = LZ4FrameDecoder(input: input, limit: limit, outputStart: output.count, checksHeader: checksHeader)
            try decoder.decode(appendingTo: &output)
        }
    }
}

/// liblz4 block compression with a state kept across calls (fast or HC).
final class LZ4BlockCompressor {
    private enum Mode {
        case fast(acceleration: Int32)
        case high(level: Int32)
    }

    private let mode: Mode
    private let state: UnsafeMutableRawPointer

    init(level: Int, alwaysHighCompression: Bool = false) {
        if level < 3, !alwaysHighCompression {
            mode = .fast(acceleration: Int32(level < 0 ? 1 - level : 1))
            state = .allocate(byteCount: Int(LZ4_sizeofState()), alignment: 64)
        } else {
            mode = .high(level: Int32(Swift.min(level, 12)))
            state = .allocate(byteCount: Int(LZ4_sizeofStateHC()), alignment: 64)
        }
    }

    deinit { state.deallocate() }

    /// Compresses one block into `destination` (room for `LZ4_compressBound`); 0 on failure.
    private func compressBlock(_ block: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer, capacity: Int) -> Int {
        guard let source = block.baseAddress?.assumingMemoryBound(to: CChar.self) else { return 0 }
        let target = destination.assumingMemoryBound(to: CChar.self)
        switch mode {
        case .fast(let acceleration):
            return Int(LZ4_compress_fast_extState(state, source, target, Int32(block.count), Int32(capacity), acceleration))
        case .high(let level):
            return Int(LZ4_compress_HC_extStateHC(state, source, target, Int32(block.count), Int32(capacity), level))
        }
    }

    /// Appends a whole frame: header, blocks, end mark; one reservation for all of it.
    func compressFrame(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        let blockSize = LZ4Frame.blockSize
        let blocks = (input.count + blockSize - 1) / blockSize
        let blockBound = Int(LZ4_compressBound(Int32(blockSize)))
        let header = LZ4Frame.header
        output.appendUninitialized(capacity: header.count + blocks * (4 + blockBound) + 4) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            header.withUnsafeBytes { buffer.copyMemory(from: $0) }
            var written = header.count
            var offset = 0
            while offset < input.count {
                let block = input.slice(offset, Swift.min(blockSize, input.count - offset))
                let data = base + written + 4
                let compressed = compressBlock(block, into: data, capacity: blockBound)
                if compressed > 0, compressed < block.count {
                    buffer.storeLittleEndian(UInt32(compressed), at: written)
                    written += 4 + compressed
                } else {
                    buffer.storeLittleEndian(UInt32(block.count) | LZ4Frame.storedFlag, at: written)
                    if let source = block.baseAddress { data.copyMemory(from: source, byteCount: block.count) }
                    written += 4 + block.count
                }
                offset += block.count
            }
            buffer.storeLittleEndian(0, at: written)  // end mark
            return written + 4
        }
    }
}

/// Decodes the frames of one codec input into the output, within the ceiling.
struct LZ4FrameDecoder {
    let input: UnsafeRawBufferPointer
    let limit: Int
    /// Where this call's output starts in the output array.
    let outputStart: Int
    /// Whether each frame's header-checksum byte is verified (false: skipped, magic-0 frames).
    let checksHeader: Bool
    private var produced = 0

    init(input: UnsafeRawBufferPointer, limit: Int, outputStart: Int, checksHeader: Bool = true) {
        self.input = input
        self.limit = limit
        self.outputStart = outputStart
        self.checksHeader = checksHeader
    }

    private func corrupt(_ offset: Int, _ reason: String) -> CompressionError {
        .corrupt(codec: .lz4, offset: offset, reason: reason)
    }

    mutating func decode(appendingTo output: inout [UInt8]) throws(CompressionError) {
        guard !input.isEmpty else { throw corrupt(0, "empty input: an LZ4 frame has at least 11 bytes") }
        var offset = 0
        while offset < input.count {
            offset = try decodeFrame(at: offset, appendingTo: &output)
        }
    }

    /// Decodes the frame at `offset`; returns the offset just past it.
    private mutating func decodeFrame(at frameOffset: Int, appendingTo output: inout [UInt8]) throws(CompressionError) -> Int {
        var blocks = try LZ4FrameBlocks(input, frameAt: frameOffset, checksHeader: checksHeader)
        let frameOutputStart = produced
        while let block = try blocks.next() {
            let data = input.slice(block.range.lowerBound, block.range.count)
            if block.isStored {
                guard data.count <= limit - produced else { throw .outputLimitExceeded(codec: .lz4, limit: limit) }
                output.reserveDecompressed(data.count, start: outputStart, limit: limit)
                output.append(contentsOf: data)
                produced += data.count
            } else {
                try decodeBlock(data, at: block.range.lowerBound, maximumSize: blocks.blockMaximumSize, appendingTo: &output)
            }
        }
        var offset = blocks.offset
        try checkContent(of: blocks.descriptor, producedSince: frameOutputStart, output: output, trailerAt: &offset)
        return offset
    }

    /// Decompresses one block straight into the output. Near the ceiling it decodes at most one
    /// byte past the room left, which tells "too big" apart from "corrupt".
    private mutating func decodeBlock(
        _ block: UnsafeRawBufferPointer,
        at offset: Int,
        maximumSize: Int,
        appendingTo output: inout [UInt8]
    ) throws(CompressionError) {
        let room = limit - produced
        let capacity = room >= maximumSize ? maximumSize : room + 1
        var decoded: Int32 = -1
        output.reserveDecompressed(capacity, start: outputStart, limit: limit)
        output.appendUninitialized(capacity: capacity) { buffer in
            guard let destination = buffer.baseAddress?.assumingMemoryBound(to: CChar.self),
                let source = block.baseAddress?.assumingMemoryBound(to: CChar.self)
            else { return 0 }
            if capacity == maximumSize {
                decoded = LZ4_decompress_safe(source, destination, Int32(block.count), Int32(capacity))
            } else {
                decoded = LZ4_decompress_safe_partial(source, destination, Int32(block.count), Int32(capacity), Int32(capacity))
            }
            return decoded > 0 ? Int(decoded) : 0
        }
        guard decoded >= 0 else { throw corrupt(offset, "invalid LZ4 block data") }
        produced += Int(decoded)
        guard produced <= limit else { throw .outputLimitExceeded(codec: .lz4, limit: limit) }
    }

    /// Checks the optional content checksum (read at `offset`, which moves past it) and size.
    private func checkContent(
        of frame: LZ4FrameDescriptor,
        producedSince frameOutputStart: Int,
        output: [UInt8],
        trailerAt offset: inout Int
    ) throws(CompressionError) {
        let frameOutput = produced - frameOutputStart
        if let contentSize = frame.contentSize, contentSize != UInt64(frameOutput) {
            throw corrupt(offset, "frame declares \(contentSize) content bytes but holds \(frameOutput)")
        }
        guard frame.hasContentChecksum else { return }
        guard input.count - offset >= 4 else { throw corrupt(offset, "truncated content checksum") }
        let stored = input.littleEndianUInt32(at: offset)
        let start = outputStart + frameOutputStart
        let actual = output.withUnsafeBytes { XXHash32.hash($0.slice(start, frameOutput)) }
        guard actual == stored else { throw corrupt(offset, "content checksum mismatch") }
        offset += 4
    }
}
