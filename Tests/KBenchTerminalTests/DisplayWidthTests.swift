import KBenchTerminal
import Testing

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test("wide, combining and emoji characters are measured by terminal columns")
    func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("café") == 4)
        #expect(DisplayWidth.of("cafe\u{301}") == 4)  // e + combining acute
        #expect(DisplayWidth.of("Việt") == 4)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("ｋａｆｋａ") == 10)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("👩‍👩‍👧") == 2)  // ZWJ sequence is one cluster
        #expect(DisplayWidth.of("a\u{200B}b") == 2)  // zero-width space
        #expect(DisplayWidth.of("÷×→") == 3)
    }

    @Test("truncation respects display width")
    func truncate() {
        #expect(DisplayWidth.truncated("日本語テキスト", to: 7) == "日本語…")
        #expect(DisplayWidth.truncated("short", to: 10) == "short")
        #expect(DisplayWidth.truncated("abc", to: 0) == "")
    }
}
