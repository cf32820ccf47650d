#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line read from a ``LineConsole``.
public enum ConsoleInput: Sendable, Hashable {
    /// A line (without its end).
    case line(String)
    /// The end of input (Ctrl-D on an empty line, or end of file).
    case end
    /// Ctrl-C on a terminal.
    case interrupt
}

/// Line input and line output that do not get in each other's way: ``show(_:)`` may be
/// called from any thread while another one waits in ``nextLine()``.
public protocol LineConsole: AnyObject, Sendable {
    /// The next line typed (blocks).
    func nextLine() -> ConsoleInput
    /// Prints `line` (already escaped: see ``TerminalText``) on its own row.
    func show(_ line: String)
    /// Restores the terminal, if it was changed (idempotent).
    func close()
}

/// The console for `input`/`output`: a ``TerminalConsole`` with a prompt and line editing
/// when both are terminals, else plain lines (``PlainConsole``).
public func makeLineConsole(prompt: String, input: Int32 = 0, output: Int32 = 1) -> any LineConsole {
    TerminalConsole(prompt: prompt, input: input, output: output) ?? PlainConsole(input: input, output: output)
}

/// Plain line mode (input piped): lines are read up to `\n` (a trailing `\r` is dropped),
/// output lines are written whole.
public final class PlainConsole: LineConsole, @unchecked Sendable {
    private let input: Int32
    private let output: Int32
    private let lock = SystemLock()
    private var buffered: [UInt8] = []
    private var atEnd = false

    /// A console reading `input` and writing `output`.
    public init(input: Int32 = 0, output: Int32 = 1) {
        self.input = input
        self.output = output
    }

    /// The next line, or `.end` at end of file.
    public func nextLine() -> ConsoleInput {
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                var line = Array(buffered[..<newline])
                buffered.removeFirst(newline + 1)
                if line.last == 0x0D { line.removeLast() }
                return .line(String(decoding: line, as: UTF8.self))
            }
            if atEnd {
                guard !buffered.isEmpty else { return .end }
                defer { buffered.removeAll() }
                return .line(String(decoding: buffered, as: UTF8.self))
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { atEnd = true } else { buffered.append(contentsOf: chunk[..<count]) }
        }
    }

    /// Writes `line` and a newline.
    public func show(_ line: String) {
        lock.withLock { writeAll(output, line + "\n") }
    }

    /// Nothing to restore.
    public func close() {}
}

/// A terminal in raw mode with a prompt (`alice> `) and a ``LineEditor``: lines shown by
/// ``show(_:)`` appear above the prompt, which is then redrawn with the partly typed line.
public final class TerminalConsole: LineConsole, @unchecked Sendable {
    private let terminal: RawTerminal
    private let output: Int32
    private let prompt: String
    private let lock = SystemLock()
    private var editor = LineEditor()
    private var closed = false

    /// Raw mode on `input` with `prompt`; nil when `input` or `output` is not a terminal.
    public init?(prompt: String, input: Int32 = 0, output: Int32 = 1) {
        guard RawTerminal.isTerminal(output), let terminal = RawTerminal(fileDescriptor: input) else { return nil }
        self.terminal = terminal
        self.output = output
        self.prompt = prompt
        lock.withLock { draw(LineRendering.redraw(prompt: prompt, editor: editor, columns: terminal.columns)) }
    }

    /// Reads keys until a line is submitted, the input ends or Ctrl-C.
    public func nextLine() -> ConsoleInput {
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
    public func show(_ line: String) {
        lock.withLock {
            if closed {
                writeAll(output, line + "\n")
            } else {
                draw(LineRendering.lineAbove(line, prompt: prompt, editor: editor, columns: terminal.columns))
            }
        }
    }

    /// Clears the prompt row and restores the terminal.
    public func close() {
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

/// Where lines go before and after a ``LineConsole`` exists: plain rows on `output` until one
/// is attached, then through it (so lines reported while a program starts up are not lost).
public final class ConsoleSlot: Sendable {
    private let output: Int32
    private let console = MutexBox<(any LineConsole)?>(nil)

    /// A slot writing to `output` until a console is attached.
    public init(output: Int32 = 1) {
        self.output = output
    }

    /// Sends later lines through `console`.
    public func attach(_ console: any LineConsole) {
        self.console.set(console)
    }

    /// Shows `line` (already escaped) on its own row.
    public func show(_ line: String) {
        if let console = console.get() {
            console.show(line)
        } else {
            writeAll(output, line + "\n")
        }
    }
}

/// A value behind a ``SystemLock``.
final class MutexBox<Value: Sendable>: @unchecked Sendable {
    private let lock = SystemLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func get() -> Value { lock.withLock { value } }

    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
