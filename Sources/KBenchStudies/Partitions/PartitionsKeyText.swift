import KafkaPartitioning
import KBenchTerminal

/// How keys appear in partition reports: readable text when the bytes are printable UTF-8,
/// hex otherwise, with an ellipsis for keys held only by their first bytes.
package enum PartitionsKeyText {
    /// Text longer than this many characters is cut (reports stay one line per key).
    package static let maximumShown = 48

    /// `user-42`, `0x000004b2`, `(empty)`; `…` when `truncated` or cut.
    package static func display(_ bytes: [UInt8], truncated: Bool = false) -> String {
        if bytes.isEmpty && !truncated { return "(empty)" }
        if let text = TerminalText.printable(bytes) {
            let cut = text.count > maximumShown
            let shown = cut ? String(text.prefix(maximumShown)) : text
            return cut || truncated ? shown + "…" : shown
        }
        let cut = bytes.count > maximumShown / 2
        let hex = "0x" + Hex.encode(Array(bytes.prefix(maximumShown / 2)))
        return cut || truncated ? hex + "…" : hex
    }

    /// The hex of the bytes held (`…` appended when the key is longer).
    package static func hex(_ bytes: [UInt8], truncated: Bool = false) -> String {
        Hex.encode(bytes) + (truncated ? "…" : "")
    }

    /// One line describing a key: `key "user-42" (7 bytes, hex 757365722d3432)`, `null key`,
    /// `empty key`; keys that are not printable text show hex only:
    /// `key of 4 bytes, hex 000004b2`.
    package static func summary(_ key: [UInt8]?) -> String {
        guard let key else { return "null key" }
        if key.isEmpty { return "empty key" }
        guard let text = TerminalText.printable(key) else { return "key of \(key.count) bytes, hex \(Hex.encode(key))" }
        return "key \"\(text)\" (\(key.count) bytes, hex \(Hex.encode(key)))"
    }
}
