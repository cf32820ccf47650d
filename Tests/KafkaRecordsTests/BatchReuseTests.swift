import KafkaCompression
import Synchronization
import Testing
@testable import KafkaRecords

/// The reuse paths: a builder compressing batch after batch straight after its header, a
/// decompressor reading batch after batch with kept codecs and buffer, the borrowed-bytes
/// append, and the compression options carried by the settings.
@Suite("Reused builders and decompressors, borrowed appends, compression options")
struct BatchReuseTests {
    /// Encodes `records` with `append(key:value:headers:…)`.
    func encodeOwned(_ records: [RandomRecord], settings: RecordBatchSettings, builder: inout RecordBatchBuilder) throws -> [UInt8] {
        builder.reset(settings)
        for record in records {
            try builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp, offsetDelta: record.offsetDelta)
        }
        try builder.finish()
        return builder.bytes
    }

    /// Encodes `records` with `append(keyBytes:valueBytes:headerBytes:…)`.
    func encodeBorrowed(_ records: [RandomRecord], settings: RecordBatchSettings, builder: inout RecordBatchBuilder) throws -> [UInt8] {
        builder.reset(settings)
        for record in records {
            let headerKeys = record.headers.map { Array($0.key.utf8) }
            try withBorrowedHeaders(record.headers, keys: headerKeys) { headers in
                try withOptionalBytes(record.key) { key in
                    try withOptionalBytes(record.value) { value in
                        try builder.append(keyBytes: key, valueBytes: value, headerBytes: headers, timestamp: record.timestamp, offsetDelta: record.offsetDelta)
                    }
                }
            }
        }
        try builder.finish()
        return builder.bytes
    }

    @Test("borrowed key, value and header bytes encode exactly as owned arrays", arguments: [CompressionType.none, .lz4])
    func borrowedEqualsOwned(type: CompressionType) throws {
        var generator = SeededGenerator(seed: 0xB0_4400 + UInt64(type.rawValue))
        var owned = RecordBatchBuilder()
        var borrowed = RecordBatchBuilder()
        for _ in 0..<150 {
            var settings = generator.settings()
            settings.compression = type
            let records = generator.records()
            let expected = try encodeOwned(records, settings: settings, builder: &owned)
            #expect(try encodeBorrowed(records, settings: settings, builder: &borrowed) == expected)
            let decoded = try RecordBatchDecoder(crcCheck: .strict).decodeBatch(expected)
            #expect(decoded.records.map(\.headers) == records.map(\.headers))
            #expect(decoded.records.map(\.key) == records.map(\.key))
        }
    }

    @Test("keys and values of every length up to 40 bytes are copied exactly (short-copy paths)")
    func everyShortLength() throws {
        var builder = RecordBatchBuilder()
        let pattern = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 0...40 {
            let bytes = Array(pattern.prefix(length))
            let key = String(decoding: bytes.map { 0x41 + $0 % 26 }, as: UTF8.self)
            builder.reset()
            try builder.append(key: bytes, value: Array(bytes.reversed()), headers: [RecordHeader(key: key, value: bytes)], timestamp: 1)
            try builder.finish()
            let record = try #require(try RecordBatchDecoder(crcCheck: .strict).decodeBatch(builder.bytes).records.first)
            #expect(record.key == bytes)
            #expect(record.value == bytes.reversed())
            #expect(record.headers == [RecordHeader(key: key, value: bytes)])
        }
    }

    @Test("varints of every width store the bytes Varint.append writes (fast one- and two-byte paths)")
    func varintStoreWidths() {
        let values: [UInt64] = [0, 1, 0x7F, 0x80, 0x81, 0x3FFF, 0x4000, 0x1F_FFFF, 0x20_0000, UInt64(UInt32.max), UInt64.max]
        for value in values {
            var appended: [UInt8] = []
            Varint.appendUnsigned(value, to: &appended)
            var stored = [UInt8](repeating: 0xEE, count: 12)
            let count = stored.withUnsafeMutableBytes { Varint.store(value, at: $0.baseAddress!) }
            #expect(Array(stored.prefix(count)) == appended, "\(value)")
            #expect(stored[count] == 0xEE, "\(value): wrote past its length")
        }
    }

    @Test("a reused builder compresses batch after batch into its kept buffer, each batch intact")
    func builderReuse() throws {
        var builder = RecordBatchBuilder(settings: RecordBatchSettings(compression: .zstd))
        var generator = SeededGenerator(seed: 77)
        var addresses: Set<UInt> = []
        var kept: [([UInt8], [RandomRecord])] = []
        for round in 0..<12 {
            let records = (0..<300).map { index in
                RandomRecord(key: Array("key-\(index)".utf8), value: generator.bytes(64).map { $0 % 8 }, headers: [], timestamp: 1_000 + Int64(index), offsetDelta: nil)
            }
            let bytes = try encodeOwned(records, settings: RecordBatchSettings(compression: .zstd), builder: &builder)
            #expect(builder.sizeInBytes == bytes.count)
            if round < 6, round.isMultiple(of: 2) {
                kept.append((bytes, records))  // a caller holding on to a batch: the next one gets new storage
            } else if round >= 6 {  // warm, nobody holding a batch: always the same storage
                addresses.insert(builder.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) })
            }
        }
        #expect(addresses.count == 1, "the compressed batch moved \(addresses.count - 1) times once warm")
        for (bytes, records) in kept {  // batches handed out earlier were not overwritten
            let batch = try RecordBatchDecoder(crcCheck: .strict).decodeBatch(bytes)
            #expect(batch.records.map(\.value) == records.map(\.value))
        }
    }

    @Test("the settings' snappy framing is written; both framings decode; options round-trip")
    func snappyFramingSetting() throws {
        var settings = RecordBatchSettings(compression: .snappy)
        #expect(settings.snappyFraming == .xerial)
        #expect(settings.compressionOptions == CompressionOptions())
        let message = [ProducerMessage(topic: "t", key: nil, value: Array(String(repeating: "snappy ", count: 500).utf8), timestamp: 5)]
        let xerial = try RecordBatchEncoder.encode(message, settings: settings)
        #expect(Array(xerial[61..<69]) == XerialFraming.magic)
        settings.compressionOptions = CompressionOptions(level: nil, snappyFraming: .raw)
        #expect(settings.snappyFraming == .raw)
        let raw = try RecordBatchEncoder.encode(message, settings: settings)
        #expect(Array(raw[61..<69]) != XerialFraming.magic)
        var expectedRaw: [UInt8] = []
        var codec = try makeCodec(.snappy, options: CompressionOptions(snappyFraming: .raw))
        let plain = try RecordBatchEncoder.encode(message, settings: RecordBatchSettings())
        try plain[61...].withUnsafeBytes { try codec.compress($0, appendingTo: &expectedRaw) }
        #expect(Array(raw[61...]) == expectedRaw)
        for bytes in [xerial, raw] {
            #expect(try RecordBatchDecoder(crcCheck: .strict).decodeBatch(bytes).records.map(\.value) == [message[0].value])
        }
    }

    @Test("a reused builder makes a new codec when the options change, not otherwise")
    func codecCachedPerOptions() throws {
        let made = Counter()
        let provider = CompressionCodecProvider.configured { (type, options) throws(CompressionError) in
            made.increment()
            return try makeCodec(type, options: options)
        }
        var builder = RecordBatchBuilder(codecs: provider)
        let sequence: [RecordBatchSettings] = [
            RecordBatchSettings(compression: .snappy), RecordBatchSettings(compression: .snappy),
            RecordBatchSettings(compression: .snappy, snappyFraming: .raw), RecordBatchSettings(compression: .snappy, snappyFraming: .raw),
            RecordBatchSettings(compression: .gzip, compressionLevel: 1), RecordBatchSettings(compression: .gzip, compressionLevel: 1),
            RecordBatchSettings(compression: .gzip, compressionLevel: 9), RecordBatchSettings(),
        ]
        for settings in sequence {
            builder.reset(settings)
            try builder.append(key: nil, value: Array("value".utf8), timestamp: 1)
            try builder.finish()
            #expect(try RecordBatchDecoder().decodeBatch(builder.bytes).records.count == 1)
        }
        #expect(made.value == 4)
    }

    @Test("a provider made from (type, level) gets the level and makes xerial snappy")
    func levelOnlyProvider() throws {
        let levels = Recorder()
        let provider = CompressionCodecProvider { (type, level) throws(CompressionError) in
            levels.record(level)
            return try makeCodec(type, level: level)
        }
        _ = try provider.codec(.gzip, options: CompressionOptions(level: 3))
        #expect(levels.values == [3])
        var builder = RecordBatchBuilder(settings: RecordBatchSettings(compression: .snappy, snappyFraming: .raw), codecs: provider)
        try builder.append(key: nil, value: Array(String(repeating: "x", count: 100).utf8), timestamp: 1)
        try builder.finish()
        #expect(Array(builder.bytes[61..<69]) == XerialFraming.magic)
    }

    @Test("a decompressor reads mixed-codec segments like frame.records(), reusing its buffer")
    func decompressorReuse() throws {
        let types: [CompressionType] = [.gzip, .lz4, .none, .zstd, .snappy, .lz4, .zstd, .gzip, .snappy, .none]
        var generator = SeededGenerator(seed: 4242)
        var segment: [UInt8] = []
        var builder = RecordBatchBuilder()
        for (index, type) in types.enumerated() {
            var settings = RecordBatchSettings(baseOffset: Int64(index) * 1000, compression: type)
            settings.snappyFraming = index.isMultiple(of: 2) ? .raw : .xerial
            builder.reset(settings)
            for _ in 0..<200 {
                try builder.append(key: generator.nullableBytes(maxLength: 30), value: generator.bytes(100).map { $0 & 0x0F }, headers: generator.headers(), timestamp: 7)
            }
            try builder.finish()
            builder.withUnsafeBytes { segment.append(contentsOf: $0) }
        }
        var decompressor = RecordBatchDecompressor()
        var reader = LogSegmentReader(segment, crcCheck: .strict)
        var capacities: [Int] = []
        var count = 0
        while let frame = try reader.next() {
            var fresh = try frame.records()
            var reused = try decompressor.records(of: frame)
            #expect(try reused.collect() == fresh.collect())
            capacities.append(decompressor.capacity)
            count += 1
        }
        #expect(count == types.count)
        #expect(Set(capacities.suffix(5)).count == 1, "the kept buffer grew after warming up: \(capacities)")
    }

    @Test("the decompressor asks its provider once per codec, however the codecs alternate")
    func decompressorKeepsOneCodecPerType() throws {
        let types: [CompressionType] = [.gzip, .lz4, .gzip, .zstd, .snappy, .lz4, .zstd, .gzip, .snappy]
        var segment: [UInt8] = []
        for (index, type) in types.enumerated() {
            let value = Array(String(repeating: "batch \(index) of \(type); ", count: 50).utf8)
            segment += try RecordBatchEncoder.encode([ProducerMessage(topic: "t", key: nil, value: value, timestamp: 1)], settings: RecordBatchSettings(compression: type))
        }
        let made = Mutex<[CompressionType]>([])
        let counting = CompressionCodecProvider.configured { (type, options) throws(CompressionError) in
            made.withLock { $0.append(type) }
            return try makeCodec(type, options: options)
        }
        var decompressor = RecordBatchDecompressor(codecs: counting)
        var reader = LogSegmentReader(segment, crcCheck: .strict)
        var index = 0
        while let frame = try reader.next() {
            var records = try decompressor.records(of: frame)
            #expect(try records.next()?.value?.starts(with: Array("batch \(index) ".utf8)) == true)
            index += 1
        }
        #expect(index == types.count)
        #expect(made.withLock { $0 } == [.gzip, .lz4, .zstd, .snappy])
    }

    @Test("an iterator kept across the next batch stays valid (copy-on-write)")
    func iteratorOutlivesNextBatch() throws {
        let first = try RecordBatchEncoder.encode([ProducerMessage(topic: "t", key: nil, value: Array("first".utf8), timestamp: 1)], settings: RecordBatchSettings(compression: .lz4))
        let second = try RecordBatchEncoder.encode([ProducerMessage(topic: "t", key: nil, value: Array("second".utf8), timestamp: 1)], settings: RecordBatchSettings(compression: .lz4))
        var decompressor = RecordBatchDecompressor()
        var reader = LogSegmentReader(first + second)
        var early = try decompressor.records(of: try #require(try reader.next()))
        var late = try decompressor.records(of: try #require(try reader.next()))
        #expect(try early.next()?.value == Array("first".utf8))
        #expect(try late.next()?.value == Array("second".utf8))
    }

    @Test("decompressor errors name the records block, the ceiling applies, bad codec bits are reported")
    func decompressorErrors() throws {
        let bytes = try RecordBatchEncoder.encode(
            [ProducerMessage(topic: "t", key: nil, value: [UInt8](repeating: 7, count: 10_000), timestamp: 1)],
            settings: RecordBatchSettings(compression: .gzip)
        )
        var tight = RecordBatchDecompressor(decompressionLimit: 1_000)
        var reader = LogSegmentReader(bytes)
        let frame = try #require(try reader.next())
        let error = #expect(throws: RecordBatchError.self) { _ = try tight.records(of: frame) }
        #expect(error?.field == "records")
        #expect(error?.offset == 61)
        #expect(error?.reason == .compression(.outputLimitExceeded(codec: .gzip, limit: 1_000)))
        tight.decompressionLimit = defaultDecompressionLimit
        var records = try tight.records(of: frame)  // usable again after a failure
        #expect(try records.next()?.value?.count == 10_000)

        var unknown = bytes
        unknown[22] |= 0x07  // codec bits 7
        BatchFixtures.fixCRC(&unknown)
        var unknownReader = LogSegmentReader(unknown)
        let unknownFrame = try #require(try unknownReader.next())
        let bitsError = #expect(throws: RecordBatchError.self) { _ = try tight.records(of: unknownFrame) }
        #expect(bitsError?.field == "attributes")
        #expect(bitsError?.reason == .unknownCodec(bits: 7))
    }
}

/// A thread-safe counter for providers (which are `@Sendable`).
private final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

/// Records the levels a provider was asked for.
private final class Recorder: Sendable {
    private let recorded = Mutex<[Int?]>([])
    func record(_ level: Int?) { recorded.withLock { $0.append(level) } }
    var values: [Int?] { recorded.withLock { $0 } }
}
