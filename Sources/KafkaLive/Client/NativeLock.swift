import Synchronization

/// A small mutex for guarding native handles (a `Mutex<Void>` with a typed-throws `withLock`).
final class NativeLock: Sendable {
    private let mutex = Mutex(())

    /// Runs `body` while holding the lock.
    func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        try mutex.withLock { (_: inout ()) throws(Failure) -> Result in try body() }
    }
}
