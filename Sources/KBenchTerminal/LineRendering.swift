/// What to write to a terminal to show a ``LineEditor``'s line after a prompt on the current
/// row: pure functions, so the drawing is testable without a terminal.
///
/// The line is drawn from column 0 (`CR`), erased to the end of the row (`ESC[K`) and the
/// cursor is moved back (`ESC[nD`) by the display width (``DisplayWidth``: two columns for
/// CJK and emoji) of what follows it. A line wider than the terminal scrolls horizontally so
/// the cursor stays visible. Characters are shown through ``TerminalText`` (a typed bidi
/// control shows as `\u202e`).
package enum LineRendering {
    /// Redraws `prompt` and `editor`'s line in a terminal `columns` wide.
    package static func redraw(prompt: String, editor: LineEditor, columns: Int) -> String {
        let shown = editor.characters.map { TerminalText.escaped(String($0)) }
        let widths = shown.map(DisplayWidth.of)
        let available = Swift.max(columns - DisplayWidth.of(prompt) - 1, 1)
        var start = 0
        var widthBeforeCursor = widths[..<editor.cursor].reduce(0, +)
        while widthBeforeCursor > available, start < editor.cursor {
            widthBeforeCursor -= widths[start]
            start += 1
        }
        var end = editor.cursor
        var used = widthBeforeCursor
        while end < shown.count, used + widths[end] <= available {
            used += widths[end]
            end += 1
        }
        let afterCursor = widths[editor.cursor..<end].reduce(0, +)
        var output = "\r" + prompt + shown[start..<end].joined() + "\u{1B}[K"
        if afterCursor > 0 { output += "\u{1B}[\(afterCursor)D" }
        return output
    }

    /// Shows `line` (already escaped) on its own row above the prompt, then redraws the prompt
    /// and the partly typed line under it.
    package static func lineAbove(_ line: String, prompt: String, editor: LineEditor, columns: Int) -> String {
        "\r\u{1B}[K" + line + "\r\n" + redraw(prompt: prompt, editor: editor, columns: columns)
    }
}
