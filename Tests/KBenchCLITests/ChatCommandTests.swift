import Foundation
import Testing
import TestSupport

@Suite("kbench chat: two scripted participants over one broker", .serialized)
struct ChatCommandTests {
    @Test("alice and bob talk both ways; EOF and SIGINT end them cleanly")
    func conversation() throws {
        let broker = try BackgroundKBench(["broker", "--brokers", "1"])
        let bootstrap = try broker.firstLine()
        let alice = try BackgroundKBench(["chat", "--name", "alice", "--peer", "bob", "--bootstrap", bootstrap])
        let bob = try BackgroundKBench(["chat", "--name", "bob", "--peer", "alice", "--bootstrap", bootstrap])
        try alice.wait(for: "listening on kbench-chat.alice", in: .stderr)
        try bob.wait(for: "listening on kbench-chat.bob", in: .stderr)

        alice.send("hello bob")
        try bob.wait(for: "alice: hello bob")
        bob.send("hi alice, 👋")
        bob.send("second line")
        try alice.wait(for: "bob: hi alice, 👋")
        let aliceOut = try alice.wait(for: "bob: second line")
        #expect(aliceOut.range(of: "hi alice")!.lowerBound < aliceOut.range(of: "second line")!.lowerBound, "in order")
        let received = aliceOut.split(separator: "\n").filter { !$0.contains(" → ") }
        #expect(received.count == 2 && received.allSatisfy { $0.wholeMatch(of: #/\[\d\d:\d\d:\d\d\.\d{3}\] bob: .+/#) != nil })
        try alice.wait(for: "alice → bob: hello bob ✓")
        let bobOut = try bob.wait(for: "bob → alice: second line ✓")
        #expect(!bobOut.contains("bob:"), "own lines are confirmed, not received back")

        alice.closeInput()
        #expect(try alice.waitForExit() == 0)
        #expect(alice.text(.stderr).contains("end of input, bye"))
        bob.signal(SIGINT)
        #expect(try bob.waitForExit() == 0)
        #expect(bob.text(.stderr).contains("SIGINT received, bye"))
        broker.signal(SIGTERM)
        #expect(try broker.waitForExit() == 0)
    }
}
