/// Where lines go before and after a ``LineConsole`` exists: plain rows on `output` until one
/// is attached, then through it (so lines reported while a program starts up are not lost).
package final class ConsoleSlot: Sendable {
    private let output: Int32
    private let console = MutexBox<(any LineConsole)?>(nil)

    /// A slot writing to `output` until a console is attached.
    package init(output: Int32 = 1) {
        self.output = output
    }

    /// Sends later lines through `console`.
    package func attach(_ console: any LineConsole) {
        self.console.set(console)
    }

    /// Shows `line` (already escaped) on its own row.
    package func show(_ line: String) {
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
