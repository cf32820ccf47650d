import KafkaLive

/// The records one producer's delivery reports said were delivered, by sequence number: the
/// producer side of the exactly-once check, filled on the polling thread by a
/// ``StampedDeliveryReceiver`` from each delivered value's ``EndToEndStamp``.
final class DeliveredLedger: @unchecked Sendable {
    // Touched only from the producer's polling thread while it runs; read after it stopped.
    @exclusivity(unchecked) private(set) var sequences = SequenceBitmap()

    deinit { sequences.deallocate() }

    /// Counts the record whose stamp carries `identityBits` as delivered.
    @inline(__always)
    func markDelivered(_ identityBits: UInt64) {
        _ = sequences.insert(identityBits & (EndToEndStamp.Identity.sequenceLimit - 1))
    }
}

/// Passes every delivery report to the run's ``DeliveryAccounting`` and marks the delivered
/// ones in a ``DeliveredLedger`` (the report's value is librdkafka's copy of the stamped value).
final class StampedDeliveryReceiver: DeliveryEventReceiver, @unchecked Sendable {
    private let accounting: DeliveryAccounting
    private let ledger: DeliveredLedger

    /// A receiver feeding `accounting` and `ledger`.
    init(accounting: DeliveryAccounting, ledger: DeliveredLedger) {
        self.accounting = accounting
        self.ledger = ledger
    }

    func receive(_ event: DeliveryEvent) {
        accounting.receive(event)
        guard event.isDelivered, let value = event.value, let stamp = EndToEndStamp.read(value) else { return }
        ledger.markDelivered(stamp.identity)
    }
}
