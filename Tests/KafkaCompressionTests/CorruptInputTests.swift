import KafkaCompression
import KBenchWorkloads
import Testing

/// Malformed input gives a typed `.corrupt` error (with the offset when the framing knows it),
/// never a trap, a hang or a partial output.
@Suite("Corrupt input")
struct CorruptInputTests {
    func decodeError(_ type: CompressionType, _ bytes: [UInt8], limit: Int = defaultDecompressionLimit) throws -> CompressionError? {
        var codec = try makeCodec(type)
        return compressionError { _ = try decompress(&codec, bytes, limit: limit) }
    }

    func encoded(_ type: CompressionType, _ input: [UInt8] = Inputs.largeJSON, framing: SnappyFraming = .xerial) throws -> [UInt8] {
        var codec = try makeCodec(type, options: CompressionOptions(snappyFraming: framing))
        return try compress(&codec, input)
    }

    @Test("empty input is corrupt for every codec", arguments: [CompressionType.gzip, .snappy, .lz4, .zstd])
    func empty(type: CompressionType) throws {
        let error = try decodeError(type, [])
        #expect(isCorrupt(error, type))
        #expect(corruptOffset(error) == 0)
    }

    @Test("truncated streams are corrupt", arguments: writingConfigurations)
    func truncated(name: String, type: CompressionType, options: CompressionOptions) throws {
        let whole = try encoded(type, framing: options.snappyFraming)
        for cut in [1, 3, 5, whole.count / 2] {
            let error = try decodeError(type, Array(whole.dropLast(cut)))
            #expect(isCorrupt(error, type), "\(name) minus \(cut) bytes: \(String(describing: error))")
        }
    }

    @Test("lz4 header faults name their byte")
    func lz4Header() throws {
        let frame = try encoded(.lz4)
        func patched(_ index: Int, _ value: UInt8) -> [UInt8] {
            var copy = frame
            copy[index] = value
            return copy
        }
        #expect(corruptOffset(try decodeError(.lz4, patched(0, 0x05))) == 0, "bad magic")
        #expect(corruptOffset(try decodeError(.lz4, patched(6, 0x83))) == 6, "wrong HC")
        // Dependent blocks (FLG 0x40) with a matching HC: still refused, as Java does.
        var dependent = patched(4, 0x40)
        dependent[6] = LZ4Frame.descriptorChecksum([0x40, 0x40])
        let error = try decodeError(.lz4, dependent)
        #expect(corruptOffset(error) == 4)
        var sizeID = patched(5, 0x30)
        sizeID[6] = LZ4Frame.descriptorChecksum([0x60, 0x30])
        #expect(corruptOffset(try decodeError(.lz4, sizeID)) == 5, "block size id 3")
    }

    @Test("lz4 block size larger than 64 KiB or than the input left")
    func lz4BlockSizes() throws {
        var frame = try encoded(.lz4, Inputs.small)
        // First block size word at offset 7: claim 64 KiB + 1, then more than what is left.
        frame.replaceSubrange(7..<11, with: [0x01, 0x00, 0x01, 0x00])
        let tooBig = try decodeError(.lz4, frame)
        #expect(corruptOffset(tooBig) == 7, "\(String(describing: tooBig))")
        frame.replaceSubrange(7..<11, with: [0x00, 0x10, 0x00, 0x00])
        let pastEnd = try decodeError(.lz4, frame)
        #expect(corruptOffset(pastEnd) == 7, "\(String(describing: pastEnd))")
        frame.replaceSubrange(7..<11, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(corruptOffset(try decodeError(.lz4, frame)) == 7, "stored 2 GiB block")
    }

    @Test("lz4 garbage inside a compressed block")
    func lz4BadBlock() throws {
        var frame = try encoded(.lz4)
        for index in 11..<60 { frame[index] = 0xFF }
        let error = try decodeError(.lz4, frame)
        #expect(corruptOffset(error) == 11, "\(String(describing: error))")
    }

    @Test("xerial block lengths that overflow or run past the end")
    func xerialLengths() throws {
        let stream = try encoded(.snappy)
        for length: [UInt8] in [[0x7F, 0xFF, 0xFF, 0xFF], [0x80, 0x00, 0x00, 0x00], [0xFF, 0xFF, 0xFF, 0xFF], [0x00, 0x10, 0x00, 0x00]] {
            var copy = stream
            copy.replaceSubrange(16..<20, with: length)
            let error = try decodeError(.snappy, copy)
            #expect(corruptOffset(error) == 16, "length \(length.hex): \(String(describing: error))")
        }
        let truncatedLength = Array(stream.prefix(18))
        #expect(corruptOffset(try decodeError(.snappy, truncatedLength)) == 16)
        var zeroLength = Array(stream.prefix(16))
        zeroLength += [0, 0, 0, 0]
        #expect(isCorrupt(try decodeError(.snappy, zeroLength), .snappy))
    }

    @Test("snappy block that does not decode")
    func snappyGarbage() throws {
        var block = try encoded(.snappy, framing: .raw)
        // After the 3-byte length varint: a copy of 64 bytes from 4 GiB back, before any output.
        for index in 3..<8 { block[index] = 0xFF }
        #expect(corruptOffset(try decodeError(.snappy, block)) == 0)
    }

    @Test("gzip: bad magic, flipped data, trailing garbage, too short")
    func gzip() throws {
        let stream = try encoded(.gzip)
        var badMagic = stream
        badMagic[0] = 0x1E
        #expect(isCorrupt(try decodeError(.gzip, badMagic), .gzip))
        var flipped = stream
        flipped[stream.count / 2] ^= 0x55
        #expect(isCorrupt(try decodeError(.gzip, flipped), .gzip))
        var badCRC = stream
        badCRC[stream.count - 6] ^= 0x01
        #expect(isCorrupt(try decodeError(.gzip, badCRC), .gzip))
        #expect(isCorrupt(try decodeError(.gzip, stream + [1, 2, 3, 4]), .gzip))
        #expect(corruptOffset(try decodeError(.gzip, Array(stream.prefix(10)))) == 10)
    }

    @Test("zstd garbage and trailing bytes")
    func zstd() throws {
        let frame = try encoded(.zstd)
        var flipped = frame
        for index in 20..<40 { flipped[index] ^= 0xA5 }
        #expect(isCorrupt(try decodeError(.zstd, flipped), .zstd))
        #expect(isCorrupt(try decodeError(.zstd, frame + [0x01, 0x02]), .zstd))
        #expect(isCorrupt(try decodeError(.zstd, Array("not zstd at all".utf8)), .zstd))
    }

    @Test("seeded fuzz: mutated streams never trap and never leave partial output", arguments: writingConfigurations)
    func fuzz(name: String, type: CompressionType, options: CompressionOptions) throws {
        var codec = try makeCodec(type, options: options)
        let valid = try compress(&codec, Array(Inputs.largeJSON.prefix(150_000)))
        var generator = SplitMix64(seed: 99)
        for round in 0..<300 {
            var mutated = valid
            switch generator.next() % 3 {
            case 0:  // flip a few bytes, biased towards the framing at the start
                for _ in 0..<(1 + generator.next() % 4) {
                    let span = generator.next() % 2 == 0 ? Swift.min(32, mutated.count) : mutated.count
                    mutated[Int(generator.next() % UInt64(span))] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
                }
            case 1:
                mutated.removeLast(Int(generator.next() % UInt64(mutated.count)))
            default:
                mutated = Samples.randomBytes(count: Int(generator.next() % 512), seed: generator.next())
                if generator.next() % 2 == 0 { mutated.replaceSubrange(0..<Swift.min(7, mutated.count), with: valid.prefix(7)) }
            }
            var output: [UInt8] = []
            do {
                try mutated.withUnsafeBytes { try codec.decompress($0, appendingTo: &output, limit: 1 << 20) }
            } catch let error as CompressionError {
                #expect(output.isEmpty, "\(name) round \(round): partial output after \(error)")
                if case .library = error { Issue.record("\(name) round \(round): corrupt input reported as \(error)") }
            }
        }
    }
}
