import KBenchTerminal

/// Escaping for every format kbench writes, in one place. Each function applies
/// ``TerminalText`` (the one rule for untrusted text: controls, DEL, C1 and bidi controls
/// shown as `\xHH`/`\uHHHH`) first, keeping only the format's own line breaks, then the
/// format's syntax escapes — so no output path can let an escape sequence through.
package enum Escaping {
    /// Text safe inside XML/HTML/SVG text and double- or single-quoted attribute values:
    /// ``TerminalText`` with tab and newline kept (CR → `\x0d`, ESC → `\x1b`, C1 → `\u009b`),
    /// then `& < > " '` become entities and the non-characters U+FFFE/U+FFFF (which XML 1.0
    /// forbids) become U+FFFD, so the output always parses.
    package static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in TerminalText.escaped(text, allowing: .multiLine).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\u{FFFE}", "\u{FFFF}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A CSV field per RFC 4180: ``TerminalText`` with newline and tab kept (CR → `\x0d`,
    /// so records end only at the format's CRLF), then quoted when it contains a comma, a
    /// double quote or a newline (or starts or ends with a space), with inner quotes doubled.
    package static func csvField(_ field: String) -> String {
        let field = TerminalText.escaped(field, allowing: .multiLine)
        let needsQuotes = field.contains { character in
            character == "," || character == "\"" || character == "\n"
        } || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Text safe inside a GitHub Markdown table cell or paragraph: ``TerminalText`` with
    /// newlines kept (CR → `\x0d`, tab → `\x09`), then Markdown punctuation is
    /// backslash-escaped (`|` → `\|`, `*` → `\*`, `\x1b` → `\\x1b`, which renders as `\x1b`),
    /// `<`/`>`/`&` become entities, and newlines become `<br>` so a cell stays on its row.
    package static func markdown(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in TerminalText.escaped(text, allowing: .newline) {
            switch character {
            case "\\", "|", "*", "_", "`", "[", "]", "#", "~":
                result.append("\\")
                result.append(character)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n": result += "<br>"
            default: result.append(character)
            }
        }
        return result
    }

    /// JSON text (as an encoder wrote it: C0 controls inside strings already escaped) with
    /// every other character ``TerminalText`` escapes — DEL, C1 controls, bidi controls — as a
    /// JSON `\u007f`-style escape: still valid JSON that decodes to the same strings, and
    /// nothing in it a terminal would interpret. Structural whitespace is left alone.
    package static func jsonControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: isEscapedInJSON) else { return json }
        var result = ""
        result.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            guard isEscapedInJSON(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return result
    }

    private static func isEscapedInJSON(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x7F && TerminalText.needsEscaping(scalar)
    }

    /// Text safe for one line of a plain-text table or a message: ``TerminalText`` with no
    /// control allowed (a line break shows as `\x0a`, a tab as `\x09`), so alignment holds.
    package static func singleLine(_ text: String) -> String {
        TerminalText.escaped(text)
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (Foundation-free).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
