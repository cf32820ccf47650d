/// The value of an ABORT or COMMIT control record (Apache Kafka's `EndTransactionMarker.java`):
/// `version int16` (0), `coordinatorEpoch int32`.
public struct EndTransactionMarker: Sendable, Hashable {
    /// ``ControlRecordType/commit`` or ``ControlRecordType/abort``.
    public var type: ControlRecordType
    /// The value's version (0; later versions are read as version 0, as Kafka does).
    public var version: Int16
    /// The epoch of the transaction coordinator that wrote the marker.
    public var coordinatorEpoch: Int32

    /// A marker.
    public init(type: ControlRecordType, version: Int16 = 0, coordinatorEpoch: Int32) {
        self.type = type
        self.version = version
        self.coordinatorEpoch = coordinatorEpoch
    }

    /// Whether the transaction was committed.
    public var isCommit: Bool { type == .commit }
}

/// A decoded control record (a record of a batch whose attributes have the control bit 5).
///
/// Key (`ControlRecordType.java`): `version int16` (0; negative is corrupt, later versions are
/// read as 0), `type int16`. Transaction markers carry an ``EndTransactionMarker`` value; the
/// KRaft types' values are not decoded here.
public enum ControlRecord: Sendable, Hashable {
    /// An ABORT or COMMIT marker.
    case endTransaction(EndTransactionMarker)
    /// Any other control type (KRaft records, unknown ids).
    case other(ControlRecordType)

    /// The key's type.
    public var type: ControlRecordType {
        switch self {
        case .endTransaction(let marker): marker.type
        case .other(let type): type
        }
    }

    /// kafka-dump-log's text after a control record's metadata:
    /// ` endTxnMarker: COMMIT coordinatorEpoch: 5` or ` controlType: LEADER_CHANGE(2)`.
    public var dumpText: String {
        switch self {
        case .endTransaction(let marker): " endTxnMarker: \(marker.type) coordinatorEpoch: \(marker.coordinatorEpoch)"
        case .other(let type): " controlType: \(type)(\(type.id))"
        }
    }

    /// Decodes a control record from its key and value bytes; errors name `field` + `.key` or
    /// `.value` at the position `location` gives for the key and value starts.
    static func decode(
        key: UnsafeRawBufferPointer?,
        keyStart: Int,
        value: UnsafeRawBufferPointer?,
        valueStart: Int,
        field: String,
        location: ByteLocation
    ) throws(RecordBatchError) -> ControlRecord {
        guard let key, key.count >= 4 else {
            throw location.error(field + ".key", at: keyStart, .truncated(needed: 4, available: key?.count ?? 0))
        }
        let keyVersion = Int16(bigEndian: key.loadUnaligned(fromByteOffset: 0, as: Int16.self))
        guard keyVersion >= 0 else { throw location.error(field + ".key", at: keyStart, .invalidVersion(keyVersion)) }
        let type = ControlRecordType(id: Int16(bigEndian: key.loadUnaligned(fromByteOffset: 2, as: Int16.self)))
        guard type.isTransactionMarker else { return .other(type) }
        guard let value, value.count >= 6 else {
            throw location.error(field + ".value", at: valueStart, .truncated(needed: 6, available: value?.count ?? 0))
        }
        let version = Int16(bigEndian: value.loadUnaligned(fromByteOffset: 0, as: Int16.self))
        guard version >= 0 else { throw location.error(field + ".value", at: valueStart, .invalidVersion(version)) }
        let epoch = Int32(bigEndian: value.loadUnaligned(fromByteOffset: 2, as: Int32.self))
        return .endTransaction(EndTransactionMarker(type: type, version: version, coordinatorEpoch: epoch))
    }
}

extension RecordIterator {
    /// The control record `view` holds (a record of a control batch), with typed errors naming
    /// `records[N].key` / `records[N].value` and their byte offsets.
    public func controlRecord(_ view: RecordView) throws(RecordBatchError) -> ControlRecord {
        let location = location
        return try withUnsafeBytes { (buffer) throws(RecordBatchError) in
            try ControlRecord.decode(
                key: view.key.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) },
                keyStart: view.keyLengthStart,
                value: view.value.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) },
                valueStart: view.valueLengthStart,
                field: "records[\(view.number)]",
                location: location
            )
        }
    }
}
