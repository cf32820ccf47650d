import Testing
@testable import KafkaCompression

/// The direct decode path (straight into caller memory) gives what the careful codec path
/// gives, or nil and leaves it to that path; the block iterators list the blocks the decoders
/// read and fail where they fail.
@Suite("Direct decompression and codec block iterators")
struct DirectDecompressorTests {
    /// Every codec and framing the direct path reads, with the frames it writes.
    static let codecs: [(String, any CompressionCodec & Sendable)] = {
        var codecs: [(String, any CompressionCodec & Sendable)] = []
        for level in [0, 9] { codecs.append(("lz4 \(level)", try! LZ4FrameCodec(level: level))) }
        codecs.append(("snappy raw", try! SnappyCodec(framing: .raw)))
        codecs.append(("snappy xerial", try! SnappyCodec(framing: .xerial)))
        for pledges in [true, false] { codecs.append(("zstd pledges \(pledges)", try! ZstdCodec(level: -1, pledgesContentSize: pledges))) }
        codecs.append(("gzip", try! GzipCodec()))
        return codecs
    }()

    static let inputs: [(String, [UInt8])] = Inputs.all.filter { !$0.1.isEmpty } + [("json 1 KiB", Samples.jsonText(count: 1_024, seed: 3))]

    /// `input` compressed by `codec`.
    private func compressed(_ codec: inout any CompressionCodec & Sendable, _ input: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        try input.withUnsafeBytes { try codec.compress($0, appendingTo: &output) }
        return output
    }

    /// `input` decoded directly into `room` bytes under `limit`.
    private func direct(_ decoder: inout DirectDecompressor, _ type: CompressionType, _ input: [UInt8], room: Int, limit: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0xEE, count: room)
        let written = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { decoder.decompress(type, source, into: $0, limit: limit) }
        }
        return written.map { Array(output.prefix($0)) }
    }

    /// `input` decoded by the careful path.
    private func careful(_ decoder: inout DirectDecompressor, _ type: CompressionType, _ input: [UInt8], limit: Int) -> Result<[UInt8], CompressionError> {
        var output: [UInt8] = []
        do {
            try input.withUnsafeBytes { try decoder.decompress(type, $0, appendingTo: &output, limit: limit) }
            return .success(output)
        } catch {
            return .failure(error as! CompressionError)
        }
    }

    @Test("every fixture decodes directly to its content when it fits, else nil; the careful path agrees", arguments: 0..<7)
    func agreesOnFixtures(codecIndex: Int) throws {
        let (name, prototype) = Self.codecs[codecIndex]
        var decoder = DirectDecompressor()
        for (inputName, input) in Self.inputs {
            var codec = prototype
            let compressed = try compressed(&codec, input)
            let type = codec.type
            #expect(try careful(&decoder, type, compressed, limit: input.count).get() == input, "\(name) \(inputName)")
            if type == .gzip {
                #expect(direct(&decoder, type, compressed, room: input.count, limit: input.count) == nil)
                continue
            }
            #expect(direct(&decoder, type, compressed, room: input.count + 100, limit: input.count) == input, "\(name) \(inputName)")
            #expect(direct(&decoder, type, compressed, room: input.count - 1, limit: input.count) == nil, "\(name) \(inputName): too small")
            #expect(direct(&decoder, type, compressed, room: input.count, limit: input.count - 1) == nil, "\(name) \(inputName): over the limit")
            let refused = careful(&decoder, type, compressed, limit: input.count - 1)
            #expect(throws: CompressionError.outputLimitExceeded(codec: type, limit: input.count - 1)) { try refused.get() }
        }
    }

    @Test("a corrupted byte anywhere: the direct path gives nil or exactly what the careful path gives", arguments: 0..<6)
    func corruptAgrees(codecIndex: Int) throws {
        let (name, prototype) = Self.codecs[codecIndex]
        var codec = prototype
        let input = Samples.jsonText(count: 3_000, seed: 9)
        let compressed = try compressed(&codec, input)
        var decoder = DirectDecompressor()
        for index in compressed.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var corrupt = compressed
                corrupt[index] ^= flip
                guard let decoded = direct(&decoder, codec.type, corrupt, room: 8_192, limit: 8_192) else { continue }
                #expect(try careful(&decoder, codec.type, corrupt, limit: 8_192).get() == decoded, "\(name): byte \(index) ^ \(flip)")
            }
        }
        for count in 0..<compressed.count {  // every truncation
            let cut = Array(compressed.prefix(count))
            guard let decoded = direct(&decoder, codec.type, cut, room: 8_192, limit: 8_192) else { continue }
            #expect(try careful(&decoder, codec.type, cut, limit: 8_192).get() == decoded, "\(name): \(count) bytes")
        }
    }

    @Test("LZ4 frame blocks: stored and compressed blocks of every frame decode to the content")
    func lz4Blocks() throws {
        var codec = try LZ4FrameCodec(level: 0)
        let input = Inputs.random + Inputs.repetitive  // random blocks are stored, repetitive ones compressed
        let frame = try compress(&codec, input)
        let payload = frame + frame  // concatenated frames
        var blocks: [CodecBlock] = []
        var offset = 0
        try payload.withUnsafeBytes { bytes in
            while offset < bytes.count {
                var frameBlocks = try LZ4FrameBlocks(bytes, frameAt: offset)
                while let block = try frameBlocks.next() { blocks.append(block) }
                offset = frameBlocks.offset
            }
        }
        #expect(offset == payload.count)
        #expect(blocks.count == 2 * ((input.count + LZ4Frame.blockSize - 1) / LZ4Frame.blockSize))
        #expect(blocks.contains { $0.isStored } && blocks.contains { !$0.isStored })
        var content: [UInt8] = []
        for block in blocks {
            let data = Array(payload[block.range])
            if block.isStored {
                content += data
            } else {
                let size = withUnsafeBytes(of: UInt32(data.count).littleEndian) { Array($0) }
                content += try decompress(&codec, LZ4Frame.header + size + data + [0, 0, 0, 0])
            }
        }
        #expect(content == input + input)
    }

    /// Kafka-framed lz4 frames broken the ways the decoder refuses.
    static let brokenFrames: [(String, [UInt8])] = {
        let header = LZ4Frame.header
        var checksummed = [UInt8](header)
        checksummed[4] |= 0x10  // block checksums
        checksummed[6] = LZ4Frame.descriptorChecksum([checksummed[4], checksummed[5]])
        return [
            ("no end mark", header + [2, 0, 0, 0x80, 1, 2]),
            ("truncated size word", header + [2, 0]),
            ("block past the end", header + [200, 0, 0, 0, 1, 2]),
            ("block over the maximum", header + [0x01, 0x00, 0x01, 0x00] + [UInt8](repeating: 0, count: 8)),
            ("block checksum mismatch", checksummed + [1, 0, 0, 0x80, 7, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("bad magic", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        ]
    }()

    @Test("LZ4 frame blocks fail with the decoder's error on broken frames", arguments: 0..<6)
    func lz4BlockErrors(index: Int) throws {
        let (name, payload) = Self.brokenFrames[index]
        var codec = try LZ4FrameCodec()
        let decoderError = compressionError { _ = try decompress(&codec, payload) }
        let iteratorError = compressionError {
            try payload.withUnsafeBytes { bytes in
                var blocks = try LZ4FrameBlocks(bytes, frameAt: 0)
                while try blocks.next() != nil {}
            }
        }
        #expect(iteratorError != nil && iteratorError == decoderError, "\(name): \(String(describing: iteratorError)) vs \(String(describing: decoderError))")
        var decoder = DirectDecompressor()
        #expect(direct(&decoder, .lz4, payload, room: 1 << 17, limit: 1 << 17) == nil, "\(name)")
    }

    @Test("xerial chunks: one per 32 KiB, their blocks decode to the content; broken lengths fail as the decoder does")
    func xerialChunks() throws {
        var codec = try SnappyCodec(framing: .xerial)
        let input = Inputs.repetitive
        let payload = try compress(&codec, input)
        var blocks: [CodecBlock] = []
        try payload.withUnsafeBytes { bytes in
            var chunks = XerialChunks(bytes)
            while let block = try chunks.next() { blocks.append(block) }
        }
        #expect(blocks.count == (input.count + XerialFraming.blockSize - 1) / XerialFraming.blockSize)
        #expect(blocks.allSatisfy { !$0.isStored })
        var raw = try SnappyCodec(framing: .raw)
        var content: [UInt8] = []
        for block in blocks { content += try decompress(&raw, Array(payload[block.range])) }
        #expect(content == input)
        let header = Array(payload.prefix(XerialFraming.headerSize))
        for broken in [header + [0, 0], header + [0, 0, 0, 9, 1, 2], header + [0xFF, 0xFF, 0xFF, 0xFF, 1]] {
            let decoderError = compressionError { _ = try decompress(&codec, broken) }
            let iteratorError = compressionError {
                try broken.withUnsafeBytes { bytes in
                    var chunks = XerialChunks(bytes)
                    while try chunks.next() != nil {}
                }
            }
            #expect(iteratorError != nil && iteratorError == decoderError)
        }
    }
}

/// The Swift walk of a zstd frame's headers answers what libzstd's frame-size call answers.
@Suite("zstd frame walk")
struct ZstdFrameWalkTests {
    @Test("one standard frame, by the walk and by ZSTD_findFrameCompressedSize, on every corrupted byte and truncation")
    func agreesWithLibrary() throws {
        var frames: [[UInt8]] = []
        for (level, pledges) in [(-1, true), (3, false), (19, true)] {
            var codec = try ZstdCodec(level: level, pledgesContentSize: pledges)
            for input in [Inputs.tiny, Samples.jsonText(count: 2_000, seed: 4), Inputs.repetitive.prefix(300_000).map { $0 }] {
                var frame: [UInt8] = []
                try input.withUnsafeBytes { try codec.compress($0, appendingTo: &frame) }
                frames.append(frame)
            }
        }
        var checked = 0
        for frame in frames {
            var variants = (0..<frame.count).map { Array(frame.prefix($0)) } + [frame + frame, frame + [0]]
            for index in frame.indices.prefix(64) {
                for flip: UInt8 in [0x01, 0x04, 0x08, 0x20, 0x40, 0x80] {
                    var corrupt = frame
                    corrupt[index] ^= flip
                    variants.append(corrupt)
                }
            }
            for bytes in variants {
                let (walk, library) = bytes.withUnsafeBytes { input in
                    (ZstdFrameWalk.isSingleStandardFrame(input), (try? ZstdDecompressor.checkFrames(input)) ?? false)
                }
                #expect(walk == library, "\(bytes.count) bytes")
                checked += 1
            }
        }
        #expect(checked > 1_000)
    }
}
