import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM, caught (not fatal) from the moment ``listen()`` returns.
///
/// A signal that arrives before anyone waits is kept, not lost: a C handler (async-signal-safe,
/// it only writes the signal number to a pipe) records it, and a thread blocked on the pipe's
/// other end delivers it. Dispatch signal sources are not used: on Linux they read a signalfd,
/// which sees a process-directed signal only when every thread blocks it, and the threads the
/// Swift runtime and Dispatch start earlier may not.
final class TerminationSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var received: String?
    private var waiter: CheckedContinuation<String, Never>?
    private var handler: (@Sendable (String) -> Void)?

    private init() {}

    /// Starts catching SIGINT and SIGTERM; the first one is kept for ``wait()`` or ``onSignal(_:)``.
    /// Later signals are caught and ignored.
    static func listen() -> TerminationSignal {
        let listener = TerminationSignal()
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { fatalError("kbench: cannot create the signal pipe (errno \(errno))") }
        let readEnd = ends[0]
        terminationSignalPipe = ends[1]
        for number in [SIGINT, SIGTERM] { catchSignal(number) }
        let reader = Thread {
            // A parent may have started kbench with these signals blocked (the mask is inherited,
            // posix_spawn keeps it): this thread takes them whatever the other threads block.
            var signals = sigset_t()
            sigemptyset(&signals)
            sigaddset(&signals, SIGINT)
            sigaddset(&signals, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &signals, nil)
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
            listener.deliver(byte == UInt8(SIGINT) ? "SIGINT" : "SIGTERM")
        }
        reader.name = "kbench.signals"
        reader.start()
        return listener
    }

    /// Calls `handler` once, on the signal thread, for the first SIGINT or SIGTERM caught by a new listener.
    static func install(_ handler: @escaping @Sendable (String) -> Void) {
        listen().onSignal(handler)
    }

    /// Suspends until the first signal has arrived (at once if it already has) and returns its name.
    func wait() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            lock.lock()
            if let received {
                lock.unlock()
                continuation.resume(returning: received)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }

    /// Calls `handler` with the first signal's name (at once if it already arrived).
    func onSignal(_ handler: @escaping @Sendable (String) -> Void) {
        lock.lock()
        if let received {
            lock.unlock()
            handler(received)
        } else {
            self.handler = handler
            lock.unlock()
        }
    }

    private func deliver(_ name: String) {
        lock.lock()
        received = name
        let waiter = self.waiter, handler = self.handler
        self.waiter = nil
        self.handler = nil
        lock.unlock()
        waiter?.resume(returning: name)
        handler?(name)
    }
}

/// The pipe's write end, for the C signal handler (set once, before the handler is installed).
nonisolated(unsafe) private var terminationSignalPipe: Int32 = -1

/// Installs the pipe-writing handler for `number`; SA_RESTART keeps other threads' calls from failing with EINTR.
private func catchSignal(_ number: Int32) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { number in
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(terminationSignalPipe, &byte, 1)
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = SA_RESTART
    sigaction(number, &action, nil)
}
