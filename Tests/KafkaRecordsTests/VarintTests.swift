import Testing
@testable import KafkaRecords

@Suite("Varint and varlong (Kafka zigzag)")
struct VarintTests {
    /// Vectors from Java ByteUtilsTest (writeVarint / writeVarlong).
    static let varintCases: [(Int32, String)] = [
        (0, "00"), (-1, "01"), (1, "02"), (-64, "7f"), (63, "7e"), (64, "8001"), (-65, "8101"),
        (8191, "fe7f"), (-8192, "ff7f"), (8192, "808001"),
        (Int32.max, "feffffff0f"), (Int32.min, "ffffffff0f"),
    ]

    @Test("varint bytes and sizes match Java's ByteUtils", arguments: varintCases)
    func varintVectors(value: Int32, hex: String) throws {
        var bytes: [UInt8] = []
        Varint.append(value, to: &bytes)
        #expect(bytes.hex == hex)
        #expect(Varint.size(of: value) == bytes.count)
        let decoded = try Varint.decodeVarint(bytes)
        #expect(decoded.value == value)
        #expect(decoded.length == bytes.count)
    }

    static let varlongCases: [(Int64, String)] = [
        (0, "00"), (-1, "01"), (1, "02"), (Int64(Int32.max), "feffffff0f"), (Int64(Int32.min), "ffffffff0f"),
        (Int64.max, "feffffffffffffffff01"), (Int64.min, "ffffffffffffffffff01"),
    ]

    @Test("varlong bytes and sizes", arguments: varlongCases)
    func varlongVectors(value: Int64, hex: String) throws {
        var bytes: [UInt8] = []
        Varint.append(value, to: &bytes)
        #expect(bytes.hex == hex)
        #expect(Varint.size(of: value) == bytes.count)
        let decoded = try Varint.decodeVarlong(bytes)
        #expect(decoded.value == value)
        #expect(decoded.length == bytes.count)
    }

    @Test("zigzag maps 0, -1, 1, -2 to 0, 1, 2, 3 and back")
    func zigzag() {
        #expect([0, -1, 1, -2].map { Varint.zigzagEncode(Int32($0)) } == [0, 1, 2, 3])
        #expect(Varint.zigzagEncode(Int64.min) == UInt64.max)
        for value in [Int32.min, -5, 0, 7, Int32.max] {
            #expect(Varint.zigzagDecode(Varint.zigzagEncode(value)) == value)
        }
    }

    @Test("random values round-trip through append/decode, with the position reported")
    func randomRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x5EED_0001)
        for _ in 0..<2000 {
            let value32 = rng.edgyInt32(), value64 = rng.edgyInt64()
            var bytes: [UInt8] = [0xAA]  // decode from a non-zero index
            Varint.append(value32, to: &bytes)
            let end32 = bytes.count
            Varint.append(value64, to: &bytes)
            let a = try Varint.decodeVarint(bytes, at: 1)
            #expect(a.value == value32 && a.length == end32 - 1)
            let b = try Varint.decodeVarlong(bytes, at: end32)
            #expect(b.value == value64 && b.length == bytes.count - end32)
        }
    }

    @Test("a varint with a continuation bit on its 5th byte is too long, named at its first byte")
    func overlongVarint() {
        let bytes: [UInt8] = [0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0x01]
        let error = #expect(throws: RecordBatchError.self) { try Varint.decodeVarint(bytes, at: 2, field: "x") }
        #expect(error?.reason == .varintTooLong(maxBytes: 5))
        #expect(error?.offset == 2)
        #expect(error?.field == "x")
    }

    @Test("a varlong with a continuation bit on its 10th byte is too long")
    func overlongVarlong() throws {
        let bytes = [UInt8](repeating: 0x80, count: 10) + [0x01]
        let error = #expect(throws: RecordBatchError.self) { try Varint.decodeVarlong(bytes) }
        #expect(error?.reason == .varintTooLong(maxBytes: 10))
        #expect(error?.offset == 0)
        // Exactly 10 bytes is fine (Int64.min).
        #expect(try Varint.decodeVarlong([UInt8](hex: "ffffffffffffffffff01")).value == Int64.min)
    }

    @Test("a truncated varint is an error naming where it starts")
    func truncated() {
        let error = #expect(throws: RecordBatchError.self) { try Varint.decodeVarint([0x01, 0x80, 0x80], at: 1) }
        #expect(error?.offset == 1)
        if error?.reason.code != .truncated { Issue.record("expected truncated, got \(String(describing: error))") }
        let empty = #expect(throws: RecordBatchError.self) { try Varint.decodeVarlong([]) }
        #expect(empty?.offset == 0)
    }

    @Test("one- and two-byte varints (the inline fast path) decode as the general loop does, non-minimal ones too")
    func shortVarints() throws {
        for first in UInt8(0)...UInt8(255) {
            for second: UInt8 in [0x00, 0x01, 0x40, 0x7F, 0x80] {
                let bytes = [first, second, 0x00]
                let raw = first < 0x80 ? UInt64(first) : UInt64(first & 0x7F) | UInt64(second & 0x7F) << 7
                let length = first < 0x80 ? 1 : (second < 0x80 ? 2 : 3)
                let varint = try Varint.decodeVarint(bytes)
                let varlong = try Varint.decodeVarlong(bytes)
                #expect(varint.length == length && varlong.length == length, "\(bytes)")
                if length < 3 {
                    #expect(varint.value == Varint.zigzagDecode(UInt32(raw)) && varlong.value == Varint.zigzagDecode(raw), "\(bytes)")
                }
            }
            // A continuation byte last in the buffer: truncated, named at the varint's start.
            if first >= 0x80 {
                let error = #expect(throws: RecordBatchError.self) { try Varint.decodeVarint([0x00, first], at: 1) }
                #expect(error?.offset == 1 && error?.reason.code == .truncated)
            }
        }
    }

    @Test("5-byte varints drop excess high bits like Java's readVarint")
    func javaLenientHighBits() throws {
        // 0xFF 0xFF 0xFF 0xFF 0x7F: bits above 32 are shifted out, as in Java.
        let decoded = try Varint.decodeVarint([0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(decoded.value == Varint.zigzagDecode(UInt32.max))
    }
}
