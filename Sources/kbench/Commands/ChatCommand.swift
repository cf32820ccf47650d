import ArgumentParser
import Foundation
import KafkaLive
import KBenchStudies
import KBenchTerminal

/// `kbench chat`: the console chat over Kafka.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Console chat over Kafka: type lines to a peer, see theirs as they arrive.",
        discussion: """
            Each line typed is published to the peer's topic with key = your name and a \
            `sent-at` header (ISO-8601 UTC); what arrives on your own topic (read from its \
            latest offset) is printed as `[HH:MM:SS.mmm] sender: text`. Your own line is \
            echoed as `[HH:MM:SS.mmm] you → peer: text ✓` once the cluster acknowledged it; a \
            line librdkafka gives up on is reported at once (`✗ not delivered to peer: "text" \
            (reason)`), and so are losing and regaining the cluster. Control characters and \
            escape sequences from peers are shown escaped (`\\x1b[31m`), never interpreted.

            Topics are <prefix><name> (default prefix kbench-chat.): names made of letters \
            a-z A-Z, digits, '.' and '-' are used as they are; any other name is encoded \
            reversibly into Kafka's topic alphabet (`_` → `__`, every other byte → `_hh`: \
            bình → kbench-chat.b_c3_acnh). The banner shows both topics.

            On a terminal, input has a prompt (`name> `) and line editing (←/→, Home/End, \
            Backspace, Ctrl-A/E/U/K); incoming lines appear above it. Piped input is read \
            line by line. Ctrl-D (end of input), Ctrl-C or SIGTERM ends the chat: lines still \
            on their way get up to 3 s, then the undelivered ones are counted and the exit \
            status is 1 (0 when everything was delivered).

            Interactive librdkafka defaults (each overridable with -X): fetch.wait.max.ms=10, \
            linger.ms=0, socket.nagle.disable=true, message.timeout.ms=10000, \
            fetch.error.backoff.ms=100, reconnect.backoff.max.ms=1000.

            Without --bootstrap an embedded cluster is started and its address printed, with \
            the command your peer runs to join.

            Examples (ADDR: the address the broker prints, 127.0.0.1:PORT):
              kbench broker --brokers 1
              kbench chat --name alice --peer bob --bootstrap ADDR
              kbench chat --name bob --peer alice --bootstrap ADDR
              kbench chat --name bình --peer an --bootstrap ADDR -X message.timeout.ms=1500
            """
    )

    @OptionGroup var cluster: LiveClusterOptions

    @Option(help: ArgumentHelp("Your name (the key of your messages; any Unicode).", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Who you talk to.", valueName: "name"))
    var peer: String

    @Option(name: .customLong("topic-prefix"), help: ArgumentHelp("Prefix of the chat topics (letters, digits, '.', '_', '-').", valueName: "prefix"))
    var topicPrefix = ChatSession.defaultTopicPrefix

    func validate() throws {
        for (label, value) in [("--name", name), ("--peer", peer)] {
            do {
                _ = try ChatTopicName.topic(prefix: topicPrefix, name: value)
            } catch {
                throw ValidationError("\(label): \(error)")
            }
        }
        if name == peer { throw ValidationError("--name and --peer must differ") }
    }

    func run() throws {
        let (configuration, mockCluster) = try cluster.connect(defaults: ChatSession.interactiveDefaults)
        let screen = ConsoleSlot()
        let transcript = ChatTranscript(name: name, messageTimeoutMilliseconds: configuration["message.timeout.ms"].flatMap { Int($0) })
        let session: ChatSession
        do {
            session = try ChatSession(
                name: name, peer: peer, configuration: configuration, topicPrefix: topicPrefix,
                mockCluster: mockCluster, timeout: cluster.timeout.duration
            ) { event in screen.show(transcript.line(for: event)) }
        } catch {
            throw CLIFailure("cannot start the chat on \(cluster.bootstrap ?? "the embedded cluster"): \(error)")
        }
        let shownName = ChatTranscript.shown(name), shownPeer = ChatTranscript.shown(peer)
        if let mockCluster {
            ReportOutput.note("kbench chat: embedded broker at \(mockCluster.bootstrapServers); \(shownPeer) joins with: kbench chat --name \(shownPeer) --peer \(shownName) --bootstrap \(mockCluster.bootstrapServers)")
        }
        ReportOutput.note("kbench chat: \(shownName) → \(shownPeer) on \(session.peerTopic); listening on \(session.ownTopic); type a line and press Enter (Ctrl-D to quit)")

        let console = makeLineConsole(prompt: "\(shownName)> ")
        screen.attach(console)
        session.start()
        let finished = OnceFlag()
        let finish: @Sendable (String) -> Never = { reason in
            // A second caller (a signal during the closing flush) waits for the first to exit.
            guard finished.claim() else { while true { sleep(60) } }
            let undelivered = session.close()
            console.close()
            withExtendedLifetime(mockCluster) {}
            if let summary = ChatTranscript.undeliveredSummary(undelivered) {
                KBenchMain.exit(reporting: CLIFailure("chat ended (\(reason)): \(summary)"))
            }
            ReportOutput.note("kbench chat: \(reason), bye")
            Foundation.exit(0)
        }
        TerminationSignal.install { signal in finish("\(signal) received") }
        while true {
            switch console.nextLine() {
            case .line(let line) where line.isEmpty:
                continue
            case .line(let line):
                do {
                    try session.send(line)
                } catch {
                    screen.show("✗ not sent: \(ChatTranscript.shown(error.description))")
                }
            case .end:
                finish("end of input")
            case .interrupt:
                finish("Ctrl-C")
            }
        }
    }
}
