#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A single-line progress bar on a terminal, for work longer than about a second.
///
/// Draws only when its file descriptor (stderr by default) is a terminal — otherwise
/// every call is a cheap no-op, so piped and CI output stay clean. Redraws at most ten
/// times a second, starts drawing only after `initialDelay` (short work never flickers),
/// and ``finish()`` erases the line. Thread-safe: call ``advance(by:)`` from any thread
/// or task — but per chunk of work, not per key (each call takes a lock and reads the clock).
package final class ProgressReporter: Sendable {
    /// Whether anything is drawn (the descriptor is a terminal, or the caller forced it).
    package let isEnabled: Bool
    /// Text before the bar.
    package let label: String
    /// Units of work in total, if known.
    package let total: Int?
    /// Name of a unit for the rate (`keys` gives `1.2 M keys/s`; empty gives `1.2 M/s`).
    package let unit: String

    private let fileDescriptor: Int32
    private let started: ContinuousClock.Instant
    private let initialDelay: Duration
    private let state: Mutex<State>

    /// Minimum time between two redraws (ten per second at most).
    package static let redrawInterval: Duration = .milliseconds(100)

    private struct State {
        var completed = 0
        var lastDraw: ContinuousClock.Instant?
        var drawn = false
        var finished = false
    }

    /// A reporter writing to `fileDescriptor` (stderr by default).
    /// - Parameters:
    ///   - enabled: force drawing on or off; `nil` (the default) draws only if
    ///     `fileDescriptor` is a terminal.
    ///   - initialDelay: nothing is drawn before this much time has passed.
    package init(label: String, total: Int?, unit: String = "", fileDescriptor: Int32 = 2,
                enabled: Bool? = nil, initialDelay: Duration = .milliseconds(200)) {
        self.label = label
        self.total = total
        self.unit = unit
        self.fileDescriptor = fileDescriptor
        self.isEnabled = enabled ?? Self.isTerminal(fileDescriptor)
        self.initialDelay = initialDelay
        self.started = .now
        self.state = Mutex(State())
    }

    deinit {
        finish()
    }

    /// Whether `fileDescriptor` is a terminal (isatty).
    package static func isTerminal(_ fileDescriptor: Int32) -> Bool {
        isatty(fileDescriptor) == 1
    }

    /// Records `count` more units done and redraws if due.
    package func advance(by count: Int = 1) {
        guard isEnabled else { return }
        state.withLock { state in
            state.completed &+= count
            drawIfDue(&state)
        }
    }

    /// Sets the units done so far and redraws if due.
    package func update(completed: Int) {
        guard isEnabled else { return }
        state.withLock { state in
            state.completed = completed
            drawIfDue(&state)
        }
    }

    /// Units done so far (0 when disabled: nothing is counted).
    package var completed: Int {
        state.withLock { $0.completed }
    }

    /// Erases the line if one was drawn and stops drawing. Safe to call more than once.
    package func finish() {
        guard isEnabled else { return }
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            if state.drawn { emit("\r\u{1B}[K") }
        }
    }

    private func drawIfDue(_ state: inout State) {
        guard !state.finished else { return }
        let now = ContinuousClock.now
        let elapsed = now - started
        if elapsed < initialDelay { return }
        if let last = state.lastDraw, now - last < Self.redrawInterval { return }
        state.lastDraw = now
        state.drawn = true
        let line = ProgressLine.render(label: label, completed: state.completed, total: total,
                                       elapsedSeconds: elapsed.seconds, unit: unit,
                                       width: max(terminalWidth() - 1, 20))
        emit("\r" + line + "\u{1B}[K")
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    private func emit(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(fileDescriptor, base + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }  // a closed or full descriptor: give up quietly
                offset += written
            }
        }
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    package var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
