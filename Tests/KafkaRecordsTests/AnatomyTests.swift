import Foundation
import KafkaCompression
import Testing
@testable import KafkaRecords

@Suite("Message and batch anatomy")
struct AnatomyTests {
    static let message = ProducerMessage(
        topic: "orders",
        key: Array("user-42".utf8),
        value: Array(#"{"total":12}"#.utf8),
        headers: [RecordHeader(key: "trace", value: [0x01, 0xFF]), RecordHeader(key: "trace", value: nil)],
        timestamp: 1_700_000_000_000
    )

    @Test("record fields in wire order with offsets, lengths and decoded values")
    func recordFields() throws {
        let anatomy = try MessageAnatomy(Self.message)
        let fields = anatomy.recordFields
        #expect(fields.map(\.label) == [
            "length", "attributes", "timestampDelta", "offsetDelta", "keyLength", "key", "valueLength", "value", "headerCount",
            "headers[0].keyLength", "headers[0].key", "headers[0].valueLength", "headers[0].value",
            "headers[1].keyLength", "headers[1].key", "headers[1].valueLength",
        ])
        #expect(fields.map(\.offset) == [0, 1, 2, 3, 4, 5, 12, 13, 25, 26, 27, 32, 33, 35, 36, 41])
        #expect(fields.map(\.length) == [1, 1, 1, 1, 1, 7, 1, 12, 1, 1, 5, 1, 2, 1, 5, 1])
        #expect(fields[0].value == "41 bytes follow")
        #expect(fields[5].value == #""user-42""#)
        #expect(fields[7].value == #""{\"total\":12}""#)
        #expect(fields[12].value == "0x01ff")
        #expect(fields[15].value == "-1 (null)")
        #expect(anatomy.recordSize == 42)
        #expect(anatomy.batchSize == 42 + 61)
        #expect(MessageAnatomy.batchOverhead == 61)
    }

    @Test("fields tile the bytes exactly once and shares add up to 1")
    func tiling() throws {
        var rng = SeededGenerator(seed: 0xA7A7)
        for _ in 0..<100 {
            let message = ProducerMessage(topic: "t", key: rng.nullableBytes(), value: rng.nullableBytes(), headers: rng.headers(), timestamp: rng.edgyInt64())
            let anatomy = try MessageAnatomy(message, settings: rng.settings())
            for (fields, total) in [(anatomy.recordFields, anatomy.recordSize), (anatomy.batch.fields, anatomy.batchSize)] {
                var next = 0
                for field in fields {
                    #expect(field.offset == next, "\(field.label)")
                    next = field.offset + field.length
                }
                #expect(next == total)
                let shares = fields.reduce(0.0) { $0 + $1.share }
                #expect(abs(shares - 1) < 1e-9)
            }
            #expect(anatomy.batch.fields.prefix(13).map(\.label) == RecordBatchHeader.layout.map(\.name))
            #expect(Array(anatomy.batch.bytes[61...]) == anatomy.recordBytes)
            let byCategory = Dictionary(uniqueKeysWithValues: anatomy.recordShares.map { ($0.category, $0.bytes) })
            #expect(byCategory[.key, default: 0] == (message.key?.count ?? 0))
            #expect(byCategory[.value, default: 0] == (message.value?.count ?? 0))
            #expect(anatomy.batch.shares.first { $0.category == .batchHeader }?.bytes == 61)
        }
    }

    @Test("header fields carry readable values")
    func headerValues() throws {
        let anatomy = try MessageAnatomy(Self.message, settings: RecordBatchSettings(producerId: 9, producerEpoch: 1, baseSequence: 0))
        let values = Dictionary(uniqueKeysWithValues: anatomy.batch.fields.prefix(13).map { ($0.label, $0.value) })
        #expect(values["magic"] == "2")
        #expect(values["baseTimestamp"] == "1700000000000 (2023-11-14T22:13:20.000Z)")
        #expect(values["producerId"] == "9")
        #expect(values["partitionLeaderEpoch"] == "-1 (none)")
        #expect(values["attributes"] == "0x0000 (none, CreateTime)")
        #expect(values["crc"]?.hasSuffix("(valid)") == true)
    }

    @Test("anatomy from typed values through serializers")
    func typed() throws {
        let anatomy = try MessageAnatomy(topic: "t", key: 42, keySerializer: Int32Serializer(), value: "hé", valueSerializer: StringSerializer())
        #expect(anatomy.message.key == [0, 0, 0, 42])
        #expect(anatomy.recordFields.first { $0.label == "key" }?.value == "0x0000002a")
        #expect(anatomy.recordFields.first { $0.label == "value" }?.value == #""hé""#)
    }

    @Test("a compressed batch: one compressed block, records annotated inside the decompressed bytes")
    func compressedBatch() throws {
        var builder = RecordBatchBuilder(settings: RecordBatchSettings(compression: .gzip), codecs: ReversingCodec.provider)
        try builder.append(key: [1], value: [2, 3], timestamp: 0)
        try builder.finish()
        let anatomy = try BatchAnatomy(batch: builder.bytes, codecs: ReversingCodec.provider)
        #expect(anatomy.fields.count == 14)
        #expect(anatomy.fields.last?.category == .compressedRecords)
        #expect(anatomy.fields.last?.range == 61..<builder.sizeInBytes)
        #expect(anatomy.decompressedRecordFields.first?.label == "records[0].length")
        #expect(anatomy.decompressedRecordFields.first?.offset == 0)
    }

    @Test("anatomy is Codable data")
    func codable() throws {
        let anatomy = try MessageAnatomy(Self.message)
        let encoded = try JSONEncoderForTests.encode(anatomy)
        #expect(try JSONEncoderForTests.decode(MessageAnatomy.self, from: encoded) == anatomy)
    }

    @Test("UTC dates render across the calendar")
    func dates() {
        #expect(UTCDate(milliseconds: 0)?.description == "1970-01-01T00:00:00.000Z")
        #expect(UTCDate(milliseconds: -1)?.description == "1969-12-31T23:59:59.999Z")
        #expect(UTCDate(milliseconds: 951_782_400_000)?.description == "2000-02-29T00:00:00.000Z")
        #expect(UTCDate(milliseconds: Int64.max) == nil)
    }

    @Test("every Int64 timestamp has a UTC date (inspect reports print years past 9999)")
    func datesOfAnyTimestamp() {
        #expect(UTCDate(unixMilliseconds: 1_700_000_000_000).description == "2023-11-14T22:13:20.000Z")
        #expect(UTCDate(unixMilliseconds: 253_402_300_800_000).description == "10000-01-01T00:00:00.000Z")
        #expect(UTCDate(unixMilliseconds: Int64.max).description == "292278994-08-17T07:12:55.807Z")
        #expect(UTCDate(unixMilliseconds: Int64.min).description == "-292275055-05-16T16:47:04.192Z")
    }
}

enum JSONEncoderForTests {
    static func encode<T: Encodable>(_ value: T) throws -> Data { try JSONEncoder().encode(value) }
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T { try JSONDecoder().decode(type, from: data) }
}
