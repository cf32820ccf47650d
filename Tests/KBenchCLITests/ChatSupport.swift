import Foundation
import Testing

/// A `kbench broker --brokers 1` for chat tests, and chat participants on it.
struct ChatBroker {
    let process: BackgroundKBench
    let bootstrap: String

    /// The broker's arguments (as in `kbench help chat`).
    static let brokerArguments = ["broker", "--brokers", "1"]

    init(_ arguments: [String] = Self.brokerArguments) throws {
        process = try BackgroundKBench(arguments)
        bootstrap = try process.firstLine()
    }

    /// The arguments of `kbench chat` between `name` and `peer` on `bootstrap`.
    static func chatArguments(_ name: String, _ peer: String, bootstrap: String, _ extra: [String] = []) -> [String] {
        ["chat", "--name", name, "--peer", peer, "--bootstrap", bootstrap] + extra
    }

    /// The arguments of `kbench chat` between `name` and `peer` on this broker.
    func chatArguments(_ name: String, _ peer: String, _ extra: [String] = []) -> [String] {
        Self.chatArguments(name, peer, bootstrap: bootstrap, extra)
    }

    /// A piped participant, once it listens on `ownTopic`.
    func participant(_ name: String, _ peer: String, ownTopic: String, _ extra: [String] = []) throws -> BackgroundKBench {
        let chat = try BackgroundKBench(chatArguments(name, peer, extra))
        try chat.wait(for: "listening on \(ownTopic)", in: .stderr)
        return chat
    }

    /// Ends each piped participant with end of input (expecting exit 0), then the broker.
    func finish(_ chats: BackgroundKBench...) throws {
        for chat in chats {
            chat.closeInput()
            #expect(try chat.waitForExit() == 0)
        }
        try stop()
    }

    /// Stops the broker (SIGTERM) and checks it exits cleanly.
    func stop() throws {
        process.signal(SIGTERM)
        #expect(try process.waitForExit() == 0)
    }
}
