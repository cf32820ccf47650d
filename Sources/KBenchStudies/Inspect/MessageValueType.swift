import Foundation
import KafkaPartitioning
import KafkaRecords
import KBenchTerminal

/// How `kbench inspect message` turns command-line text into key or value bytes: the Java
/// serializers' encodings (see `KafkaRecords` serializers).
package enum MessageValueType: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// UTF-8 text (Java `StringSerializer`).
    case string
    /// 2 bytes big-endian (Java `ShortSerializer`).
    case int16
    /// 4 bytes big-endian (Java `IntegerSerializer`).
    case int32
    /// 8 bytes big-endian (Java `LongSerializer`).
    case int64
    /// IEEE 754 single, 4 bytes big-endian (Java `FloatSerializer`).
    case float
    /// IEEE 754 double, 8 bytes big-endian (Java `DoubleSerializer`).
    case double
    /// One byte, 0x01 or 0x00 (Java `BooleanSerializer`).
    case bool
    /// The 36-character lowercase text form, not 16 raw bytes (Java `UUIDSerializer`).
    case uuid
    /// Raw bytes written as hex (`00 00 04 b2`, `000004b2`, `0x000004b2`; spaces and colons
    /// ignored) (Java `ByteArraySerializer`).
    case bytesHex = "bytes-hex"
    /// JSON text, checked for validity and written as given in UTF-8 (a JSON serializer's output).
    case json
    /// A null key or value (Java `VoidSerializer`, or any serializer given null).
    case null

    /// The command-line name.
    package var description: String { rawValue }

    /// The Java serializer producing the same bytes.
    package var javaSerializer: String {
        switch self {
        case .string: "StringSerializer"
        case .int16: "ShortSerializer"
        case .int32: "IntegerSerializer"
        case .int64: "LongSerializer"
        case .float: "FloatSerializer"
        case .double: "DoubleSerializer"
        case .bool: "BooleanSerializer"
        case .uuid: "UUIDSerializer"
        case .bytesHex: "ByteArraySerializer"
        case .json: "a JSON serializer (text as given)"
        case .null: "VoidSerializer (null)"
        }
    }

    /// The serialized bytes of `text` (nil = a null key/value: for ``null`` or absent text).
    ///
    /// - Parameter field: what the text is for (`key`, `value`), named in errors.
    package func serialize(_ text: String?, field: String) throws(MessageValueError) -> [UInt8]? {
        guard let text else { return nil }
        func fail(_ reason: String) -> MessageValueError {
            MessageValueError(field: field, text: text, type: self, reason: reason)
        }
        func run(_ body: () throws(SerializationError) -> [UInt8]?) throws(MessageValueError) -> [UInt8]? {
            do { return try body() } catch { throw fail(error.description) }
        }
        switch self {
        case .null:
            throw fail("a null \(field) takes no value")
        case .string:
            return try run { () throws(SerializationError) in try StringSerializer().serialize(text) }
        case .int16:
            guard let number = Int16(text) else { throw fail(Self.integerReason(Int16.self)) }
            return try run { () throws(SerializationError) in try Int16Serializer().serialize(number) }
        case .int32:
            guard let number = Int32(text) else { throw fail(Self.integerReason(Int32.self)) }
            return try run { () throws(SerializationError) in try Int32Serializer().serialize(number) }
        case .int64:
            guard let number = Int64(text) else { throw fail(Self.integerReason(Int64.self)) }
            return try run { () throws(SerializationError) in try Int64Serializer().serialize(number) }
        case .float:
            guard let number = Float(text) else { throw fail("expected a number such as 1.5, -2e3, nan or inf") }
            return try run { () throws(SerializationError) in try FloatSerializer().serialize(number) }
        case .double:
            guard let number = Double(text) else { throw fail("expected a number such as 1.5, -2e3, nan or inf") }
            return try run { () throws(SerializationError) in try DoubleSerializer().serialize(number) }
        case .bool:
            let flag: Bool
            switch text.lowercased() {
            case "true": flag = true
            case "false": flag = false
            default: throw fail("expected true or false")
            }
            return try run { () throws(SerializationError) in try BoolSerializer().serialize(flag) }
        case .uuid:
            guard text.utf8.count == 36, let uuid = UUID(uuidString: text) else {
                throw fail("expected 36 characters like 123e4567-e89b-12d3-a456-426614174000")
            }
            return try run { () throws(SerializationError) in try UUIDSerializer().serialize(uuid) }
        case .bytesHex:
            return try Self.hexBytes(text, fail: fail)
        case .json:
            guard (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil else {
                throw fail("not valid JSON")
            }
            return Array(text.utf8)
        }
    }

    /// The value as text for people: numbers as parsed, text quoted with its controls shown
    /// by ``TerminalText`` (`"k \x1b]0;t\x07"`), hex spaced.
    package func display(_ text: String?) -> String {
        guard let text, self != .null else { return "null" }
        switch self {
        case .string, .json: return "\"" + TerminalText.escaped(text) + "\""
        case .uuid: return text.lowercased()
        default: return text
        }
    }

    static func integerReason<T: FixedWidthInteger>(_: T.Type) -> String {
        "expected a whole number in \(T.min)...\(T.max)"
    }

    /// Hex digits to bytes (KafkaPartitioning's ``Hex``); `0x`, spaces, colons and dashes are ignored.
    static func hexBytes(_ text: String, fail: (String) -> MessageValueError) throws(MessageValueError) -> [UInt8] {
        var digits = Substring(text)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        do {
            return try Hex.decode(digits, skipping: Array(" :-".utf8))
        } catch {
            guard error.code == .invalidHex, let offset = error.offset, offset < digits.utf8.count else { throw fail("an odd number of hex digits") }
            let index = digits.utf8.index(digits.utf8.startIndex, offsetBy: offset)
            throw fail("'\(digits[index])' at position \(digits[..<index].count) is not a hex digit")
        }
    }
}

/// A key or value text that its type cannot serialize, e.g. `key 'abc' is not a valid int32:
/// expected a whole number in -2147483648...2147483647`.
package struct MessageValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `key`, `value`, or a header name.
    package var field: String
    /// The text given.
    package var text: String
    /// The type it was read as.
    package var type: MessageValueType
    /// Why it does not fit.
    package var reason: String

    /// One line.
    package var description: String {
        "\(field) '\(text)' is not a valid \(type): \(reason)"
    }
}
