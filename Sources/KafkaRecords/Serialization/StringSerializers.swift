/// A character encoding for ``StringSerializer``/``StringDeserializer``, named as Java's
/// `serializer.encoding` / `key.serializer.encoding` settings name them.
public enum StringEncoding: String, Sendable, Hashable, CaseIterable, Codable {
    /// `UTF-8`, Java's default.
    case utf8 = "UTF-8"
    /// `UTF-16`: Java writes a byte-order mark `FE FF` then big-endian; reading honours a
    /// BOM of either order and defaults to big-endian.
    case utf16 = "UTF-16"
    /// `UTF-16BE`, no byte-order mark.
    case utf16BE = "UTF-16BE"
    /// `UTF-16LE`, no byte-order mark.
    case utf16LE = "UTF-16LE"
    /// `ISO-8859-1` (Latin-1): one byte per character up to U+00FF.
    case isoLatin1 = "ISO-8859-1"
    /// `US-ASCII`: one byte per character up to U+007F.
    case ascii = "US-ASCII"

    /// Parses a Java charset name, case-insensitively (`utf8`, `latin1` and `ascii` accepted too).
    public init?(javaName: String) {
        let name = javaName.uppercased()
        switch name {
        case "UTF8": self = .utf8
        case "LATIN1", "ISO8859_1", "ISO-LATIN-1": self = .isoLatin1
        case "ASCII": self = .ascii
        default:
            guard let match = Self.allCases.first(where: { $0.rawValue == name }) else { return nil }
            self = match
        }
    }
}

/// What ``StringSerializer`` does with a character its encoding cannot represent.
public enum UnmappablePolicy: Sendable, Hashable {
    /// Write `?` instead, one per Unicode scalar, as Java's `String.getBytes(charset)` does.
    case replace
    /// Fail with ``SerializationError/unmappableCharacter(encoding:character:)``.
    case fail
}

/// What ``StringDeserializer`` does with bytes that are not valid in its encoding.
public enum MalformedInputPolicy: Sendable, Hashable {
    /// Fail with ``SerializationError/invalidEncoding(encoding:offset:)`` naming the first bad byte.
    case fail
    /// Substitute U+FFFD, as Java's `new String(bytes, charset)` does.
    case replace
}

/// Java `StringSerializer`: the text in `encoding` (UTF-8 by default), no terminator, no length.
public struct StringSerializer: Serializer, Sendable {
    /// The encoding written.
    public var encoding: StringEncoding
    /// What to do with characters the encoding lacks (Java replaces them with `?`).
    public var unmappable: UnmappablePolicy

    /// A serializer writing `encoding`.
    public init(encoding: StringEncoding = .utf8, unmappable: UnmappablePolicy = .replace) {
        self.encoding = encoding
        self.unmappable = unmappable
    }

    /// The encoded text.
    public func serialize(_ value: String) throws(SerializationError) -> [UInt8]? {
        switch encoding {
        case .utf8:
            return Array(value.utf8)
        case .utf16, .utf16BE, .utf16LE:
            let littleEndian = encoding == .utf16LE
            var bytes: [UInt8] = []
            bytes.reserveCapacity(value.utf16.count * 2 + 2)
            if encoding == .utf16 { bytes += [0xFE, 0xFF] }
            for unit in value.utf16 {
                let high = UInt8(unit >> 8), low = UInt8(truncatingIfNeeded: unit)
                if littleEndian { bytes += [low, high] } else { bytes += [high, low] }
            }
            return bytes
        case .isoLatin1, .ascii:
            let limit: UInt32 = encoding == .ascii ? 0x7F : 0xFF
            var bytes: [UInt8] = []
            bytes.reserveCapacity(value.unicodeScalars.count)
            for scalar in value.unicodeScalars {
                if scalar.value <= limit {
                    bytes.append(UInt8(scalar.value))
                } else if unmappable == .replace {
                    bytes.append(UInt8(ascii: "?"))
                } else {
                    throw .unmappableCharacter(encoding: encoding.rawValue, character: String(scalar))
                }
            }
            return bytes
        }
    }
}

/// Java `StringDeserializer`: bytes in `encoding` back to text.
///
/// By default malformed input is an error naming the first bad byte; choose
/// ``MalformedInputPolicy/replace`` for Java's lenient U+FFFD substitution.
public struct StringDeserializer: Deserializer, Sendable {
    /// The encoding read.
    public var encoding: StringEncoding
    /// What to do with invalid bytes.
    public var malformed: MalformedInputPolicy

    /// A deserializer reading `encoding`.
    public init(encoding: StringEncoding = .utf8, malformed: MalformedInputPolicy = .fail) {
        self.encoding = encoding
        self.malformed = malformed
    }

    /// The decoded text.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> String {
        let bytes = try bytes.required("String")
        switch encoding {
        case .utf8:
            if malformed == .fail, let offset = TextValidation.firstInvalidUTF8(bytes) {
                throw .invalidEncoding(encoding: encoding.rawValue, offset: offset)
            }
            return String(decoding: bytes, as: UTF8.self)
        case .utf16, .utf16BE, .utf16LE:
            return try decodeUTF16(bytes)
        case .isoLatin1:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .ascii:
            var scalars = String.UnicodeScalarView()
            for (offset, byte) in bytes.enumerated() {
                if byte < 0x80 {
                    scalars.append(Unicode.Scalar(byte))
                } else if malformed == .replace {
                    scalars.append("\u{FFFD}")
                } else {
                    throw .invalidEncoding(encoding: encoding.rawValue, offset: offset)
                }
            }
            return String(scalars)
        }
    }

    private func decodeUTF16(_ bytes: [UInt8]) throws(SerializationError) -> String {
        var littleEndian = encoding == .utf16LE
        var start = 0
        if encoding == .utf16, bytes.count >= 2 {
            if bytes[0] == 0xFE, bytes[1] == 0xFF { start = 2 }
            else if bytes[0] == 0xFF, bytes[1] == 0xFE { start = 2; littleEndian = true }
        }
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        var index = start
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(littleEndian ? second << 8 | first : first << 8 | second)
            index += 2
        }
        let oddTail = index < bytes.count
        if malformed == .fail {
            if let unit = TextValidation.firstInvalidUTF16(units) {
                throw .invalidEncoding(encoding: encoding.rawValue, offset: start + unit * 2)
            }
            if oddTail { throw .invalidEncoding(encoding: encoding.rawValue, offset: index) }
        }
        let text = String(decoding: units, as: UTF16.self)
        return oddTail ? text + "\u{FFFD}" : text
    }
}

/// Locating the first invalid code unit of UTF-8 / UTF-16 input.
enum TextValidation {
    /// Byte offset of the first malformed UTF-8 sequence, or nil when valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        firstInvalid(bytes, as: Unicode.UTF8.self)
    }

    /// Index of the first unpaired surrogate, or nil when valid.
    static func firstInvalidUTF16(_ units: [UInt16]) -> Int? {
        firstInvalid(units, as: Unicode.UTF16.self)
    }

    /// Index of the first code unit that does not start a valid scalar of `Encoding`, or nil
    /// when every unit is part of one.
    private static func firstInvalid<Encoding: Unicode.Encoding>(_ units: [Encoding.CodeUnit], as _: Encoding.Type) -> Int? {
        var parser = Encoding.ForwardParser()
        var iterator = units.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
