import ArgumentParser
import Foundation
import KafkaLive

/// `kbench chat`: the console chat over Kafka.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Console chat over Kafka: type lines to a peer, see theirs as they arrive.",
        discussion: """
            Each line typed on stdin is published to the peer's topic (kbench-chat.<peer>) with \
            key = your name and a `sent-at` header (ISO-8601 UTC); what arrives on your own \
            topic (kbench-chat.<name>, read from its latest offset) is printed as \
            `[HH:MM:SS.mmm] sender: text`, concurrently. Ctrl-D (end of input) or Ctrl-C ends \
            the chat cleanly.

            Without --bootstrap an embedded cluster is started and its address printed, with \
            the command your peer runs to join.

            Examples:
              kbench broker --brokers 1            # prints 127.0.0.1:PORT
              kbench chat --name alice --peer bob --bootstrap 127.0.0.1:PORT
              kbench chat --name bob --peer alice --bootstrap 127.0.0.1:PORT
            """
    )

    @OptionGroup var cluster: LiveClusterOptions

    @Option(help: ArgumentHelp("Your name (the key of your messages).", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Who you talk to.", valueName: "name"))
    var peer: String

    @Option(name: .customLong("topic-prefix"), help: ArgumentHelp("Prefix of the chat topics.", valueName: "prefix"))
    var topicPrefix = ChatSession.defaultTopicPrefix

    func validate() throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        for (label, value) in [("--name", name), ("--peer", peer)] {
            guard !value.isEmpty, value.unicodeScalars.allSatisfy(allowed.contains), value.count <= 200 else {
                throw ValidationError("\(label) must be 1…200 letters, digits, '.', '_' or '-', got '\(value)'")
            }
        }
        if name == peer { throw ValidationError("--name and --peer must differ") }
    }

    func run() throws {
        let (configuration, mockCluster) = try cluster.connect()
        let session: ChatSession
        do {
            session = try ChatSession(
                name: name, peer: peer, configuration: configuration, topicPrefix: topicPrefix,
                mockCluster: mockCluster, timeout: cluster.timeout.duration)
        } catch {
            throw CLIFailure("cannot start the chat on \(cluster.bootstrap ?? "the embedded cluster"): \(error)")
        }
        if let mockCluster {
            ReportOutput.note("kbench chat: embedded broker at \(mockCluster.bootstrapServers); \(peer) joins with: kbench chat --name \(peer) --peer \(name) --bootstrap \(mockCluster.bootstrapServers)")
        }
        ReportOutput.note("kbench chat: \(name) → \(session.peerTopic); listening on \(session.ownTopic); type a line and press Enter (Ctrl-D to quit)")

        let listener = ChatListener(session: session)
        listener.start()
        let finish: @Sendable (String?) -> Void = { reason in
            listener.stop()
            do {
                try session.close()
            } catch {
                ReportOutput.note("kbench chat: \(error)")
            }
            if let reason { ReportOutput.note("kbench chat: \(reason), bye") }
        }
        TerminationSignal.install { signal in
            finish("\(signal) received")
            Foundation.exit(0)
        }
        while let line = readLine(strippingNewline: true) {
            guard !line.isEmpty else { continue }
            do {
                try session.send(line)
            } catch {
                ReportOutput.note("kbench chat: not sent: \(error)")
            }
        }
        finish("end of input")
        withExtendedLifetime(mockCluster) {}
    }
}

/// Prints incoming chat lines from a background thread until stopped.
final class ChatListener: @unchecked Sendable {
    private let session: ChatSession
    private let stopped = OnceFlag()
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var running = true

    init(session: ChatSession) {
        self.session = session
    }

    func start() {
        let thread = Thread { [self] in
            defer { done.signal() }
            let formatter = DateFormatter()
            formatter.dateFormat = "HH:mm:ss.SSS"
            while isRunning {
                do {
                    if let line = try session.receive(timeoutMilliseconds: 100) {
                        let time = formatter.string(from: line.sentAt ?? Date())
                        writeLine("[\(time)] \(line.sender): \(line.text)")
                    }
                } catch {
                    ReportOutput.note("kbench chat: \(error)")
                    Thread.sleep(forTimeInterval: 0.2)
                }
            }
        }
        thread.start()
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    /// Stops the listening thread and waits for it (at most 2 s).
    func stop() {
        guard stopped.claim() else { return }
        lock.lock()
        running = false
        lock.unlock()
        _ = done.wait(timeout: .now() + 2)
    }
}
