import Foundation
import KafkaLive
import KBenchStudies
import Synchronization
import Testing

@Suite("ChatTopicName: any Unicode name → a legal topic name, reversibly")
struct ChatTopicNameTests {
    @Test("names of [a-zA-Z0-9.-] are kept; '_' and every other byte are escaped")
    func examples() throws {
        #expect(ChatTopicName.encode("alice") == "alice")
        #expect(ChatTopicName.encode("Bob-2.0") == "Bob-2.0")
        #expect(ChatTopicName.encode("bình") == "b_c3_acnh")
        #expect(ChatTopicName.encode("a_b") == "a__b")
        #expect(ChatTopicName.encode("a b") == "a_20b")
        #expect(ChatTopicName.encode("👋") == "_f0_9f_91_8b")
        #expect(try ChatTopicName.topic(prefix: "kbench-chat.", name: "bình") == "kbench-chat.b_c3_acnh")
    }

    @Test("decode(encode(x)) == x and every topic is legal, for random Unicode names")
    func roundTrip() throws {
        var state: UInt64 = 0x2545F4914F6CDD1D
        func next(_ bound: UInt32) -> UInt32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt32(truncatingIfNeeded: state >> 33) % bound
        }
        let planes: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0x7FF, 0x1E00...0x1EFF, 0x4E00...0x9FFF, 0x1F300...0x1FAFF, 0x0...0x10FFFF]
        for _ in 0..<2_000 {
            var name = ""
            for _ in 0..<(1 + Int(next(12))) {
                let range = planes[Int(next(UInt32(planes.count)))]
                if let scalar = Unicode.Scalar(range.lowerBound + next(range.upperBound - range.lowerBound + 1)) {
                    name.unicodeScalars.append(scalar)
                }
            }
            guard !name.isEmpty else { continue }
            let encoded = ChatTopicName.encode(name)
            #expect(ChatTopicName.decode(encoded) == name)
            let topic = try ChatTopicName.topic(prefix: ChatSession.defaultTopicPrefix, name: name)
            #expect(ChatTopicName.isLegal(topic: topic), "\(topic)")
        }
    }

    @Test("malformed encodings do not decode")
    func malformed() {
        for text in ["_", "a_", "_4", "_zz", "_G0", "a b", "é", "_ff", "_c3"] {
            #expect(ChatTopicName.decode(text) == nil, "\(text)")
        }
    }

    @Test("names that make no legal topic are rejected with the reason")
    func rejected() {
        #expect(throws: ChatNameError.emptyName) { try ChatTopicName.topic(prefix: "p.", name: "") }
        #expect(throws: ChatNameError.illegalPrefix("a/b")) { try ChatTopicName.topic(prefix: "a/b", name: "x") }
        #expect(throws: ChatNameError.reserved("..")) { try ChatTopicName.topic(prefix: "", name: "..") }
        let long = String(repeating: "ệ", count: 30)
        #expect(throws: ChatNameError.tooLong(name: long, topicLength: 12 + 30 * 9)) {
            try ChatTopicName.topic(prefix: "kbench-chat.", name: long)
        }
        #expect((try? ChatTopicName.topic(prefix: "kbench-chat.", name: String(repeating: "a", count: 237))) != nil)
        #expect((try? ChatTopicName.topic(prefix: "kbench-chat.", name: String(repeating: "a", count: 238))) == nil)
    }
}

@Suite("Chat delivery bookkeeping and cluster reachability")
struct ChatDeliveryTests {
    @Test("the ledger settles lines by id, keeps failures, abandons what is pending at exit")
    func ledger() {
        var ledger = ChatDeliveryLedger()
        let date = Date(timeIntervalSince1970: 0)
        let first = ledger.register(text: "one", recipient: "bob", sentAt: date)
        let second = ledger.register(text: "two", recipient: "bob", sentAt: date)
        let third = ledger.register(text: "three", recipient: "bob", sentAt: date)
        #expect(Set([first.id, second.id, third.id]).count == 3)
        #expect(ledger.settle(id: first.id, error: nil) == .delivered(first))
        #expect(ledger.settle(id: first.id, error: nil) == nil, "settled once")
        #expect(ledger.settle(id: second.id, error: "_MSG_TIMED_OUT") == .notDelivered(second, reason: "_MSG_TIMED_OUT"))
        #expect(ledger.undelivered == [second, third])
        #expect(ledger.abandonPending(reason: "exit") == [.notDelivered(third, reason: "exit")])
        #expect(ledger.undelivered == [second, third])
        #expect(ledger.pending.isEmpty)
    }

    @Test("loss is announced once on _ALL_BROKERS_DOWN, regain once on the next sign of life")
    func reachability() {
        var reachability = ClusterReachability()
        #expect(reachability.noteContact() == nil)
        #expect(reachability.note(error: .transport, reason: "connection refused") == nil)
        #expect(reachability.note(error: .allBrokersDown, reason: "1/1 brokers are down") == .clusterLost(reason: "1/1 brokers are down"))
        #expect(reachability.note(error: .allBrokersDown, reason: "again") == nil)
        #expect(reachability.isLost)
        #expect(reachability.noteContact() == .clusterRegained)
        #expect(reachability.noteContact() == nil)
    }
}

@Suite("ChatTranscript: what the chat shows, peers' text escaped")
struct ChatTranscriptTests {
    @Test("received, delivered and failed lines, loss and regain; every network string through TerminalText")
    func lines() {
        let transcript = ChatTranscript(name: "bình", messageTimeoutMilliseconds: 1500)
        let date = Date()
        let received = transcript.line(for: .received(ChatLine(sender: "\u{1B}]0;x\u{07}", text: "hi \u{1B}[2J\u{202E}", sentAt: date)))
        #expect(received.wholeMatch(of: #/\[\d\d:\d\d:\d\d\.\d{3}\] \\x1b\]0;x\\x07: hi \\x1b\[2J\\u202e/#) != nil, "\(received)")
        let outgoing = ChatOutgoing(id: 1, text: "chào\u{1B}", recipient: "an", sentAt: date)
        #expect(transcript.line(for: .delivered(outgoing)).hasSuffix("] bình → an: chào\\x1b ✓"))
        #expect(transcript.line(for: .notDelivered(outgoing, reason: "_MSG_TIMED_OUT: Local: Message timed out"))
            == "✗ not delivered to an: \"chào\\x1b\" (_MSG_TIMED_OUT: Local: Message timed out)")
        #expect(transcript.line(for: .clusterLost(reason: "1/1 brokers are down"))
            == "⚠ lost the cluster (1/1 brokers are down); lines typed now wait up to 1500 ms for it (message.timeout.ms)")
        #expect(ChatTranscript(name: "a", messageTimeoutMilliseconds: 10_000).line(for: .clusterLost(reason: "x")).contains("up to 10 s"))
        #expect(transcript.line(for: .clusterRegained) == "✓ cluster reachable again")
        #expect(ChatTranscript.undeliveredSummary([]) == nil)
        #expect(ChatTranscript.undeliveredSummary([outgoing]) == "1 line was not delivered")
        #expect(ChatTranscript.undeliveredSummary([outgoing, outgoing]) == "2 lines were not delivered")
    }
}

@Suite("ChatSession on an embedded cluster", .serialized)
struct ChatSessionTests {
    /// Events collected from the session's threads.
    final class Events: Sendable {
        private let events = Mutex([ChatEvent]())
        func record(_ event: ChatEvent) { events.withLock { $0.append(event) } }
        var all: [ChatEvent] { events.withLock { $0 } }

        func wait(seconds: Double = 15, until match: (ChatEvent) -> Bool) throws {
            let deadline = Date().addingTimeInterval(seconds)
            while !all.contains(where: match) {
                guard Date() < deadline else { throw KafkaLiveError.timedOut(operation: "waiting for a chat event (got \(all))", milliseconds: Int(seconds * 1000)) }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    @Test("the broker going down is announced as lost, coming back as reachable again; lines flow before and after")
    func lossAndRegain() throws {
        let cluster = try MockCluster(brokers: 1)
        let configuration = cluster.clientConfiguration.setting("log_level", "0")
            .merging(ChatSession.interactiveDefaults)
        let aliceEvents = Events(), bobEvents = Events()
        let alice = try ChatSession(name: "alice", peer: "bob", configuration: configuration, mockCluster: cluster, onEvent: aliceEvents.record)
        let bob = try ChatSession(name: "bob", peer: "alice", configuration: configuration, mockCluster: cluster, onEvent: bobEvents.record)
        alice.start()
        bob.start()
        let first = try alice.send("before")
        try aliceEvents.wait { $0 == .delivered(first) }
        try bobEvents.wait { if case .received(let line) = $0 { line.text == "before" && line.sender == "alice" } else { false } }

        try cluster.setBrokerDown(1)
        try aliceEvents.wait { if case .clusterLost = $0 { true } else { false } }
        try cluster.setBrokerUp(1)
        try aliceEvents.wait { $0 == .clusterRegained }
        let second = try alice.send("after")
        try aliceEvents.wait { $0 == .delivered(second) }
        try bobEvents.wait { if case .received(let line) = $0 { line.text == "after" } else { false } }

        #expect(alice.close().isEmpty)
        #expect(bob.close().isEmpty)
        let lost = aliceEvents.all.filter { if case .clusterLost = $0 { true } else { false } }
        #expect(lost.count == 1, "announced once: \(aliceEvents.all)")
    }
}

extension KafkaConfiguration {
    /// A copy with `properties` set (existing ones kept).
    func merging(_ properties: [String: String]) -> KafkaConfiguration {
        var copy = self
        copy.properties.merge(properties) { existing, _ in existing }
        return copy
    }
}
