import Testing
import KafkaRecords

@Suite("Confluent Schema Registry framing")
struct SchemaRegistryTests {
    @Test("Avro/JSON Schema framing: 0x00, schema id int32 big-endian, payload")
    func plainFraming() throws {
        let serializer = SchemaRegistrySerializer(StringSerializer(), framing: SchemaRegistryFraming(schemaId: 0x0102_0304))
        #expect(try serializer.serialize("hi") == [0x00, 0x01, 0x02, 0x03, 0x04, 0x68, 0x69])
        let decoded = try SchemaRegistryDeserializer(StringDeserializer()).deserialize([0x00, 0x00, 0x00, 0x00, 0x2A, 0x68, 0x69])
        #expect(decoded.framing == SchemaRegistryFraming(schemaId: 42))
        #expect(decoded.value == "hi")
    }

    @Test("Protobuf message indexes: [0] is the single byte 0x00; others zigzag count + indexes")
    func protobufIndexes() throws {
        #expect(SchemaRegistryFraming(schemaId: 1, messageIndexes: [0]).prefix == [0, 0, 0, 0, 1, 0x00])
        #expect(SchemaRegistryFraming(schemaId: 1, messageIndexes: [1]).prefix == [0, 0, 0, 0, 1, 0x02, 0x02])
        #expect(SchemaRegistryFraming(schemaId: 1, messageIndexes: [2, 0, 70]).prefix == [0, 0, 0, 0, 1, 0x06, 0x04, 0x00, 0x8C, 0x01])
        for indexes: [Int32] in [[0], [1], [2, 0, 70], [0, 0]] {
            let framing = SchemaRegistryFraming(schemaId: -5, messageIndexes: indexes)
            let bytes = framing.prefix + [0xAB]
            let parsed = try SchemaRegistryFraming.parse(bytes, protobuf: true)
            #expect(parsed.framing == framing)
            #expect(parsed.payloadStart == bytes.count - 1)
        }
    }

    @Test("null stays null: no framing around a null payload")
    func null() throws {
        let serializer = SchemaRegistrySerializer(StringSerializer().optional, framing: SchemaRegistryFraming(schemaId: 1))
        #expect(try serializer.serialize(nil) == nil)
    }

    @Test("bad magic, truncation, unexpected schema id and hostile index counts are typed errors")
    func badInput() {
        #expect(throws: SerializationError.badMagic(expected: 0, actual: 1)) {
            try SchemaRegistryDeserializer(BytesDeserializer()).deserialize([0x01, 0, 0, 0, 1])
        }
        #expect(throws: SerializationError.truncated(what: "Schema Registry header", needed: 5, available: 3)) {
            try SchemaRegistryDeserializer(BytesDeserializer()).deserialize([0x00, 0, 0])
        }
        #expect(throws: SerializationError.unexpectedSchemaId(expected: 2, actual: 1)) {
            try SchemaRegistryDeserializer(BytesDeserializer(), expectedSchemaId: 2).deserialize([0x00, 0, 0, 0, 1])
        }
        // Count 2^30 with two bytes left: refused before allocating.
        #expect(throws: SerializationError.self) {
            try SchemaRegistryFraming.parse([0x00, 0, 0, 0, 1, 0x80, 0x80, 0x80, 0x80, 0x08, 0x02], protobuf: true)
        }
        // Negative count.
        #expect(throws: SerializationError.self) {
            try SchemaRegistryFraming.parse([0x00, 0, 0, 0, 1, 0x01], protobuf: true)
        }
        // Truncated index varint.
        #expect(throws: SerializationError.self) {
            try SchemaRegistryFraming.parse([0x00, 0, 0, 0, 1, 0x02, 0x80], protobuf: true)
        }
    }

    @Test("wraps any serializer, e.g. JSON")
    func wrapsJSON() throws {
        struct Point: Codable, Equatable { var x: Int }
        let bytes = try #require(try SchemaRegistrySerializer(JSONSerializer<Point>(), framing: SchemaRegistryFraming(schemaId: 9)).serialize(Point(x: 1)))
        #expect(bytes == [0, 0, 0, 0, 9] + Array(#"{"x":1}"#.utf8))
        #expect(try SchemaRegistryDeserializer(JSONDeserializer<Point>(), expectedSchemaId: 9).deserialize(bytes).value == Point(x: 1))
    }
}
