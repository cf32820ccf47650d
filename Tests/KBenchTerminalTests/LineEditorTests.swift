import KBenchTerminal
import Testing

@Suite("LineEditor: keys in, line and cursor out")
struct LineEditorTests {
    private func editor(after input: String) -> (LineEditor, [LineEditor.Outcome]) {
        var editor = LineEditor()
        let outcomes = editor.feed(Array(input.utf8))
        return (editor, outcomes)
    }

    @Test("backspace removes a whole character: precomposed ệ, decomposed ệ, emoji with modifier")
    func backspaceByCharacter() {
        #expect(editor(after: "Việt\u{7F}\u{7F}").0.text == "Vi")
        #expect(editor(after: "Vie\u{323}\u{302}\u{7F}").0.text == "Vi")
        #expect(editor(after: "a👋🏽\u{08}").0.text == "a")
        #expect(editor(after: "\u{7F}\u{7F}x").0.text == "x")
    }

    @Test("arrows, Home/End, Ctrl-A/E/B/F move by characters; insert and delete at the cursor")
    func cursorMovement() {
        #expect(editor(after: "Vt\u{1B}[Diệ").0.text == "Việt")
        #expect(editor(after: "Việt\u{1B}[D\u{1B}[D\u{7F}").0.text == "Vệt")
        #expect(editor(after: "bc\u{01}a\u{05}d").0.text == "abcd")
        #expect(editor(after: "bc\u{1B}[Ha\u{1B}[Fd").0.text == "abcd")
        #expect(editor(after: "bc\u{1B}[1~a\u{1B}[4~d\u{1B}OD\u{1B}OC").0.text == "abcd")
        #expect(editor(after: "abc\u{02}\u{02}\u{1B}[3~").0.text == "ac")
        #expect(editor(after: "abc\u{02}\u{02}\u{04}").0.text == "ac")
        #expect(editor(after: "abc\u{02}\u{06}\u{1B}[C\u{1B}[Cd").0.text == "abcd")
        let (moved, _) = editor(after: "日本\u{1B}[D")
        #expect(moved.cursor == 1)
    }

    @Test("Ctrl-U and Ctrl-K delete to the start and to the end")
    func killLine() {
        #expect(editor(after: "hello world\u{1B}[D\u{1B}[D\u{15}").0.text == "ld")
        #expect(editor(after: "hello world\u{01}\u{06}\u{0B}").0.text == "h")
    }

    @Test("Enter submits and empties; Ctrl-D ends only an empty line; Ctrl-C interrupts")
    func submitEndInterrupt() {
        let (after, outcomes) = editor(after: "hi there\r")
        #expect(outcomes.last == .submitted("hi there"))
        #expect(after.text.isEmpty && after.cursor == 0)
        #expect(editor(after: "\u{04}").1 == [.endOfInput])
        #expect(!editor(after: "x\u{04}").1.contains(.endOfInput))
        #expect(editor(after: "abc\u{03}").1.last == .interrupted)
        #expect(editor(after: "a\nb\n").1.filter { if case .submitted = $0 { true } else { false } } == [.submitted("a"), .submitted("b")])
    }

    @Test("escape sequences split across reads, paste markers and unknown sequences do not leak into the line")
    func splitAndUnknownSequences() {
        var editor = LineEditor()
        _ = editor.feed(Array("ab".utf8))
        _ = editor.feed([0x1B])
        _ = editor.feed([UInt8(ascii: "[")])
        _ = editor.feed([UInt8(ascii: "D")])
        _ = editor.feed(Array("X".utf8))
        #expect(editor.text == "aXb")
        #expect(self.editor(after: "\u{1B}[200~pasted\u{1B}[201~").0.text == "pasted")
        #expect(self.editor(after: "a\u{1B}[1;5Cb\u{1B}[Ac\u{1B}xd\u{1B}[15~e").0.text == "abcde")
    }

    @Test("UTF-8 split across reads is joined; invalid UTF-8, C0 and C1 controls are dropped, never crash")
    func invalidInput() {
        var editor = LineEditor()
        let bytes = Array("ệ".utf8)
        for byte in bytes { _ = editor.feed(byte) }
        #expect(editor.text == "ệ")
        #expect(self.editor(after: "a").0.text == "a")
        var hostile = LineEditor()
        _ = hostile.feed([0x61, 0xFF, 0xC3, 0x28, 0x62, 0xC2, 0x9B, 0x00, 0x07, 0xE1, 0xBB, 0x63, 0xF0, 0x9F])
        #expect(hostile.text == "a(bc")
        var random = LineEditor()
        var state: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            _ = random.feed(UInt8(truncatingIfNeeded: state >> 33))
            #expect((0...random.characters.count).contains(random.cursor))
        }
    }

    @Test("redraw: prompt, line, erase to end, cursor moved back by display width (CJK counts 2)")
    func rendering() {
        var editor = LineEditor()
        _ = editor.feed(Array("a日b\u{1B}[D\u{1B}[D".utf8))
        #expect(LineRendering.redraw(prompt: "an> ", editor: editor, columns: 80) == "\ran> a日b\u{1B}[K\u{1B}[3D")
        #expect(LineRendering.lineAbove("[x] bob: hi", prompt: "an> ", editor: editor, columns: 80)
            == "\r\u{1B}[K[x] bob: hi\r\n\ran> a日b\u{1B}[K\u{1B}[3D")
        var long = LineEditor()
        _ = long.feed(Array(String(repeating: "x", count: 30).utf8) + Array("END".utf8))
        let narrow = LineRendering.redraw(prompt: "> ", editor: long, columns: 12)
        #expect(narrow == "\r> " + String(repeating: "x", count: 6) + "END\u{1B}[K", "scrolled so the cursor stays visible")
    }
}
