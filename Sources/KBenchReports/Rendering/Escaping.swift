/// Escaping for every markup kbench writes, in one place.
public enum Escaping {
    /// Text safe inside XML/HTML/SVG text and double- or single-quoted attribute values:
    /// `& < > " '` become entities, and characters XML 1.0 forbids (C0 controls other than
    /// tab, LF and CR; U+FFFE/U+FFFF) become U+FFFD so the output always parses.
    public static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// A CSV field per RFC 4180: quoted when it contains a comma, a double quote, CR or LF
    /// (or starts or ends with a space), with inner quotes doubled.
    public static func csvField(_ field: String) -> String {
        let needsQuotes = field.contains { character in
            character == "," || character == "\"" || character == "\n" || character == "\r" || character == "\r\n"
        } || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Text safe inside a GitHub Markdown table cell or paragraph: Markdown punctuation is
    /// backslash-escaped (`|` → `\|`, `*` → `\*`, …), `<`/`>`/`&` become entities, and line
    /// breaks become `<br>` so a cell stays on its row.
    public static func markdown(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "|", "*", "_", "`", "[", "]", "#", "~":
                result.append("\\")
                result.append(character)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\r\n", "\r", "\n": result += "<br>"
            default:
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                   scalar.value < 0x20 {
                    result += "\u{FFFD}"
                } else {
                    result.append(character)
                }
            }
        }
        return result
    }

    /// Text safe for one line of a plain-text table: control characters (including line
    /// breaks and tabs) become visible `␤`-style symbols or spaces so alignment holds.
    public static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D: result += "⏎"
            case 0x09: result += " "
            case 0..<0x20, 0x7F: result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
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
