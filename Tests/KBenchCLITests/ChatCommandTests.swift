import Foundation
import Testing
import TestSupport

@Suite("kbench chat: scripted participants over one broker", .serialized)
struct ChatCommandTests {
    @Test("alice and bob talk both ways, own lines confirmed; EOF and SIGINT end them cleanly")
    func conversation() throws {
        let broker = try ChatBroker()
        let alice = try broker.participant("alice", "bob", ownTopic: "kbench-chat.alice")
        let bob = try broker.participant("bob", "alice", ownTopic: "kbench-chat.bob")

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
        try broker.stop()
    }

    @Test("Unicode names map to legal topics shown in the banner; a peer's escape sequences are shown escaped")
    func unicodeNamesAndEscaping() throws {
        let broker = try ChatBroker()
        let binh = try broker.participant("bình", "an", ownTopic: "kbench-chat.b_c3_acnh")
        #expect(binh.text(.stderr).contains("bình → an on kbench-chat.an; listening on kbench-chat.b_c3_acnh"))
        let evil = "\u{1B}[31mx"
        let an = try broker.participant("an", "bình", ownTopic: "kbench-chat.an")
        let mallory = try broker.participant(evil, "bình", ownTopic: "kbench-chat._1b_5b31mx")
        #expect(mallory.text(.stderr).contains("\\x1b[31mx → bình on kbench-chat.b_c3_acnh"))

        an.send("chào bình 👋")
        try binh.wait(for: "an: chào bình 👋")
        binh.send("chào an, Tiếng Việt")
        try an.wait(for: "bình: chào an, Tiếng Việt")
        mallory.send("red \u{1B}[31mtext\u{1B}[0m \u{1B}]0;owned\u{07} \u{9B}2J \u{202E}olleh")
        let shown = try binh.wait(for: "olleh")
        #expect(shown.contains("\\x1b[31mx: red \\x1b[31mtext\\x1b[0m \\x1b]0;owned\\x07 \\u009b2J \\u202eolleh"))
        #expect(!shown.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E })

        try broker.finish(binh, an, mallory)
    }

    @Test("broker stopped mid-chat: loss announced, the line typed is reported not delivered, exit 1 with the count")
    func brokerStoppedMidChat() throws {
        let broker = try ChatBroker()
        // The help's example, with its short message timeout.
        let binh = try broker.participant("bình", "an", ownTopic: "kbench-chat.b_c3_acnh", Self.timeoutExample)
        binh.send("before")
        try binh.wait(for: "bình → an: before ✓")

        broker.process.signal(SIGKILL)
        _ = try? broker.process.waitForExit()
        try binh.wait(for: "⚠ lost the cluster")
        try binh.wait(for: "lines typed now wait up to 1500 ms for it")
        let typed = Date()
        binh.send("are you there?")
        try binh.wait(for: "✗ not delivered to an: \"are you there?\" (_MSG_TIMED_OUT")
        #expect(Date().timeIntervalSince(typed) < 8, "reported within about message.timeout.ms")

        binh.closeInput()
        #expect(try binh.waitForExit() == 1)
        let errors = binh.text(.stderr).split(separator: "\n")
        #expect(errors.last == "kbench: chat ended (end of input): 1 line was not delivered")
    }

    @Test("a line still queued at exit is reported and counted; exit is bounded (no 5 s hang)")
    func queuedAtExit() throws {
        let broker = try ChatBroker()
        let alice = try broker.participant("alice", "bob", ownTopic: "kbench-chat.alice")
        broker.process.signal(SIGKILL)
        _ = try? broker.process.waitForExit()
        try alice.wait(for: "⚠ lost the cluster")
        alice.send("lost line")
        alice.signal(SIGTERM)
        let ended = Date()
        #expect(try alice.waitForExit() == 1)
        #expect(Date().timeIntervalSince(ended) < 6)
        #expect(alice.text(.stdout).contains("✗ not delivered to bob: \"lost line\" (still queued when the chat ended)"))
        #expect(alice.text(.stderr).contains("kbench: chat ended (SIGTERM received): 1 line was not delivered"))
    }

    @Test("interactive defaults: median send → receive latency of 20 lines < 50 ms on a local broker")
    func latency() throws {
        let broker = try ChatBroker()
        let alice = try broker.participant("alice", "bob", ownTopic: "kbench-chat.alice")
        let bob = try broker.participant("bob", "alice", ownTopic: "kbench-chat.bob")
        var latencies: [Double] = []
        for index in 0..<21 {
            let start = Date()
            alice.send("ping \(index)")
            try bob.wait(for: "alice: ping \(index)\n", interval: 0.001)
            if index > 0 { latencies.append(Date().timeIntervalSince(start) * 1000) }  // the first one connects
        }
        let median = latencies.sorted()[latencies.count / 2]
        print("kbench chat latency over \(latencies.count) lines: median \(median) ms, max \(latencies.max() ?? 0) ms")
        #expect(median < 50, "median \(median) ms; all: \(latencies)")
        try broker.finish(alice, bob)
    }

    /// The example of `kbench help chat` that ``brokerStoppedMidChat()`` runs.
    static let timeoutExample = ["-X", "message.timeout.ms=1500"]

    @Test("the help's examples are exactly the commands these tests run")
    func helpExamples() throws {
        let examples = DocumentedExamples.help(try KBenchExecutable.runWide(["help", "chat"]), source: "chat").map(\.command)
        let run = [
            ChatBroker.brokerArguments,
            ChatBroker.chatArguments("alice", "bob", bootstrap: "ADDR"),
            ChatBroker.chatArguments("bob", "alice", bootstrap: "ADDR"),
            ChatBroker.chatArguments("bình", "an", bootstrap: "ADDR", Self.timeoutExample),
        ]
        #expect(examples.count == run.count, "\(examples)")
        for (example, arguments) in zip(examples, run) {
            #expect(example == "kbench " + arguments.joined(separator: " "))
        }
    }

    @Test("names that make no legal topic are usage errors naming the limit", arguments: [
        (["--name", String(repeating: "ệ", count: 30), "--peer", "b"], "Kafka allows at most 249"),
        (["--name", "a", "--peer", "b", "--topic-prefix", "chat/"], "topic prefix 'chat/' may only use"),
        (["--name", "", "--peer", "b"], "must not be empty"),
        (["--name", "a", "--peer", "a"], "must differ"),
    ])
    func invalidNames(arguments: [String], message: String) throws {
        let result = try ChildProcess.kbench(["chat"] + arguments)
        #expect(result.status == 2)
        #expect(result.errorLines.count == 1 && result.err.contains(message), "\(result.err)")
    }
}
