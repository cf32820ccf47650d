import Foundation
import KafkaLive

/// One chat message as received.
package struct ChatLine: Sendable, Hashable {
    /// The sender (the record's key; invalid UTF-8 replaced by U+FFFD; not escaped).
    package var sender: String
    /// The text (the record's value; invalid UTF-8 replaced by U+FFFD; not escaped).
    package var text: String
    /// The send time from the `sent-at` header, if present and valid.
    package var sentAt: Date?

    /// A line from `sender`.
    package init(sender: String, text: String, sentAt: Date?) {
        self.sender = sender
        self.text = text
        self.sentAt = sentAt
    }
}

/// One line this participant sent, until its delivery report settles it.
package struct ChatOutgoing: Sendable, Hashable {
    /// The id it was produced with (librdkafka's per-message opaque).
    package var id: UInt
    /// The text typed.
    package var text: String
    /// Who it is for.
    package var recipient: String
    /// When it was sent (also its `sent-at` header).
    package var sentAt: Date

    /// A line sent with `id`.
    package init(id: UInt, text: String, recipient: String, sentAt: Date) {
        self.id = id
        self.text = text
        self.recipient = recipient
        self.sentAt = sentAt
    }
}

/// What a running ``ChatSession`` reports, in the order it happens.
package enum ChatEvent: Sendable, Hashable {
    /// A peer's line arrived.
    case received(ChatLine)
    /// The cluster acknowledged one of this participant's lines.
    case delivered(ChatOutgoing)
    /// librdkafka gave up on one of this participant's lines (`reason`: its error).
    case notDelivered(ChatOutgoing, reason: String)
    /// No broker of the cluster can be reached (`reason`: librdkafka's words).
    case clusterLost(reason: String)
    /// A broker answers again after ``clusterLost(reason:)``.
    case clusterRegained
    /// Reading the chat failed for another reason (librdkafka's text).
    case readError(String)
}

/// The lines sent and not yet settled by a delivery report, and those that failed: the
/// bookkeeping behind ``ChatEvent/delivered(_:)``, ``ChatEvent/notDelivered(_:reason:)`` and
/// the count of undelivered lines at exit.
package struct ChatDeliveryLedger: Sendable {
    private var nextID: UInt = 1
    /// Lines sent and not yet settled, by id.
    package private(set) var pending: [UInt: ChatOutgoing] = [:]
    /// Lines librdkafka gave up on, in the order it did.
    package private(set) var failed: [ChatOutgoing] = []

    /// An empty ledger.
    package init() {}

    /// Registers a line about to be produced and returns it with its id.
    package mutating func register(text: String, recipient: String, sentAt: Date) -> ChatOutgoing {
        let outgoing = ChatOutgoing(id: nextID, text: text, recipient: recipient, sentAt: sentAt)
        nextID += 1
        pending[outgoing.id] = outgoing
        return outgoing
    }

    /// Settles line `id` by its delivery report (`error` nil: delivered); nil for an unknown id.
    package mutating func settle(id: UInt, error: String?) -> ChatEvent? {
        guard let outgoing = pending.removeValue(forKey: id) else { return nil }
        guard let error else { return .delivered(outgoing) }
        failed.append(outgoing)
        return .notDelivered(outgoing, reason: error)
    }

    /// Forgets a line whose produce call failed (it was reported to the caller directly).
    package mutating func withdraw(id: UInt) {
        pending.removeValue(forKey: id)
    }

    /// Gives up on every line still pending (the chat is ending): each becomes a failure
    /// with `reason`, in sending order.
    package mutating func abandonPending(reason: String) -> [ChatEvent] {
        let abandoned = pending.values.sorted { $0.id < $1.id }
        pending.removeAll()
        failed += abandoned
        return abandoned.map { .notDelivered($0, reason: reason) }
    }

    /// Every line not delivered: failed ones, then those still pending, in sending order.
    package var undelivered: [ChatOutgoing] {
        failed + pending.values.sorted { $0.id < $1.id }
    }
}

/// Whether the cluster is reachable, from librdkafka's signals: `_ALL_BROKERS_DOWN` means
/// lost (announced once); any sign of life afterwards (a delivery, a fetched message, an
/// answered metadata probe) means regained (announced once).
package struct ClusterReachability: Sendable {
    /// Whether the cluster is currently considered lost.
    package private(set) var isLost = false

    /// A reachable cluster.
    package init() {}

    /// Notes librdkafka's client error `code`; the announcement to make, if any.
    package mutating func note(error code: LibrdkafkaErrorCode, reason: String) -> ChatEvent? {
        guard code == .allBrokersDown, !isLost else { return nil }
        isLost = true
        return .clusterLost(reason: reason)
    }

    /// Notes a sign of life from the cluster; the announcement to make, if any.
    package mutating func noteContact() -> ChatEvent? {
        guard isLost else { return nil }
        isLost = false
        return .clusterRegained
    }
}
