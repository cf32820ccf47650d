import Foundation

/// Any `Encodable` value as UTF-8 JSON through Foundation's `JSONEncoder`.
///
/// `sortedKeys` makes the output deterministic (same value → same bytes → same partition
/// hash and better compression); dates use `JSONEncoder`'s default unless a strategy is given.
public struct JSONSerializer<Value: Encodable>: Serializer, Sendable {
    /// Whether object keys are written in sorted order.
    public var sortedKeys: Bool
    /// Whether `/` is written unescaped.
    public var withoutEscapingSlashes: Bool
    /// How dates are written.
    public var dateEncoding: JSONDateEncoding

    /// A serializer with the given output options.
    public init(sortedKeys: Bool = true, withoutEscapingSlashes: Bool = true, dateEncoding: JSONDateEncoding = .millisecondsSince1970) {
        self.sortedKeys = sortedKeys
        self.withoutEscapingSlashes = withoutEscapingSlashes
        self.dateEncoding = dateEncoding
    }

    /// The JSON text as UTF-8 bytes.
    public func serialize(_ value: Value) throws(SerializationError) -> [UInt8]? {
        let encoder = JSONEncoder()
        var formatting: JSONEncoder.OutputFormatting = []
        if sortedKeys { formatting.insert(.sortedKeys) }
        if withoutEscapingSlashes { formatting.insert(.withoutEscapingSlashes) }
        encoder.outputFormatting = formatting
        switch dateEncoding {
        case .millisecondsSince1970: encoder.dateEncodingStrategy = .millisecondsSince1970
        case .iso8601: encoder.dateEncodingStrategy = .iso8601
        }
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw .json(String(describing: error))
        }
    }
}

/// UTF-8 JSON back to any `Decodable` value through Foundation's `JSONDecoder`.
public struct JSONDeserializer<Value: Decodable>: Deserializer, Sendable {
    /// How dates are read.
    public var dateEncoding: JSONDateEncoding

    /// A deserializer reading dates as `dateEncoding`.
    public init(dateEncoding: JSONDateEncoding = .millisecondsSince1970) {
        self.dateEncoding = dateEncoding
    }

    /// The decoded value; malformed JSON or a shape mismatch is ``SerializationError/json(_:)``.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> Value {
        let bytes = try bytes.required("JSON")
        let decoder = JSONDecoder()
        switch dateEncoding {
        case .millisecondsSince1970: decoder.dateDecodingStrategy = .millisecondsSince1970
        case .iso8601: decoder.dateDecodingStrategy = .iso8601
        }
        do {
            return try decoder.decode(Value.self, from: Data(bytes))
        } catch {
            throw .json(String(describing: error))
        }
    }
}

/// How JSON (de)serializers represent `Date`.
public enum JSONDateEncoding: Sendable, Hashable {
    /// Milliseconds since the Unix epoch, as a number (the Kafka convention for timestamps).
    case millisecondsSince1970
    /// ISO 8601 text.
    case iso8601
}
