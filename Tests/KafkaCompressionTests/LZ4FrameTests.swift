import KafkaCompression
import KBenchWorkloads
import Testing

/// The Kafka LZ4 frame, byte by byte.
@Suite("LZ4 frame")
struct LZ4FrameTests {
    /// XXH32 written out independently of the library's, straight from the xxHash spec, with
    /// plain loops and no shared helpers, so the HC byte is checked against a second derivation.
    static func referenceXXH32(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        let p1: UInt32 = 0x9E37_79B1, p2: UInt32 = 0x85EB_CA77, p3: UInt32 = 0xC2B2_AE3D
        let p4: UInt32 = 0x27D4_EB2F, p5: UInt32 = 0x1656_67B1
        func rotl(_ x: UInt32, _ r: UInt32) -> UInt32 { (x << r) | (x >> (32 - r)) }
        func lane(_ i: Int) -> UInt32 {
            UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
        }
        var i = 0
        var h: UInt32
        if bytes.count >= 16 {
            var v = [seed &+ p1 &+ p2, seed &+ p2, seed, seed &- p1]
            while i + 16 <= bytes.count {
                for k in 0..<4 { v[k] = rotl(v[k] &+ lane(i + 4 * k) &* p2, 13) &* p1 }
                i += 16
            }
            h = rotl(v[0], 1) &+ rotl(v[1], 7) &+ rotl(v[2], 12) &+ rotl(v[3], 18)
        } else {
            h = seed &+ p5
        }
        h &+= UInt32(bytes.count)
        while i + 4 <= bytes.count {
            h = rotl(h &+ lane(i) &* p3, 17) &* p4
            i += 4
        }
        while i < bytes.count {
            h = rotl(h &+ UInt32(bytes[i]) &* p5, 11) &* p1
            i += 1
        }
        h = (h ^ (h >> 15)) &* p2
        h = (h ^ (h >> 13)) &* p3
        return h ^ (h >> 16)
    }

    @Test("XXH32 matches published vectors and the reference derivation")
    func xxh32() {
        #expect(XXHash32.hash([UInt8]()) == 0x02CC_5D05)
        #expect(XXHash32.hash(Array("abc".utf8)) == 0x32D1_53FF)
        #expect(XXHash32.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xE229_3B2F)
        var generator = SplitMix64(seed: 5)
        for length in [0, 1, 3, 4, 15, 16, 17, 31, 32, 33, 100, 1000] {
            let bytes = Samples.randomBytes(count: length, seed: generator.next())
            let seed = UInt32(truncatingIfNeeded: generator.next())
            #expect(XXHash32.hash(bytes, seed: seed) == Self.referenceXXH32(bytes, seed: seed), "length \(length)")
        }
    }

    @Test("header is 04 22 4D 18 60 40 HC with HC = xxh32(FLG, BD) >> 8")
    func header() throws {
        let hc = UInt8(truncatingIfNeeded: Self.referenceXXH32([0x60, 0x40]) >> 8)
        #expect(hc == 0x82)
        var codec = try makeCodec(.lz4)
        let frame = try compress(&codec, Inputs.small)
        #expect(Array(frame.prefix(7)) == [0x04, 0x22, 0x4D, 0x18, 0x60, 0x40, hc])
        #expect(LZ4Frame.header == Array(frame.prefix(7)))
        #expect(Array(frame.suffix(4)) == [0, 0, 0, 0], "end mark")
    }

    /// Walks the blocks of a frame kbench wrote: (stored?, size) per block.
    func blocks(of frame: [UInt8]) -> [(stored: Bool, size: Int)] {
        var result: [(Bool, Int)] = []
        var offset = 7
        while offset + 4 <= frame.count {
            let word = UInt32(frame[offset]) | UInt32(frame[offset + 1]) << 8 | UInt32(frame[offset + 2]) << 16 | UInt32(frame[offset + 3]) << 24
            if word == 0 { break }
            let size = Int(word & 0x7FFF_FFFF)
            result.append((word & 0x8000_0000 != 0, size))
            offset += 4 + size
        }
        #expect(offset + 4 == frame.count, "the end mark closes the frame")
        return result
    }

    @Test("incompressible input is stored in 64 KiB blocks", arguments: [0, 9])
    func storedBlocks(level: Int) throws {
        var codec = try makeCodec(.lz4, level: level)
        let frame = try compress(&codec, Inputs.random)
        let list = blocks(of: frame)
        #expect(list.count == (Inputs.random.count + 65535) / 65536)
        #expect(list.allSatisfy { $0.stored })
        #expect(list.dropLast().allSatisfy { $0.size == 65536 })
        #expect(frame.count == 7 + list.count * 4 + Inputs.random.count + 4)
    }

    @Test("compressible input gives compressed blocks of 64 KiB input each")
    func compressedBlocks() throws {
        var codec = try makeCodec(.lz4)
        let list = blocks(of: try compress(&codec, Inputs.largeJSON))
        #expect(list.count == (Inputs.largeJSON.count + 65535) / 65536)
        #expect(list.allSatisfy { !$0.stored && $0.size < 65536 })
    }

    @Test("empty input is header and end mark")
    func empty() throws {
        var codec = try makeCodec(.lz4)
        #expect(try compress(&codec, []) == LZ4Frame.header + [0, 0, 0, 0])
    }
}
