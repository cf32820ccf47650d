import Foundation
import Testing
import TestSupport

@Suite("kbench chat on a terminal: prompt, line editor, redraw, escaping", .serialized)
struct ChatTerminalTests {
    /// A broker, bob piped, and an on a pseudo-terminal once its prompt is drawn.
    private static func anOnTerminalWithBob() throws -> (ChatBroker, BackgroundKBench, PseudoTerminal) {
        let broker = try ChatBroker()
        let bob = try broker.participant("bob", "an", ownTopic: "kbench-chat.bob")
        let terminal = try PseudoTerminal(broker.chatArguments("an", "bob"))
        try terminal.wait(for: "an> ")
        return (broker, bob, terminal)
    }

    @Test("a partly typed line is redrawn under an incoming one; Backspace, arrows, Home/End edit by character; Ctrl-D ends")
    func editingAndRedraw() throws {
        let (broker, bob, terminal) = try Self.anOnTerminalWithBob()

        terminal.type("half typ")
        try terminal.wait(for: "an> half typ")
        bob.send("incoming")
        let incoming = try terminal.wait(for: "bob: incoming")
        try terminal.wait(for: "an> half typ", after: incoming)
        terminal.type("ed\r")
        try bob.wait(for: "an: half typed\n")

        terminal.type("Việ\u{7F}ệt\r")  // Backspace removes ệ whole (3 bytes, 1 character)
        try bob.wait(for: "an: Việt\n")
        terminal.type("Vie\u{323}\u{302}\u{7F}ệt!\r")  // the same, decomposed (3 scalars)
        try bob.wait(for: "an: Việt!\n")
        terminal.type("Vt\u{1B}[Diệ\u{1B}[C?\r")  // ← then →
        try bob.wait(for: "an: Việt?\n")
        terminal.type("ệt\u{1B}[HVi\u{1B}[F.\u{01}\u{05}\r")  // Home, End, Ctrl-A, Ctrl-E
        try bob.wait(for: "an: Việt.\n")
        try terminal.wait(for: "an → bob: Việt. ✓")

        terminal.type("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(terminal.text.contains("end of input, bye"))
        try broker.finish(bob)
    }

    @Test("a peer's ESC[31m and OSC title arrive shown as \\x1b…, no raw escape byte from the peer; Ctrl-C ends and restores the terminal")
    func escapingAndInterrupt() throws {
        let (broker, bob, terminal) = try Self.anOnTerminalWithBob()
        bob.send("\u{1B}[31mred\u{1B}]0;x\u{07}end")
        let end = try terminal.wait(for: "end")
        let output = terminal.bytes
        let line = try #require(String(decoding: output[..<end], as: UTF8.self).components(separatedBy: "bob: ").last)
        #expect(line == "\\x1b[31mred\\x1b]0;x\\x07end")
        #expect(!output.contains(0x07), "no BEL reached the terminal")
        #expect(String(decoding: output, as: UTF8.self).range(of: "\u{1B}[31m") == nil)
        #expect(String(decoding: output, as: UTF8.self).range(of: "\u{1B}]") == nil)

        let cooked = tcflag_t(ICANON | ECHO)
        #expect(terminal.localFlags & cooked == 0, "raw mode while chatting")
        terminal.type("never sent\u{03}")
        #expect(try terminal.waitForExit() == 0)
        #expect(terminal.localFlags & cooked == cooked, "line mode and echo restored")
        #expect(terminal.text.contains("Ctrl-C, bye"))
        #expect(!bob.text(.stdout).contains("never sent"))
        try broker.finish(bob)
    }
}
