import Foundation

/// Java `UUIDSerializer`: the 36-character lowercase text form (`8-4-4-4-12` hex digits) in
/// UTF-8 — not the 16 raw bytes.
public struct UUIDSerializer: Serializer, Sendable {
    /// Creates the serializer.
    public init() {}
    /// e.g. `123e4567-e89b-12d3-a456-426614174000` as 36 bytes.
    public func serialize(_ value: UUID) throws(SerializationError) -> [UInt8]? {
        Array(value.uuidString.lowercased().utf8)
    }
}

/// Java `UUIDDeserializer`: parses the text form (either case); anything else is an error.
public struct UUIDDeserializer: Deserializer, Sendable {
    /// Creates the deserializer.
    public init() {}
    /// The UUID written as text.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> UUID {
        let text = try StringDeserializer().deserialize(bytes.required("UUID"))
        guard text.utf8.count == 36, let uuid = UUID(uuidString: text) else {
            throw .invalidValue(type: "UUID", reason: "\(text.debugDescription) is not a 36-character UUID")
        }
        return uuid
    }
}

/// Java `ByteArraySerializer` (and `BytesSerializer`): the bytes unchanged.
public struct BytesSerializer: Serializer, Sendable {
    /// Creates the serializer.
    public init() {}
    /// `value` itself.
    public func serialize(_ value: [UInt8]) throws(SerializationError) -> [UInt8]? { value }
}

/// Java `ByteArrayDeserializer`: the bytes unchanged (null is an error; wrap in
/// ``OptionalDeserializer`` to accept it).
public struct BytesDeserializer: Deserializer, Sendable {
    /// Creates the deserializer.
    public init() {}
    /// `bytes` itself.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> [UInt8] {
        try bytes.required("bytes")
    }
}

/// Java `VoidSerializer`: always a null key/value.
public struct VoidSerializer: Serializer, Sendable {
    /// Creates the serializer.
    public init() {}
    /// Always `nil`.
    public func serialize(_ value: Void) throws(SerializationError) -> [UInt8]? { nil }
}

/// Java `VoidDeserializer`: accepts only null (any bytes are an error, as in Java).
public struct VoidDeserializer: Deserializer, Sendable {
    /// Creates the deserializer.
    public init() {}
    /// Succeeds for `nil`.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) {
        if let bytes {
            throw .invalidValue(type: "Void", reason: "expected null, got \(bytes.count) bytes")
        }
    }
}

/// Wraps a serializer so that `nil` becomes a null key/value (every Java serializer maps
/// null to null; in Swift the optionality is explicit).
public struct OptionalSerializer<Wrapped: Serializer>: Serializer {
    /// The serializer used for non-nil values.
    public var wrapped: Wrapped
    /// Wraps `wrapped`.
    public init(_ wrapped: Wrapped) { self.wrapped = wrapped }
    /// `nil` for `nil`, else the wrapped serializer's bytes.
    public func serialize(_ value: Wrapped.Value?) throws(SerializationError) -> [UInt8]? {
        guard let value else { return nil }
        return try wrapped.serialize(value)
    }
}

extension OptionalSerializer: Sendable where Wrapped: Sendable {}

/// Wraps a deserializer so that a null key/value becomes `nil` (Java's behaviour).
public struct OptionalDeserializer<Wrapped: Deserializer>: Deserializer {
    /// The deserializer used for non-null bytes.
    public var wrapped: Wrapped
    /// Wraps `wrapped`.
    public init(_ wrapped: Wrapped) { self.wrapped = wrapped }
    /// `nil` for null, else the wrapped deserializer's value.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> Wrapped.Value? {
        guard let bytes else { return nil }
        return try wrapped.deserialize(bytes)
    }
}

extension OptionalDeserializer: Sendable where Wrapped: Sendable {}

extension Serializer {
    /// This serializer accepting optionals: `nil` becomes a null key/value.
    public var optional: OptionalSerializer<Self> { OptionalSerializer(self) }
}

extension Deserializer {
    /// This deserializer mapping a null key/value to `nil`.
    public var optional: OptionalDeserializer<Self> { OptionalDeserializer(self) }
}
