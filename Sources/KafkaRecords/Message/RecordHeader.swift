/// One record header: a UTF-8 key (never null) and an optional byte value.
///
/// A record carries headers as an ordered list; keys may repeat and values may be null,
/// exactly as Java's `RecordHeaders` allows.
public struct RecordHeader: Sendable, Hashable, Codable {
    /// The header key (written as UTF-8).
    public var key: String
    /// The header value; `nil` is a null value (length -1 on the wire).
    public var value: [UInt8]?

    /// Creates a header from raw value bytes.
    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }

    /// Creates a header whose value is the UTF-8 bytes of `text`.
    public init(key: String, text: String) {
        self.key = key
        self.value = Array(text.utf8)
    }
}
