/// The Confluent Schema Registry wire framing: magic byte `0x00`, the schema id as int32
/// big-endian, then — for Protobuf only — the message indexes, then the payload.
///
/// Message indexes locate the message type inside the `.proto` file: a zigzag varint count
/// followed by each index as a zigzag varint; the common `[0]` (first message) is written as
/// the single byte `0x00` (a count of zero).
public struct SchemaRegistryFraming: Sendable, Hashable, Codable {
    /// The magic byte that starts every framed payload.
    public static let magic: UInt8 = 0x00

    /// The registered schema id.
    public var schemaId: Int32
    /// Protobuf message indexes; `nil` for Avro and JSON Schema (no index section).
    public var messageIndexes: [Int32]?

    /// A framing for `schemaId`, with message indexes for Protobuf.
    public init(schemaId: Int32, messageIndexes: [Int32]? = nil) {
        self.schemaId = schemaId
        self.messageIndexes = messageIndexes
    }

    /// The bytes written before the payload.
    public var prefix: [UInt8] {
        var bytes: [UInt8] = [Self.magic]
        withUnsafeBytes(of: schemaId.bigEndian) { bytes.append(contentsOf: $0) }
        if let messageIndexes {
            if messageIndexes == [0] {
                bytes.append(0x00)
            } else {
                Varint.append(Int32(truncatingIfNeeded: messageIndexes.count), to: &bytes)
                for index in messageIndexes { Varint.append(index, to: &bytes) }
            }
        }
        return bytes
    }

    /// Reads the framing at the start of `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: a serialized key or value that starts with the framing.
    ///   - protobuf: whether a message-index section follows the schema id.
    /// - Returns: the framing and the index where the payload starts.
    public static func parse(_ bytes: [UInt8], protobuf: Bool) throws(SerializationError) -> (framing: SchemaRegistryFraming, payloadStart: Int) {
        guard bytes.count >= 5 else { throw .truncated(what: "Schema Registry header", needed: 5, available: bytes.count) }
        guard bytes[0] == magic else { throw .badMagic(expected: magic, actual: bytes[0]) }
        let schemaId = Int32(bigEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 1, as: Int32.self) })
        guard protobuf else { return (SchemaRegistryFraming(schemaId: schemaId), 5) }
        var index = 5
        let count = try readVarint(bytes, &index, "message index count")
        if count == 0 { return (SchemaRegistryFraming(schemaId: schemaId, messageIndexes: [0]), index) }
        // Each index takes at least one byte: a hostile count cannot inflate the allocation.
        guard count > 0, Int(count) <= bytes.count - index else {
            throw .invalidValue(type: "Schema Registry message indexes", reason: "count \(count) with \(bytes.count - index) bytes left")
        }
        var indexes: [Int32] = []
        indexes.reserveCapacity(Int(count))
        for number in 0..<Int(count) {
            indexes.append(try readVarint(bytes, &index, "message index \(number)"))
        }
        return (SchemaRegistryFraming(schemaId: schemaId, messageIndexes: indexes), index)
    }

    private static func readVarint(_ bytes: [UInt8], _ index: inout Int, _ what: String) throws(SerializationError) -> Int32 {
        do {
            let (value, length) = try Varint.decodeVarint(bytes, at: index, field: what)
            index += length
            return value
        } catch {
            throw .invalidValue(type: "Schema Registry framing", reason: error.description)
        }
    }
}

/// Wraps any serializer in Schema Registry framing: `0x00`, schema id, [message indexes],
/// then the inner serializer's bytes. A null stays null (no framing), as Confluent's do.
public struct SchemaRegistrySerializer<Inner: Serializer>: Serializer {
    /// Schema id and optional Protobuf message indexes.
    public var framing: SchemaRegistryFraming
    /// Produces the payload.
    public var inner: Inner

    /// Frames `inner`'s output with `framing`.
    public init(_ inner: Inner, framing: SchemaRegistryFraming) {
        self.inner = inner
        self.framing = framing
    }

    /// Framing prefix followed by the payload; `nil` when the inner serializer returns `nil`.
    public func serialize(_ value: Inner.Value) throws(SerializationError) -> [UInt8]? {
        guard let payload = try inner.serialize(value) else { return nil }
        return framing.prefix + payload
    }
}

extension SchemaRegistrySerializer: Sendable where Inner: Sendable {}

/// A deserialized Schema Registry payload with the framing it came with.
public struct SchemaRegistryFramed<Value> {
    /// Schema id and message indexes read from the bytes.
    public var framing: SchemaRegistryFraming
    /// The inner deserializer's value.
    public var value: Value

    /// Pairs a framing with a value.
    public init(framing: SchemaRegistryFraming, value: Value) {
        self.framing = framing
        self.value = value
    }
}

extension SchemaRegistryFramed: Sendable where Value: Sendable {}
extension SchemaRegistryFramed: Equatable where Value: Equatable {}
extension SchemaRegistryFramed: Hashable where Value: Hashable {}

/// Strips Schema Registry framing (checking the magic byte, and the schema id when
/// `expectedSchemaId` is set) and hands the payload to the inner deserializer.
public struct SchemaRegistryDeserializer<Inner: Deserializer>: Deserializer {
    /// Deserializes the payload.
    public var inner: Inner
    /// Whether a Protobuf message-index section follows the schema id.
    public var protobuf: Bool
    /// When set, any other schema id is ``SerializationError/unexpectedSchemaId(expected:actual:)``.
    public var expectedSchemaId: Int32?

    /// Reads framing then `inner`'s payload.
    public init(_ inner: Inner, protobuf: Bool = false, expectedSchemaId: Int32? = nil) {
        self.inner = inner
        self.protobuf = protobuf
        self.expectedSchemaId = expectedSchemaId
    }

    /// The framing and the payload's value.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> SchemaRegistryFramed<Inner.Value> {
        let bytes = try bytes.required("Schema Registry payload")
        let (framing, payloadStart) = try SchemaRegistryFraming.parse(bytes, protobuf: protobuf)
        if let expectedSchemaId, expectedSchemaId != framing.schemaId {
            throw .unexpectedSchemaId(expected: expectedSchemaId, actual: framing.schemaId)
        }
        return SchemaRegistryFramed(framing: framing, value: try inner.deserialize(Array(bytes[payloadStart...])))
    }
}

extension SchemaRegistryDeserializer: Sendable where Inner: Sendable {}
