/// A line editor as a pure state machine: terminal input bytes in, the edited line and what
/// happened out. No terminal I/O: ``RawTerminal`` and ``ConsoleLine`` draw it.
///
/// Keys: printable UTF-8 inserts at the cursor; Backspace (DEL or Ctrl-H) removes the whole
/// character (grapheme cluster) before the cursor, Delete (`ESC[3~`) and Ctrl-D the one under it;
/// ←/→ (`ESC[D`/`ESC[C`, also `ESCOD`/`ESCOC`, Ctrl-B/Ctrl-F) move by one character;
/// Home/End (`ESC[H`, `ESC[F`, `ESC[1~`, `ESC[4~`, `ESC[7~`, `ESC[8~`, `ESCOH`, `ESCOF`,
/// Ctrl-A/Ctrl-E); Ctrl-U deletes to the start, Ctrl-K to the end; Enter (CR or LF) submits;
/// Ctrl-D on an empty line ends the input; Ctrl-C interrupts. Bracketed-paste markers
/// (`ESC[200~`, `ESC[201~`) and every other escape sequence are consumed without effect,
/// also when they arrive split across reads; invalid UTF-8 and other control bytes are dropped.
package struct LineEditor: Sendable {
    /// What one input byte did.
    package enum Outcome: Sendable, Hashable {
        /// Nothing visible changed (a byte in the middle of a character or sequence).
        case unchanged
        /// The line or the cursor changed: redraw.
        case edited
        /// Enter: the line (the editor is empty again).
        case submitted(String)
        /// Ctrl-D on an empty line: the end of input.
        case endOfInput
        /// Ctrl-C.
        case interrupted
    }

    /// The characters of the line being edited.
    package private(set) var characters: [Character] = []
    /// The cursor, as an index into ``characters`` (0 = before the first).
    package private(set) var cursor = 0

    private var pendingScalar: [UInt8] = []
    private var pendingScalarLength = 0
    private var escape: EscapeState = .none

    private enum EscapeState: Sendable {
        case none
        /// After ESC.
        case started
        /// After `ESC [`: the parameter bytes so far.
        case csi([UInt8])
        /// After `ESC O` (SS3).
        case ss3
    }

    /// An empty editor.
    package init() {}

    /// The line as text.
    package var text: String { String(characters) }

    /// Feeds every byte of `bytes`; returns the outcomes that are not ``Outcome/unchanged``.
    package mutating func feed(_ bytes: some Sequence<UInt8>) -> [Outcome] {
        bytes.map { feed($0) }.filter { $0 != .unchanged }
    }

    /// Feeds one input byte.
    package mutating func feed(_ byte: UInt8) -> Outcome {
        switch escape {
        case .none: break
        case .started:
            switch byte {
            case UInt8(ascii: "["): escape = .csi([])
            case UInt8(ascii: "O"): escape = .ss3
            default: escape = .none  // Alt-<key>: ignored
            }
            return .unchanged
        case .ss3:
            escape = .none
            return key(finalByte: byte, parameters: [])
        case .csi(var parameters):
            if (0x40...0x7E).contains(byte) {
                escape = .none
                return key(finalByte: byte, parameters: parameters)
            }
            if parameters.count < 16 { parameters.append(byte) }
            escape = .csi(parameters)
            return .unchanged
        }
        if !pendingScalar.isEmpty || byte >= 0x80 { return feedUTF8(byte) }
        switch byte {
        case 0x1B: escape = .started; return .unchanged
        case 0x0D, 0x0A:
            let line = text
            characters.removeAll()
            cursor = 0
            return .submitted(line)
        case 0x03: return .interrupted
        case 0x04:
            if characters.isEmpty { return .endOfInput }
            return deleteForward()
        case 0x7F, 0x08: return deleteBackward()
        case 0x01: return moveCursor(to: 0)
        case 0x05: return moveCursor(to: characters.count)
        case 0x02: return moveCursor(to: cursor - 1)
        case 0x06: return moveCursor(to: cursor + 1)
        case 0x15:
            characters.removeFirst(cursor)
            cursor = 0
            return .edited
        case 0x0B:
            characters.removeLast(characters.count - cursor)
            return .edited
        case 0x00..<0x20: return .unchanged
        default: return insert(Unicode.Scalar(byte))
        }
    }

    private mutating func key(finalByte: UInt8, parameters: [UInt8]) -> Outcome {
        switch (finalByte, parameters) {
        case (UInt8(ascii: "C"), _): return moveCursor(to: cursor + 1)
        case (UInt8(ascii: "D"), _): return moveCursor(to: cursor - 1)
        case (UInt8(ascii: "H"), _): return moveCursor(to: 0)
        case (UInt8(ascii: "F"), _): return moveCursor(to: characters.count)
        case (UInt8(ascii: "~"), Array("1".utf8)), (UInt8(ascii: "~"), Array("7".utf8)): return moveCursor(to: 0)
        case (UInt8(ascii: "~"), Array("4".utf8)), (UInt8(ascii: "~"), Array("8".utf8)): return moveCursor(to: characters.count)
        case (UInt8(ascii: "~"), Array("3".utf8)): return deleteForward()
        default: return .unchanged  // ↑/↓, paste markers, function keys, …
        }
    }

    private mutating func feedUTF8(_ byte: UInt8) -> Outcome {
        if pendingScalar.isEmpty {
            switch byte {
            case 0xC2...0xDF: pendingScalarLength = 2
            case 0xE0...0xEF: pendingScalarLength = 3
            case 0xF0...0xF4: pendingScalarLength = 4
            default: return .unchanged  // a stray continuation or invalid lead byte
            }
            pendingScalar = [byte]
            return .unchanged
        }
        guard byte & 0xC0 == 0x80 else {
            // The sequence broke off: drop it and read this byte afresh.
            pendingScalar.removeAll()
            return feed(byte)
        }
        pendingScalar.append(byte)
        guard pendingScalar.count == pendingScalarLength else { return .unchanged }
        defer { pendingScalar.removeAll() }
        var decoder = UTF8()
        var iterator = pendingScalar.makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return .unchanged }
        if scalar.value <= 0x9F { return .unchanged }  // C1 controls are not text
        return insert(scalar)
    }

    private mutating func insert(_ scalar: Unicode.Scalar) -> Outcome {
        // Re-segment around the cursor: a combining mark joins the character before it.
        var before = String(characters[..<cursor])
        before.unicodeScalars.append(scalar)
        let after = characters[cursor...]
        let line = before + String(after)
        characters = Array(line)
        cursor = Swift.min(before.count, characters.count)
        return .edited
    }

    private mutating func deleteBackward() -> Outcome {
        guard cursor > 0 else { return .unchanged }
        characters.remove(at: cursor - 1)
        cursor -= 1
        return .edited
    }

    private mutating func deleteForward() -> Outcome {
        guard cursor < characters.count else { return .unchanged }
        characters.remove(at: cursor)
        return .edited
    }

    private mutating func moveCursor(to position: Int) -> Outcome {
        let clamped = Swift.max(0, Swift.min(position, characters.count))
        guard clamped != cursor else { return .unchanged }
        cursor = clamped
        return .edited
    }
}
