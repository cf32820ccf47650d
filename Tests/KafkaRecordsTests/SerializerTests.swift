import Foundation
import Testing
import KafkaRecords

/// Vectors hand-checked against Java's org.apache.kafka.common.serialization classes
/// (IntegerSerializer = ByteBuffer.putInt big-endian, Float = floatToRawIntBits, …).
@Suite("Serializers byte-identical to Java's")
struct SerializerTests {
    @Test("Int16/Int32/Int64 are big-endian two's complement")
    func integers() throws {
        #expect(try Int16Serializer().serialize(0x0102) == [0x01, 0x02])
        #expect(try Int16Serializer().serialize(-2) == [0xFF, 0xFE])
        #expect(try Int32Serializer().serialize(1) == [0, 0, 0, 1])
        #expect(try Int32Serializer().serialize(-1) == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try Int32Serializer().serialize(Int32.min) == [0x80, 0, 0, 0])
        #expect(try Int64Serializer().serialize(0x0102_0304_0506_0708) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try Int64Serializer().serialize(Int64.max) == [0x7F] + [UInt8](repeating: 0xFF, count: 7))
        #expect(try Int32Deserializer().deserialize([0x12, 0x34, 0x56, 0x78]) == 0x1234_5678)
        #expect(try Int64Deserializer().deserialize([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]) == -2)
        #expect(try Int16Deserializer().deserialize([0x80, 0x00]) == Int16.min)
    }

    @Test("wrong lengths are typed errors, as in Java's 'Size of data received … is not N'")
    func wrongLengths() {
        #expect(throws: SerializationError.wrongLength(type: "Int32", expected: 4, actual: 3)) {
            try Int32Deserializer().deserialize([1, 2, 3])
        }
        #expect(throws: SerializationError.wrongLength(type: "Int64", expected: 8, actual: 0)) {
            try Int64Deserializer().deserialize([])
        }
        #expect(throws: SerializationError.wrongLength(type: "Double", expected: 8, actual: 4)) {
            try DoubleDeserializer().deserialize([0, 0, 0, 0])
        }
        #expect(throws: SerializationError.wrongLength(type: "Bool", expected: 1, actual: 2)) {
            try BoolDeserializer().deserialize([0, 1])
        }
        #expect(throws: SerializationError.unexpectedNull(type: "Int16")) {
            try Int16Deserializer().deserialize(nil)
        }
    }

    @Test("Float and Double are IEEE 754 bits big-endian")
    func floatingPoint() throws {
        #expect(try FloatSerializer().serialize(1.0) == [0x3F, 0x80, 0x00, 0x00])
        #expect(try FloatSerializer().serialize(-2.5) == [0xC0, 0x20, 0x00, 0x00])
        #expect(try DoubleSerializer().serialize(1.0) == [0x3F, 0xF0, 0, 0, 0, 0, 0, 0])
        #expect(try DoubleSerializer().serialize(0.1) == [0x3F, 0xB9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9A])
        #expect(try DoubleSerializer().serialize(-.infinity) == [0xFF, 0xF0, 0, 0, 0, 0, 0, 0])
        #expect(try FloatDeserializer().deserialize([0x40, 0x49, 0x0F, 0xDB]) == Float(bitPattern: 0x4049_0FDB))  // (float) Math.PI
        #expect(try DoubleDeserializer().deserialize([0x40, 0x09, 0x21, 0xFB, 0x54, 0x44, 0x2D, 0x18]) == Double.pi)
        // NaN payload kept (Java floatToRawIntBits).
        let nan = Float(bitPattern: 0x7FC0_1234)
        #expect(try FloatSerializer().serialize(nan) == [0x7F, 0xC0, 0x12, 0x34])
    }

    @Test("Bool is 0x01/0x00; other bytes are rejected like Java's BooleanDeserializer")
    func bool() throws {
        #expect(try BoolSerializer().serialize(true) == [0x01])
        #expect(try BoolSerializer().serialize(false) == [0x00])
        #expect(try BoolDeserializer().deserialize([0x01]) == true)
        #expect(try BoolDeserializer().deserialize([0x00]) == false)
        #expect(throws: SerializationError.self) { try BoolDeserializer().deserialize([0x02]) }
    }

    @Test("UUID is the 36-character lowercase text, not 16 raw bytes")
    func uuid() throws {
        let uuid = try #require(UUID(uuidString: "123E4567-E89B-12D3-A456-426614174000"))
        let bytes = try #require(try UUIDSerializer().serialize(uuid))
        #expect(bytes == Array("123e4567-e89b-12d3-a456-426614174000".utf8))
        #expect(bytes.count == 36)
        #expect(try UUIDDeserializer().deserialize(bytes) == uuid)
        #expect(try UUIDDeserializer().deserialize(Array("123E4567-E89B-12D3-A456-426614174000".utf8)) == uuid)
        #expect(throws: SerializationError.self) { try UUIDDeserializer().deserialize(Array("not-a-uuid".utf8)) }
        #expect(throws: SerializationError.self) { try UUIDDeserializer().deserialize([UInt8](repeating: 0, count: 16)) }
    }

    @Test("String is UTF-8 by default")
    func stringUTF8() throws {
        #expect(try StringSerializer().serialize("héllo €𝄞") == Array("héllo €𝄞".utf8))
        #expect(try StringSerializer().serialize("") == [])
        #expect(try StringDeserializer().deserialize([0x68, 0xC3, 0xA9]) == "hé")
    }

    @Test("other encodings: UTF-16 with BOM, UTF-16BE/LE, ISO-8859-1, US-ASCII")
    func stringEncodings() throws {
        #expect(try StringSerializer(encoding: .utf16).serialize("hé") == [0xFE, 0xFF, 0x00, 0x68, 0x00, 0xE9])
        #expect(try StringSerializer(encoding: .utf16BE).serialize("h𝄞") == [0x00, 0x68, 0xD8, 0x34, 0xDD, 0x1E])
        #expect(try StringSerializer(encoding: .utf16LE).serialize("h𝄞") == [0x68, 0x00, 0x34, 0xD8, 0x1E, 0xDD])
        #expect(try StringSerializer(encoding: .isoLatin1).serialize("hé") == [0x68, 0xE9])
        #expect(try StringSerializer(encoding: .ascii).serialize("hi") == [0x68, 0x69])
        for encoding in StringEncoding.allCases {
            let text = encoding == .ascii ? "plain text" : (encoding == .isoLatin1 ? "façade" : "façade 𝄞 ключ")
            let bytes = try #require(try StringSerializer(encoding: encoding).serialize(text))
            #expect(try StringDeserializer(encoding: encoding).deserialize(bytes) == text, "\(encoding)")
        }
        // UTF-16 reading honours a little-endian BOM and defaults to big-endian without one.
        #expect(try StringDeserializer(encoding: .utf16).deserialize([0xFF, 0xFE, 0x68, 0x00]) == "h")
        #expect(try StringDeserializer(encoding: .utf16).deserialize([0x00, 0x68]) == "h")
        #expect(StringEncoding(javaName: "utf-16le") == .utf16LE)
        #expect(StringEncoding(javaName: "latin1") == .isoLatin1)
    }

    @Test("unmappable characters become '?' like Java's getBytes, or fail when asked")
    func unmappable() throws {
        #expect(try StringSerializer(encoding: .ascii).serialize("né𝄞") == Array("n??".utf8))
        #expect(try StringSerializer(encoding: .isoLatin1).serialize("€") == Array("?".utf8))
        #expect(throws: SerializationError.unmappableCharacter(encoding: "US-ASCII", character: "é")) {
            try StringSerializer(encoding: .ascii, unmappable: .fail).serialize("né")
        }
    }

    @Test("invalid input names the first bad byte; .replace substitutes U+FFFD like Java")
    func malformed() throws {
        #expect(throws: SerializationError.invalidEncoding(encoding: "UTF-8", offset: 2)) {
            try StringDeserializer().deserialize([0x61, 0x62, 0xFF, 0x63])
        }
        #expect(throws: SerializationError.invalidEncoding(encoding: "UTF-8", offset: 1)) {
            try StringDeserializer().deserialize([0x61, 0xE2, 0x82])  // truncated €
        }
        #expect(throws: SerializationError.invalidEncoding(encoding: "US-ASCII", offset: 1)) {
            try StringDeserializer(encoding: .ascii).deserialize([0x61, 0x80])
        }
        #expect(throws: SerializationError.invalidEncoding(encoding: "UTF-16BE", offset: 2)) {
            try StringDeserializer(encoding: .utf16BE).deserialize([0x00, 0x61, 0xD8, 0x34, 0x00, 0x61])  // lone high surrogate
        }
        #expect(throws: SerializationError.invalidEncoding(encoding: "UTF-16LE", offset: 2)) {
            try StringDeserializer(encoding: .utf16LE).deserialize([0x61, 0x00, 0x62])  // odd length
        }
        #expect(try StringDeserializer(malformed: .replace).deserialize([0x61, 0xFF, 0x62]) == "a\u{FFFD}b")
        #expect(try StringDeserializer(encoding: .ascii, malformed: .replace).deserialize([0x61, 0x80]) == "a\u{FFFD}")
    }

    @Test("bytes are identity; Void is always null and accepts only null")
    func bytesAndVoid() throws {
        #expect(try BytesSerializer().serialize([1, 2, 3]) == [1, 2, 3])
        #expect(try BytesSerializer().serialize([]) == [])
        #expect(try BytesDeserializer().deserialize([9]) == [9])
        #expect(try VoidSerializer().serialize(()) == nil)
        try VoidDeserializer().deserialize(nil)
        #expect(throws: SerializationError.self) { try VoidDeserializer().deserialize([]) }
    }

    @Test("Optional maps nil to a null key/value and back")
    func optional() throws {
        let serializer = Int32Serializer().optional
        #expect(try serializer.serialize(nil) == nil)
        #expect(try serializer.serialize(7) == [0, 0, 0, 7])
        let deserializer = Int32Deserializer().optional
        #expect(try deserializer.deserialize(nil) == nil)
        #expect(try deserializer.deserialize([0, 0, 0, 7]) == 7)
        let message = try ProducerMessage(topic: "t", key: nil, keySerializer: StringSerializer().optional, value: "v", valueSerializer: StringSerializer())
        #expect(message.key == nil)
        #expect(message.value == [0x76])
    }

    struct Order: Codable, Equatable {
        var id: Int
        var customer: String
        var tags: [String]
        var placed: Date
    }

    @Test("JSON for any Codable, keys sorted, dates in epoch milliseconds")
    func json() throws {
        let order = Order(id: 7, customer: "a/b", tags: ["x"], placed: Date(timeIntervalSince1970: 1.5))
        let bytes = try #require(try JSONSerializer<Order>().serialize(order))
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"customer":"a/b","id":7,"placed":1500,"tags":["x"]}"#)
        #expect(try JSONDeserializer<Order>().deserialize(bytes) == order)
        #expect(throws: SerializationError.self) { try JSONDeserializer<Order>().deserialize(Array("{\"id\":".utf8)) }
        #expect(throws: SerializationError.self) { try JSONDeserializer<Order>().deserialize(Array("{\"id\":1}".utf8)) }
    }

    /// A user-defined serializer plugged into the same API.
    struct ReversedStringSerializer: Serializer {
        func serialize(_ value: String) throws(SerializationError) -> [UInt8]? {
            guard !value.isEmpty else { throw .custom("empty strings are not allowed") }
            return Array(value.utf8.reversed())
        }
    }

    @Test("user serializers plug in, including their errors")
    func custom() throws {
        let message = try ProducerMessage(topic: "t", key: "abc", keySerializer: ReversedStringSerializer(), value: 1, valueSerializer: Int16Serializer())
        #expect(message.key == Array("cba".utf8))
        #expect(message.value == [0, 1])
        #expect(throws: SerializationError.custom("empty strings are not allowed")) {
            try ReversedStringSerializer().serialize("")
        }
    }
}
