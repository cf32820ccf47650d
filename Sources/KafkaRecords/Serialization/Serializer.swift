/// Turns a typed value into the key or value bytes of a Kafka record
/// (Java `org.apache.kafka.common.serialization.Serializer`).
///
/// Returning `nil` writes a null key or value. Conform your own types to plug in any format;
/// the built-ins match Java's serializers byte for byte.
public protocol Serializer<Value> {
    /// The type this serializer accepts.
    associatedtype Value

    /// The bytes for `value`, or `nil` for a null key/value.
    func serialize(_ value: Value) throws(SerializationError) -> [UInt8]?
}

/// Turns the key or value bytes of a record back into a typed value
/// (Java `org.apache.kafka.common.serialization.Deserializer`).
///
/// `bytes` is `nil` for a null key/value; most deserializers reject it
/// (``SerializationError/unexpectedNull(type:)``): wrap them in ``OptionalDeserializer`` to map
/// null to `nil` as Java's do.
public protocol Deserializer<Value> {
    /// The type this deserializer produces.
    associatedtype Value

    /// The value encoded by `bytes` (`nil` = a null key/value).
    func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> Value
}

/// Why a value could not be serialized or deserialized.
public enum SerializationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input has the wrong number of bytes for a fixed-size type.
    case wrongLength(type: String, expected: Int, actual: Int)
    /// The bytes are not valid in `encoding`; `offset` is the first bad byte.
    case invalidEncoding(encoding: String, offset: Int)
    /// The text cannot be represented in `encoding` (only under ``UnmappablePolicy/fail``).
    case unmappableCharacter(encoding: String, character: String)
    /// A byte or text that is not a valid value of the type (e.g. a Bool byte other than 0/1).
    case invalidValue(type: String, reason: String)
    /// A null key/value where the deserializer needs bytes (or bytes where it needs null).
    case unexpectedNull(type: String)
    /// Schema Registry framing: the first byte is not the magic 0x00.
    case badMagic(expected: UInt8, actual: UInt8)
    /// The input ends before the framing or field is complete.
    case truncated(what: String, needed: Int, available: Int)
    /// Schema Registry framing: a schema id other than the one expected.
    case unexpectedSchemaId(expected: Int32, actual: Int32)
    /// JSON encoding or decoding failed.
    case json(String)
    /// A failure reported by a user-defined serializer.
    case custom(String)

    /// One line.
    public var description: String {
        switch self {
        case .wrongLength(let type, let expected, let actual):
            "\(type): expected \(expected) bytes, got \(actual)"
        case .invalidEncoding(let encoding, let offset):
            "invalid \(encoding) at byte \(offset)"
        case .unmappableCharacter(let encoding, let character):
            "character \(character.debugDescription) cannot be encoded in \(encoding)"
        case .invalidValue(let type, let reason):
            "\(type): \(reason)"
        case .unexpectedNull(let type):
            "\(type): unexpected null"
        case .badMagic(let expected, let actual):
            "bad magic byte \(actual), expected \(expected)"
        case .truncated(let what, let needed, let available):
            "\(what) truncated: needs \(needed) bytes, \(available) available"
        case .unexpectedSchemaId(let expected, let actual):
            "schema id \(actual), expected \(expected)"
        case .json(let reason):
            "JSON: \(reason)"
        case .custom(let reason):
            reason
        }
    }
}

extension Optional where Wrapped == [UInt8] {
    /// The bytes, or ``SerializationError/unexpectedNull(type:)`` for `type`.
    @inlinable
    func required(_ type: String) throws(SerializationError) -> [UInt8] {
        guard let self else { throw .unexpectedNull(type: type) }
        return self
    }
}
