import KafkaPartitioning
import KBenchTerminal

/// Chat topic names from participant names: `kbench-chat.<name>` where any Unicode name maps
/// deterministically and reversibly into Kafka's topic alphabet `[a-zA-Z0-9._-]`.
///
/// Names made only of `[a-zA-Z0-9.-]` are kept as they are (`alice` → `kbench-chat.alice`).
/// Every other UTF-8 byte is written `_hh` (two lowercase hex digits) and `_` itself `__`
/// (`bình` → `kbench-chat.b_c3_acnh`), so decoding is unambiguous: `_` always starts an escape.
/// Kafka allows at most 249 characters per topic name.
package enum ChatTopicName {
    /// Kafka's limit on the length of a topic name.
    package static let maximumLength = 249

    /// `name` in the topic alphabet.
    package static func encode(_ name: String) -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            if isKept(byte) {
                encoded.append(byte)
            } else if byte == UInt8(ascii: "_") {
                encoded += [byte, byte]
            } else {
                encoded.append(UInt8(ascii: "_"))
                encoded.append(Hex.digit(byte >> 4))
                encoded.append(Hex.digit(byte))
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// The name `encoded` came from; nil when it is not an encoding of a name (a stray `_`,
    /// bad hex, characters outside the alphabet, bytes that are not UTF-8).
    package static func decode(_ encoded: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = encoded.utf8.makeIterator()
        while let byte = iterator.next() {
            if isKept(byte) {
                bytes.append(byte)
                continue
            }
            guard byte == UInt8(ascii: "_"), let first = iterator.next() else { return nil }
            if first == UInt8(ascii: "_") {
                bytes.append(first)
                continue
            }
            guard let second = iterator.next(), let high = Hex.value(ofDigit: first, lowercaseOnly: true),
                  let low = Hex.value(ofDigit: second, lowercaseOnly: true) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The topic of participant `name` under `prefix`.
    ///
    /// - Throws: ``ChatNameError`` when the name is empty, the prefix has characters outside
    ///   `[a-zA-Z0-9._-]`, or the topic would be longer than ``maximumLength`` or `.`/`..`.
    package static func topic(prefix: String, name: String) throws(ChatNameError) -> String {
        guard !name.isEmpty else { throw .emptyName }
        guard prefix.utf8.allSatisfy(isLegal) else { throw .illegalPrefix(prefix) }
        let topic = prefix + encode(name)
        guard topic.utf8.count <= maximumLength else { throw .tooLong(name: name, topicLength: topic.utf8.count) }
        guard topic != ".", topic != ".." else { throw .reserved(topic) }
        return topic
    }

    /// Whether `topic` is a legal Kafka topic name.
    package static func isLegal(topic: String) -> Bool {
        !topic.isEmpty && topic.utf8.count <= maximumLength && topic.utf8.allSatisfy(isLegal) && topic != "." && topic != ".."
    }

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    private static func isLegal(_ byte: UInt8) -> Bool { isKept(byte) || byte == UInt8(ascii: "_") }
}

/// Why a chat name or topic prefix cannot make a Kafka topic name.
package enum ChatNameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name is empty.
    case emptyName
    /// The prefix has characters outside `[a-zA-Z0-9._-]`.
    case illegalPrefix(String)
    /// The topic would exceed Kafka's 249 characters.
    case tooLong(name: String, topicLength: Int)
    /// The topic would be `.` or `..`, which Kafka reserves.
    case reserved(String)

    /// One line naming what is wrong.
    package var description: String {
        switch self {
        case .emptyName:
            "a chat name must not be empty"
        case .illegalPrefix(let prefix):
            "topic prefix '\(TerminalText.escaped(prefix))' may only use letters a-z A-Z, digits, '.', '_' and '-'"
        case .tooLong(let name, let length):
            "name '\(TerminalText.escaped(name))' makes a \(length)-character topic name; Kafka allows at most \(ChatTopicName.maximumLength) (non-ASCII characters take 6-12 each)"
        case .reserved(let topic):
            "topic name '\(topic)' is reserved by Kafka"
        }
    }
}
