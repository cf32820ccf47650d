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

extension Optional where Wrapped == [UInt8] {
    /// The bytes, or ``SerializationError/unexpectedNull(type:)`` for `type`.
    @inlinable
    func required(_ type: String) throws(SerializationError) -> [UInt8] {
        guard let self else { throw .unexpectedNull(type: type) }
        return self
    }
}
