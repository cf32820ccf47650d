/// Why a value could not be serialized or deserialized.
///
/// A struct that can grow new kinds without breaking callers: match on ``code``
/// (`error.code == .truncated`), build one with the static factories
/// (`throw .custom("…")` in your own ``Serializer``). `==` compares the code and its values.
public struct SerializationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of a ``SerializationError``; new kinds may be added in any release.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case wrongLength, invalidEncoding, unmappableCharacter, invalidValue, unexpectedNull
            case badMagic, truncated, unexpectedSchemaId, json, custom
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The input has the wrong number of bytes for a fixed-size type.
        public static let wrongLength = Code(.wrongLength)
        /// The bytes are not valid in the encoding.
        public static let invalidEncoding = Code(.invalidEncoding)
        /// The text cannot be represented in the encoding.
        public static let unmappableCharacter = Code(.unmappableCharacter)
        /// Not a valid value of the type.
        public static let invalidValue = Code(.invalidValue)
        /// A null where bytes are needed (or bytes where null is).
        public static let unexpectedNull = Code(.unexpectedNull)
        /// Schema Registry framing: the first byte is not the magic 0x00.
        public static let badMagic = Code(.badMagic)
        /// The input ends before the framing or field is complete.
        public static let truncated = Code(.truncated)
        /// Schema Registry framing: a schema id other than the one expected.
        public static let unexpectedSchemaId = Code(.unexpectedSchemaId)
        /// JSON encoding or decoding failed.
        public static let json = Code(.json)
        /// A failure reported by a user-defined serializer.
        public static let custom = Code(.custom)

        /// The kind's name, e.g. `truncated`.
        public var description: String { base.rawValue }
    }

    private enum Storage: Sendable, Hashable {
        case wrongLength(type: String, expected: Int, actual: Int)
        case invalidEncoding(encoding: String, offset: Int)
        case unmappableCharacter(encoding: String, character: String)
        case invalidValue(type: String, reason: String)
        case unexpectedNull(type: String)
        case badMagic(expected: UInt8, actual: UInt8)
        case truncated(what: String, needed: Int, available: Int)
        case unexpectedSchemaId(expected: Int32, actual: Int32)
        case json(String)
        case custom(String)
    }

    private let storage: Storage
    private init(_ storage: Storage) { self.storage = storage }

    /// The input has the wrong number of bytes for a fixed-size type.
    public static func wrongLength(type: String, expected: Int, actual: Int) -> Self {
        Self(.wrongLength(type: type, expected: expected, actual: actual))
    }

    /// The bytes are not valid in `encoding`; `offset` is the first bad byte.
    public static func invalidEncoding(encoding: String, offset: Int) -> Self {
        Self(.invalidEncoding(encoding: encoding, offset: offset))
    }

    /// The text cannot be represented in `encoding` (only under ``UnmappablePolicy/fail``).
    public static func unmappableCharacter(encoding: String, character: String) -> Self {
        Self(.unmappableCharacter(encoding: encoding, character: character))
    }

    /// A byte or text that is not a valid value of the type (e.g. a Bool byte other than 0/1).
    public static func invalidValue(type: String, reason: String) -> Self {
        Self(.invalidValue(type: type, reason: reason))
    }

    /// A null key/value where the deserializer needs bytes (or bytes where it needs null).
    public static func unexpectedNull(type: String) -> Self { Self(.unexpectedNull(type: type)) }

    /// Schema Registry framing: the first byte is not the magic 0x00.
    public static func badMagic(expected: UInt8, actual: UInt8) -> Self {
        Self(.badMagic(expected: expected, actual: actual))
    }

    /// The input ends before the framing or field `what` is complete.
    public static func truncated(what: String, needed: Int, available: Int) -> Self {
        Self(.truncated(what: what, needed: needed, available: available))
    }

    /// Schema Registry framing: a schema id other than the one expected.
    public static func unexpectedSchemaId(expected: Int32, actual: Int32) -> Self {
        Self(.unexpectedSchemaId(expected: expected, actual: actual))
    }

    /// JSON encoding or decoding failed.
    public static func json(_ reason: String) -> Self { Self(.json(reason)) }

    /// A failure reported by a user-defined serializer.
    public static func custom(_ reason: String) -> Self { Self(.custom(reason)) }

    /// The kind of failure.
    public var code: Code {
        switch storage {
        case .wrongLength: .wrongLength
        case .invalidEncoding: .invalidEncoding
        case .unmappableCharacter: .unmappableCharacter
        case .invalidValue: .invalidValue
        case .unexpectedNull: .unexpectedNull
        case .badMagic: .badMagic
        case .truncated: .truncated
        case .unexpectedSchemaId: .unexpectedSchemaId
        case .json: .json
        case .custom: .custom
        }
    }

    /// The byte offset of the first bad byte (``Code/invalidEncoding``).
    public var offset: Int? {
        if case .invalidEncoding(_, let offset) = storage { return offset }
        return nil
    }

    /// One line.
    public var description: String {
        switch storage {
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
