import KafkaPartitioning
import Testing

@Suite("Hex: the one hex encoder and decoder")
struct HexTests {
    @Test("encoding: lowercase pairs, an optional separator, fixed-width numbers")
    func encoding() {
        #expect(Hex.encode([0x00, 0x04, 0xb2, 0xff]) == "0004b2ff")
        #expect(Hex.encode([0x00, 0x04, 0xb2], separator: " ") == "00 04 b2")
        #expect(Hex.encode([UInt8]()) == "")
        #expect(Hex.encode(ArraySlice<UInt8>([1, 2, 3]).dropFirst(), separator: ":") == "02:03")
        #expect(Hex.word(0x4b2) == "000004b2")
        #expect(Hex.word(0xdead_beef) == "deadbeef")
        var text: [UInt8] = []
        Hex.append(0x1234_5678_9abc_def0, digits: 12, to: &text)
        #expect(String(decoding: text, as: UTF8.self) == "56789abcdef0")
        #expect((0...255).allSatisfy { Hex.encode([UInt8($0)]) == ($0 < 16 ? "0" : "") + String($0, radix: 16) })
    }

    @Test("digits and their values; lowercaseOnly refuses A-F")
    func digits() {
        #expect((0..<16).map { Hex.digit(UInt8($0)) } == Array("0123456789abcdef".utf8))
        #expect(Hex.digit(0xFA) == UInt8(ascii: "a"))
        #expect(Array("09afAF".utf8).map { Hex.value(ofDigit: $0) } == [0, 9, 10, 15, 10, 15])
        #expect(Hex.value(ofDigit: UInt8(ascii: "A"), lowercaseOnly: true) == nil)
        #expect(Hex.value(ofDigit: UInt8(ascii: "g")) == nil)
    }

    @Test("strict decoding: pairs only; an odd length first, then the first bad byte")
    func strictDecoding() throws {
        #expect(try Hex.decode("0004B2ff") == [0x00, 0x04, 0xb2, 0xff])
        #expect(try Hex.decode("").isEmpty)
        #expect(throws: PartitioningError.invalidHex(offset: 3)) { try Hex.decode("zzz") }
        #expect(throws: PartitioningError.invalidHex(offset: 1)) { try Hex.decode("6z") }
        #expect(throws: PartitioningError.invalidHex(offset: 2)) { try Hex.decode("00 4") }
    }

    @Test("decoding with separators: skipped anywhere; the first bad byte, then an odd digit count")
    func separators() throws {
        let separators = Array(" :-".utf8)
        #expect(try Hex.decode("00 04:b2-ff", skipping: separators) == [0x00, 0x04, 0xb2, 0xff])
        #expect(try Hex.decode("0 0", skipping: separators) == [0x00])
        #expect(throws: PartitioningError.invalidHex(offset: 0)) { try Hex.decode("zzz", skipping: separators) }
        #expect(throws: PartitioningError.invalidHex(offset: 4)) { try Hex.decode("ab c", skipping: separators) }
        #expect(throws: PartitioningError.invalidHex(offset: 2)) { try Hex.decode("ab_c", skipping: separators) }
    }
}
