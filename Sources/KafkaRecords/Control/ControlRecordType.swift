/// The type in a control record's key (Apache Kafka's `ControlRecordType.java`): transaction
/// markers and the KRaft quorum's control records.
public struct ControlRecordType: Sendable, Hashable, CustomStringConvertible {
    /// The type id stored in the key.
    public let id: Int16

    /// A type by its id (unknown ids are kept and named `UNKNOWN`).
    public init(id: Int16) { self.id = id }

    /// End of an aborted transaction (0).
    public static let abort = ControlRecordType(id: 0)
    /// End of a committed transaction (1).
    public static let commit = ControlRecordType(id: 1)
    /// KRaft leader change (2).
    public static let leaderChange = ControlRecordType(id: 2)
    /// KRaft snapshot header (3).
    public static let snapshotHeader = ControlRecordType(id: 3)
    /// KRaft snapshot footer (4).
    public static let snapshotFooter = ControlRecordType(id: 4)
    /// KRaft version (5).
    public static let kraftVersion = ControlRecordType(id: 5)
    /// KRaft voters (6).
    public static let kraftVoters = ControlRecordType(id: 6)

    private static let names = ["ABORT", "COMMIT", "LEADER_CHANGE", "SNAPSHOT_HEADER", "SNAPSHOT_FOOTER", "KRAFT_VERSION", "KRAFT_VOTERS"]

    /// Whether this type ends a transaction (ABORT or COMMIT): its value is an
    /// ``EndTransactionMarker``.
    public var isTransactionMarker: Bool { id == 0 || id == 1 }

    /// Kafka's enum name (`COMMIT`, …), `UNKNOWN` for ids Kafka does not define.
    public var description: String {
        id >= 0 && Int(id) < Self.names.count ? Self.names[Int(id)] : "UNKNOWN"
    }
}
