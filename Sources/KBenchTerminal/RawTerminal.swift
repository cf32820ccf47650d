#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A terminal switched to raw input (no line buffering, no echo, no signal keys: Ctrl-C and
/// Ctrl-D arrive as bytes) with output processing kept (`\n` still ends a row). The original
/// settings come back with ``restore()``, and also at process exit (`atexit`) whatever path
/// the exit takes — a signal handler that ends the process should call ``restore()`` first.
package final class RawTerminal: @unchecked Sendable {
    /// The terminal's file descriptor.
    package let fileDescriptor: Int32
    private let original: termios
    private let lock = SystemLock()
    private var isRaw = true

    /// Whether `fileDescriptor` is a terminal.
    package static func isTerminal(_ fileDescriptor: Int32) -> Bool { isatty(fileDescriptor) == 1 }

    /// Switches `fileDescriptor` to raw input; nil when it is not a terminal.
    package init?(fileDescriptor: Int32 = 0) {
        var settings = termios()
        guard isatty(fileDescriptor) == 1, tcgetattr(fileDescriptor, &settings) == 0 else { return nil }
        self.fileDescriptor = fileDescriptor
        original = settings
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        settings.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR | ISTRIP)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(fileDescriptor, TCSANOW, &settings) == 0 else { return nil }
        RawTerminalRegistry.register(fileDescriptor, original)
    }

    deinit { restore() }

    /// Puts the original settings back (idempotent).
    package func restore() {
        lock.withLock {
            guard isRaw else { return }
            isRaw = false
            var settings = original
            _ = tcsetattr(fileDescriptor, TCSANOW, &settings)
            RawTerminalRegistry.unregister()
        }
    }

    /// The terminal's width in columns (80 when unknown).
    package var columns: Int {
        var size = winsize()
        guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}

/// The settings `atexit` restores (one raw terminal per process).
private enum RawTerminalRegistry {
    nonisolated(unsafe) static var saved: (Int32, termios)?
    nonisolated(unsafe) static var installed = false
    static let lock = SystemLock()

    static func register(_ fileDescriptor: Int32, _ settings: termios) {
        lock.withLock {
            saved = (fileDescriptor, settings)
            if !installed {
                installed = true
                atexit { RawTerminalRegistry.restoreAtExit() }
            }
        }
    }

    static func unregister() {
        lock.withLock { saved = nil }
    }

    static func restoreAtExit() {
        guard let (fileDescriptor, original) = saved else { return }
        var settings = original
        _ = tcsetattr(fileDescriptor, TCSANOW, &settings)
    }
}

/// A pthread mutex (KBenchTerminal has no Foundation dependency).
final class SystemLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
