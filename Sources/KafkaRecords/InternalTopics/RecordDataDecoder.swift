/// How kafka-dump-log turns a record's key and value into the text after ` key:` and
/// ` payload:` with `--print-data-log`.
public enum RecordDataDecoder: Sendable, Hashable {
    /// UTF-8 text (Kafka's default `StringDecoder`).
    case text
    /// `--offsets-decoder`: `__consumer_offsets` records as JSON (``ConsumerOffsetsDecoder``).
    case offsets
    /// `--transaction-log-decoder`: `__transaction_state` records (``TransactionLogDecoder``).
    case transactionLog
}

/// The key and payload text of one record decoded from an internal topic, as kafka-dump-log
/// prints them (nil: not printed), and whether decoding failed.
public struct DecodedRecordData: Sendable, Hashable {
    /// The text after ` key: `, or nil.
    public var key: String?
    /// The text after ` payload: `, or nil.
    public var payload: String?
    /// Whether the text reports a record that could not be decoded (`Error at offset …`).
    public var isError: Bool

    /// A decoded key and payload.
    public init(key: String?, payload: String?, isError: Bool = false) {
        self.key = key
        self.payload = payload
        self.isError = isError
    }

    /// Kafka's inline report of a record that could not be decoded: the key text
    /// `Error at offset N, skipping. MESSAGE`, no payload.
    static func error(at offset: Int64, _ message: String) -> DecodedRecordData {
        DecodedRecordData(key: "Error at offset \(offset), skipping. \(message)", payload: nil, isError: true)
    }
}

extension RecordDataDecoder {
    /// Decodes a record's key and value (nil = null) with this decoder; nil for ``text``,
    /// whose key and payload are the bytes themselves.
    public func decode(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, offset: Int64) -> DecodedRecordData? {
        switch self {
        case .text: nil
        case .offsets: ConsumerOffsetsDecoder.decode(key: key, value: value, offset: offset)
        case .transactionLog: TransactionLogDecoder.decode(key: key, value: value, offset: offset)
        }
    }
}

/// A key or value message that could not be read: Kafka's `CoordinatorRecordSerde` wording.
struct MessageReadFailure: Error {
    let message: String

    /// `Could not read version from key's buffer.`
    static func noVersion(_ part: String) -> MessageReadFailure {
        MessageReadFailure(message: "Could not read version from \(part)'s buffer.")
    }

    /// `Could not read record with version V from value's buffer due to: REASON.`
    static func unreadable(_ part: String, version: Int16, _ reason: String) -> MessageReadFailure {
        MessageReadFailure(message: "Could not read record with version \(version) from \(part)'s buffer due to: \(reason).")
    }

    /// The generated code's `Can't read version V of NAME`.
    static func unsupported(_ part: String, version: Int16, schema: String) -> MessageReadFailure {
        unreadable(part, version: version, "Can't read version \(version) of \(schema)")
    }
}
