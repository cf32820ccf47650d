import Foundation
import KBenchTerminal

/// The lines `kbench chat` shows for ``ChatEvent``s, every piece of text from the network or
/// the command line shown through ``TerminalText`` (escape sequences in a peer's text, name
/// or headers are displayed, never interpreted). Times are local, `HH:mm:ss.SSS`.
///
///     [12:00:01.234] bob: hi alice
///     [12:00:02.345] alice → bob: hello ✓
///     ✗ not delivered to bob: "hello" (_MSG_TIMED_OUT: Local: Message timed out)
///     ⚠ lost the cluster (1/1 brokers are down); lines typed now wait up to 10 s for it (message.timeout.ms)
///     ✓ cluster reachable again
package struct ChatTranscript: Sendable {
    /// This participant's name.
    package let name: String
    /// librdkafka's `message.timeout.ms` as configured, if known (said when the cluster is lost).
    package let messageTimeoutMilliseconds: Int?

    /// The transcript of participant `name` whose producer gives up after `messageTimeoutMilliseconds`.
    package init(name: String, messageTimeoutMilliseconds: Int?) {
        self.name = name
        self.messageTimeoutMilliseconds = messageTimeoutMilliseconds
    }

    /// The line for `event`.
    package func line(for event: ChatEvent) -> String {
        let shown = Self.shown, time = Self.time
        return switch event {
        case .received(let line):
            "[\(time(line.sentAt ?? Date()))] \(shown(line.sender)): \(shown(line.text))"
        case .delivered(let outgoing):
            "[\(time(outgoing.sentAt))] \(shown(name)) → \(shown(outgoing.recipient)): \(shown(outgoing.text)) ✓"
        case .notDelivered(let outgoing, let reason):
            "✗ not delivered to \(shown(outgoing.recipient)): \"\(shown(outgoing.text))\" (\(shown(reason)))"
        case .clusterLost(let reason):
            "⚠ lost the cluster (\(shown(reason))); lines typed now wait \(waitDescription) for it (message.timeout.ms)"
        case .clusterRegained:
            "✓ cluster reachable again"
        case .readError(let text):
            "⚠ \(shown(text))"
        }
    }

    private var waitDescription: String {
        guard let milliseconds = messageTimeoutMilliseconds else { return "a while" }
        return milliseconds % 1000 == 0 ? "up to \(milliseconds / 1000) s" : "up to \(milliseconds) ms"
    }

    /// The closing summary for lines never delivered; nil when there are none.
    package static func undeliveredSummary(_ undelivered: [ChatOutgoing]) -> String? {
        guard !undelivered.isEmpty else { return nil }
        let count = undelivered.count
        return "\(count) line\(count == 1 ? " was" : "s were") not delivered"
    }

    /// `text` with control characters and escape sequences shown escaped (one chat line).
    package static func shown(_ text: String) -> String {
        TerminalText.escaped(text)
    }

    private static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss.SSS"
        return formatter.string(from: date)
    }
}
