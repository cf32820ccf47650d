import Foundation
import KafkaLive
import Synchronization

/// The shared state of a ``ChatSession``: the delivery ledger, the cluster's reachability,
/// the running flag and the threads, behind one mutex. Events are emitted outside the lock.
final class ChatSessionState: Sendable {
    private struct Guarded {
        var ledger = ChatDeliveryLedger()
        var reachability = ClusterReachability()
        var lastReadError: String?
        var running = false
        var started = false
        var threads: [DispatchSemaphore] = []
    }

    private let guarded = Mutex(Guarded())
    private let onEvent: @Sendable (ChatEvent) -> Void

    init(onEvent: @escaping @Sendable (ChatEvent) -> Void) {
        self.onEvent = onEvent
    }

    func emit(_ event: ChatEvent?) {
        if let event { onEvent(event) }
    }

    /// Marks the session running; false when it was started before.
    func begin() -> Bool {
        guarded.withLock { state in
            guard !state.started else { return false }
            state.started = true
            state.running = true
            return true
        }
    }

    var isRunning: Bool { guarded.withLock { $0.running } }

    var isClusterLost: Bool { guarded.withLock { $0.reachability.isLost } }

    /// Runs `body` on a new thread, joined by ``stop()``.
    func spawn(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        guarded.withLock { $0.threads.append(done) }
        Thread {
            defer { done.signal() }
            body()
        }.start()
    }

    /// Stops the threads and waits for them (each at most 2 s).
    func stop() {
        let threads = guarded.withLock { state in
            state.running = false
            defer { state.threads.removeAll() }
            return state.threads
        }
        for done in threads { _ = done.wait(timeout: .now() + 2) }
    }

    func register(text: String, recipient: String, sentAt: Date) -> ChatOutgoing {
        guarded.withLock { $0.ledger.register(text: text, recipient: recipient, sentAt: sentAt) }
    }

    func withdraw(id: UInt) {
        guarded.withLock { $0.ledger.withdraw(id: id) }
    }

    /// Settles a line by its delivery report; a delivery is also a sign of life.
    func settle(_ report: DeliveryReport) {
        let events: [ChatEvent?] = guarded.withLock { state in
            let regained = report.isDelivered ? state.reachability.noteContact() : nil
            let reason = report.error.map { error -> String in
                if case .librdkafka(_, let code, let message) = error { return "\(code.name): \(message)" }
                return error.description
            }
            return [regained, state.ledger.settle(id: report.messageID, error: reason)]
        }
        events.forEach(emit)
    }

    func noteClientError(_ error: KafkaLiveError) {
        guard case .librdkafka(_, let code, let message) = error else { return }
        emit(guarded.withLock { $0.reachability.note(error: code, reason: message) })
    }

    func noteContact() {
        emit(guarded.withLock { state in
            state.lastReadError = nil
            return state.reachability.noteContact()
        })
    }

    /// A failed poll: connection trouble feeds the reachability; anything else is reported
    /// once until it changes.
    func noteReadError(_ error: KafkaLiveError) {
        if case .librdkafka(_, let code, let message) = error, code == .allBrokersDown || code == .transport {
            noteClientError(.librdkafka(operation: "client", code: code, message: message))
            return
        }
        let text = error.description
        let isNew = guarded.withLock { state in
            defer { state.lastReadError = text }
            return state.lastReadError != text
        }
        if isNew { emit(.readError(text)) }
        Thread.sleep(forTimeInterval: 0.1)
    }

    /// Reports every line still pending as not delivered and returns all undelivered lines.
    func abandonPending(reason: String) -> [ChatOutgoing] {
        let (events, undelivered) = guarded.withLock { state in
            (state.ledger.abandonPending(reason: reason), state.ledger.undelivered)
        }
        events.forEach(emit)
        return undelivered
    }
}
