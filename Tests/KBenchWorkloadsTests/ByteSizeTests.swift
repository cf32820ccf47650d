import KBenchWorkloads
import Testing

@Suite("ByteSize")
struct ByteSizeTests {
    @Test("binary, decimal and bare units", arguments: [
        ("1024", 1024), ("16KiB", 16_384), ("16 kib", 16_384), ("64K", 65_536), ("1MiB", 1_048_576),
        ("1M", 1_048_576), ("2GiB", 2_147_483_648), ("1KB", 1000), ("1MB", 1_000_000), ("512B", 512), ("0", 0),
    ])
    func parses(text: String, bytes: Int) throws {
        #expect(try ByteSize.parse(text) == bytes)
    }

    @Test("rejects what is not a size", arguments: ["", "KiB", "16 parsecs", "-1KiB", "1.5MiB", "99999999999999999999", "9223372036854775807G"])
    func rejects(text: String) {
        #expect(throws: ByteSizeError(input: text)) { try ByteSize.parse(text) }
    }

    @Test("lists and printing")
    func listsAndFormat() throws {
        #expect(try ByteSize.parseList("1KiB,16KiB,64KiB,1MiB") == [1024, 16_384, 65_536, 1_048_576])
        #expect(throws: ByteSizeError.self) { try ByteSize.parseList("1KiB,,2KiB") }
        #expect([1024, 16_384, 1_048_576, 1500, 0].map(ByteSize.format) == ["1 KiB", "16 KiB", "1 MiB", "1500 B", "0 B"])
        #expect(ByteSize.identifier(16_384) == "16kib")
        #expect(ByteSizeError(input: "x").description == "'x' is not a byte size (examples: 1024, 16KiB, 1MiB, 64K, 1MB)")
    }
}
