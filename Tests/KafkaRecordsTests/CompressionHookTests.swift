import KafkaCompression
import Testing
@testable import KafkaRecords

/// A tiny stand-in codec: `FA CE` + the input reversed. It honours the decompression limit
/// and reports corrupt input, so the builder/decoder hook can be tested without any library.
struct ReversingCodec: CompressionCodec {
    var type: CompressionType
    static let magic: [UInt8] = [0xFA, 0xCE]

    mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        output += Self.magic
        output += input.reversed()
    }

    mutating func decompress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], limit: Int) throws(CompressionError) {
        guard input.count >= 2, input[0] == 0xFA, input[1] == 0xCE else {
            throw .corrupt(codec: type, offset: 0, reason: "bad fake magic")
        }
        guard input.count - 2 <= limit else { throw .outputLimitExceeded(codec: type, limit: limit) }
        output += input[2...].reversed()
    }

    static let provider = CompressionCodecProvider { (type, _) throws(CompressionError) in
        ReversingCodec(type: type)
    }
}

@Suite("Compression hook: codec bits, framing, limits, real codecs")
struct CompressionHookTests {
    static let records: [(key: [UInt8]?, value: [UInt8]?)] = (0..<20).map { index in
        (index % 3 == 0 ? nil : Array("key-\(index)".utf8), Array(String(repeating: "payload \(index) ", count: 8).utf8))
    }

    func encode(_ type: CompressionType, codecs: CompressionCodecProvider = .kafkaCompression) throws -> (bytes: [UInt8], uncompressed: [UInt8]) {
        var builder = RecordBatchBuilder(settings: RecordBatchSettings(compression: type), codecs: codecs)
        var plain = RecordBatchBuilder()
        for (index, record) in Self.records.enumerated() {
            try builder.append(key: record.key, value: record.value, timestamp: 1_000 + Int64(index))
            try plain.append(key: record.key, value: record.value, timestamp: 1_000 + Int64(index))
        }
        try builder.finish()
        try plain.finish()
        return (builder.bytes, plain.bytes)
    }

    @Test("the builder writes the codec bits and the codec's framing of the records block")
    func fakeCodecEncode() throws {
        let (bytes, plain) = try encode(.gzip, codecs: ReversingCodec.provider)
        let header = try RecordBatchHeader(parsing: bytes)
        #expect(header.attributes.codecBits == 1)
        #expect(Array(bytes[61...]) == ReversingCodec.magic + plain[61...].reversed())
        #expect(header.recordsCount == Int32(Self.records.count))
        #expect(header.crc == CRC32C.checksum(Array(bytes[21...])))
    }

    @Test("the decoder decompresses through the same hook")
    func fakeCodecDecode() throws {
        let (bytes, plain) = try encode(.lz4, codecs: ReversingCodec.provider)
        let decoder = RecordBatchDecoder(codecs: ReversingCodec.provider)
        let batch = try decoder.decodeBatch(bytes)
        let expected = try RecordBatchDecoder().decodeBatch(plain)
        #expect(batch.records == expected.records)
        #expect(batch.isValid)
    }

    @Test("the decompression limit is passed to the codec and reported at the records block")
    func limit() throws {
        let (bytes, plain) = try encode(.zstd, codecs: ReversingCodec.provider)
        let tight = RecordBatchDecoder(decompressionLimit: plain.count - 62, codecs: ReversingCodec.provider)
        let error = #expect(throws: RecordBatchError.self) { try tight.decodeBatch(bytes) }
        #expect(error?.field == "records")
        #expect(error?.offset == 61)
        #expect(error?.reason == .compression(.outputLimitExceeded(codec: .zstd, limit: plain.count - 62)))
        #expect(try RecordBatchDecoder(decompressionLimit: plain.count - 61, codecs: ReversingCodec.provider).decodeBatch(bytes).records.count == Self.records.count)
    }

    @Test("corrupt compressed data is a compression error at the block's position")
    func corrupt() throws {
        var (bytes, _) = try encode(.snappy, codecs: ReversingCodec.provider)
        bytes[61] = 0
        BatchFixtures.fixCRC(&bytes)
        let error = #expect(throws: RecordBatchError.self) { try RecordBatchDecoder(codecs: ReversingCodec.provider).decodeSegment(bytes + bytes) }
        #expect(error?.offset == 61)
        #expect(error?.reason == .compression(.corrupt(codec: .snappy, offset: 0, reason: "bad fake magic")))
    }

    @Test("errors inside decompressed records give the block position and the offset inside it")
    func errorInsideDecompressed() throws {
        var records = BatchFixtures.rawRecord(value: [1])
        records[5] = 0x09  // value length -5
        var header = RecordBatchHeader()
        header.attributes = RecordBatchAttributes(compression: .gzip)
        let compressed = ReversingCodec.magic + records.reversed()
        let batch = BatchFixtures.rawBatch(records: compressed, count: 1, header: header)
        let error = #expect(throws: RecordBatchError.self) { try RecordBatchDecoder(codecs: ReversingCodec.provider).decodeBatch(batch) }
        #expect(error?.field == "records[0].value")
        #expect(error?.offset == 61)
        #expect(error?.offsetInRecords == 5)
        #expect(error?.description == "records[0].value at byte 5 of the decompressed records (block at byte 61): invalid negative length -5")
    }

    @Test("a codec the provider cannot make is an encoding error")
    func unavailable() {
        let failing = CompressionCodecProvider { (type, _) throws(CompressionError) in throw .unsupported(codec: type.rawValue) }
        var builder = RecordBatchBuilder(settings: RecordBatchSettings(compression: .zstd), codecs: failing)
        #expect(throws: RecordBatchEncodingError.compression(.unsupported(codec: 4))) { try builder.finish() }
    }

    @Test("real codecs from KafkaCompression round-trip through the builder and decoder", arguments: CompressionType.allCases)
    func realCodecs(type: CompressionType) throws {
        let (bytes, plain) = try encode(type)
        let batch = try RecordBatchDecoder(crcCheck: .strict).decodeBatch(bytes)
        #expect(batch.header.attributes.compression == type)
        #expect(batch.records == (try RecordBatchDecoder().decodeBatch(plain).records))
        if type != .none { #expect(bytes.count < plain.count) }
    }

    @Test("a reused builder alternates codecs and levels correctly")
    func reuseAcrossCodecs() throws {
        var builder = RecordBatchBuilder(codecs: ReversingCodec.provider)
        for type in [CompressionType.gzip, .none, .lz4, .lz4, .none] {
            builder.reset(RecordBatchSettings(compression: type))
            try builder.append(key: nil, value: Array("x".utf8), timestamp: 1)
            try builder.finish()
            let batch = try RecordBatchDecoder(codecs: ReversingCodec.provider).decodeBatch(builder.bytes)
            #expect(batch.header.attributes.compression == type)
            #expect(batch.records.map(\.value) == [Array("x".utf8)])
        }
    }
}
