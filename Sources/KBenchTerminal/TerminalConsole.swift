#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A terminal in raw mode with a prompt (`alice> `) and a ``LineEditor``: lines shown by
/// ``show(_:)`` appear above the prompt, which is then redrawn with the partly typed line.
package final class TerminalConsole: LineConsole, @unchecked Sendable {
    private let terminal: RawTerminal
    private let output: Int32
    private let prompt: String
    private let lock = SystemLock()
    private var editor = LineEditor()
    private var closed = false

    /// Raw mode on `input` with `prompt`; nil when `input` or `output` is not a terminal.
    package init?(prompt: String, input: Int32 = 0, output: Int32 = 1) {
        guard RawTerminal.isTerminal(output), let terminal = RawTerminal(fileDescriptor: input) else { return nil }
        self.terminal = terminal
        self.output = output
        self.prompt = prompt
        lock.withLock { draw(LineRendering.redraw(prompt: prompt, editor: editor, columns: terminal.columns)) }
    }

    /// Reads keys until a line is submitted, the input ends or Ctrl-C.
    package func nextLine() -> ConsoleInput {
        var chunk = [UInt8](repeating: 0, count: 256)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(terminal.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return .end }
            let result: ConsoleInput? = lock.withLock {
                for byte in chunk[..<count] {
                    switch editor.feed(byte) {
                    case .unchanged: continue
                    case .edited: draw(LineRendering.redraw(prompt: prompt, editor: editor, columns: terminal.columns))
                    case .submitted(let line):
                        // Keep the row clean: the chat shows the line itself once it is sent.
                        draw(LineRendering.redraw(prompt: prompt, editor: editor, columns: terminal.columns))
                        return .line(line)
                    case .endOfInput: return .end
                    case .interrupted: return .interrupt
                    }
                }
                return nil
            }
            if let result { return result }
        }
    }

    /// Shows `line` above the prompt and redraws the line being typed.
    package func show(_ line: String) {
        lock.withLock {
            if closed {
                writeAll(output, line + "\n")
            } else {
                draw(LineRendering.lineAbove(line, prompt: prompt, editor: editor, columns: terminal.columns))
            }
        }
    }

    /// Clears the prompt row and restores the terminal.
    package func close() {
        lock.withLock {
            guard !closed else { return }
            closed = true
            draw("\r\u{1B}[K")
            terminal.restore()
        }
    }

    private func draw(_ text: String) {
        writeAll(output, text)
    }
}
