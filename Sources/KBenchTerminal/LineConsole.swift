#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line read from a ``LineConsole``.
package enum ConsoleInput: Sendable, Hashable {
    /// A line (without its end).
    case line(String)
    /// The end of input (Ctrl-D on an empty line, or end of file).
    case end
    /// Ctrl-C on a terminal.
    case interrupt
}

/// Line input and line output that do not get in each other's way: ``show(_:)`` may be
/// called from any thread while another one waits in ``nextLine()``.
package protocol LineConsole: AnyObject, Sendable {
    /// The next line typed (blocks).
    func nextLine() -> ConsoleInput
    /// Prints `line` (already escaped: see ``TerminalText``) on its own row.
    func show(_ line: String)
    /// Restores the terminal, if it was changed (idempotent).
    func close()
}

/// The console for `input`/`output`: a ``TerminalConsole`` with a prompt and line editing
/// when both are terminals, else plain lines (``PlainConsole``).
package func makeLineConsole(prompt: String, input: Int32 = 0, output: Int32 = 1) -> any LineConsole {
    TerminalConsole(prompt: prompt, input: input, output: output) ?? PlainConsole(input: input, output: output)
}

/// Writes all of `text` to `fileDescriptor` (retrying short writes and EINTR).
func writeAll(_ fileDescriptor: Int32, _ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(fileDescriptor, $0.baseAddress, $0.count) }
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}
