import KafkaCompression
import KafkaRecords
import Testing

/// Decompression bombs and lying size claims through the RecordBatch decoder path (the codec
/// alone is covered by ``DecompressionCeilingTests``): every codec and framing stops at the
/// ceiling with a typed error at the records block, and the kept decompression buffer stays
/// within a small factor of the ceiling.
@Suite("Hostile input: decompression bombs through the batch decoder")
struct BatchBombTests {
    static let ceiling = 256 << 10
    /// What a failed decompression may have reserved: the ceiling plus one codec chunk (every
    /// codec stops within a byte of the ceiling; measured: gzip +8 B, lz4 +56 B, xerial +120 B,
    /// zstd +41 KiB, raw snappy refuses before reserving).
    static let allocationBound = ceiling + 128 * 1024
    /// 16 records of 256 KiB of zeros: a 4 MiB records block (16 times the ceiling) that
    /// compresses to a few KiB.
    static let recordCount = 16
    static let zeros = [UInt8](repeating: 0, count: 256 << 10)

    /// The plain records block of the bomb: `recordCount` null-key records of ``zeros``.
    static let plainRecords: [UInt8] = {
        var block: [UInt8] = []
        block.reserveCapacity(recordCount * (zeros.count + 16))
        for index in 0..<recordCount {
            var body: [UInt8] = [0, 0]  // attributes, timestampDelta 0
            Varint.append(Int32(index), to: &body)  // offsetDelta
            body.append(0x01)  // null key
            Varint.append(Int32(zeros.count), to: &body)
            Varint.append(Int32(body.count + zeros.count + 1), to: &block)
            block += body
            block += zeros
            block.append(0)  // no headers
        }
        return block
    }()

    /// The bomb batch: ``plainRecords`` compressed with `type`/`options` (built by hand, so the
    /// test does not time the builder), and the size of its plain records block.
    static func bomb(_ type: CompressionType, _ options: CompressionOptions, baseOffset: Int64 = 0) throws -> (batch: [UInt8], plainRecords: Int) {
        var codec = try makeCodec(type, options: options)
        let compressed = try compress(&codec, plainRecords)
        var header = RecordBatchHeader(baseOffset: baseOffset, attributes: RecordBatchAttributes(compression: type))
        header.lastOffsetDelta = Int32(recordCount - 1)
        return (rawBatch(records: compressed, count: Int32(recordCount), header: header), plainRecords.count)
    }

    /// A small valid batch compressed the same way.
    static func small(_ type: CompressionType, _ options: CompressionOptions, baseOffset: Int64) throws -> [UInt8] {
        var settings = RecordBatchSettings(baseOffset: baseOffset, compression: type)
        settings.compressionOptions = options
        var builder = RecordBatchBuilder(settings: settings)
        for index in 0..<3 {
            try builder.append(key: Array("k\(index)".utf8), value: Array("v\(index)".utf8), timestamp: 1_700_000_000_000)
        }
        try builder.finish()
        return builder.bytes
    }

    static func isLimitError(_ error: RecordBatchError?, _ type: CompressionType, limit: Int = ceiling) -> Bool {
        error?.reason == .compression(.outputLimitExceeded(codec: type, limit: limit))
    }

    @Test("a 4 MiB bomb stops at a 256 KiB ceiling: decodeBatch, records(of:), with the buffer bounded", arguments: writingConfigurations)
    func bombInBatch(name: String, type: CompressionType, options: CompressionOptions) throws {
        let (batch, plainRecords) = try Self.bomb(type, options)
        #expect(batch.count < plainRecords / 16, "\(name): the bomb is \(batch.count) bytes for \(plainRecords)")

        let error = #expect(throws: RecordBatchError.self) {
            try RecordBatchDecoder(decompressionLimit: Self.ceiling).decodeBatch(batch)
        }
        #expect(error?.field == "records", "\(name)")
        #expect(error?.offset == RecordBatchHeader.size, "\(name)")
        #expect(Self.isLimitError(error, type), "\(name): \(String(describing: error))")

        var reader = LogSegmentReader(batch)
        let frame = try #require(try reader.next())
        var decompressor = RecordBatchDecompressor(decompressionLimit: Self.ceiling)
        let direct = #expect(throws: RecordBatchError.self) { try decompressor.records(of: frame) }
        #expect(Self.isLimitError(direct, type), "\(name)")
        #expect(decompressor.capacity <= Self.allocationBound, "\(name): reserved \(decompressor.capacity) bytes under a \(Self.ceiling)-byte ceiling")

        // The ceiling is what stops it: the same batch decodes under a ceiling of its exact size.
        let exact = try RecordBatchDecoder(decompressionLimit: plainRecords).decodeBatch(batch)
        #expect(exact.records.map { $0.value?.count } == Array(repeating: Self.zeros.count, count: Self.recordCount), "\(name)")
        #expect(exact.records.last?.value?.allSatisfy { $0 == 0 } == true, "\(name)")
        let oneShort = #expect(throws: RecordBatchError.self) {
            try RecordBatchDecoder(decompressionLimit: plainRecords - 1).decodeBatch(batch)
        }
        #expect(Self.isLimitError(oneShort, type, limit: plainRecords - 1), "\(name)")
    }

    @Test("a bomb between good batches: the segment names its block, the dump prints what came before", arguments: writingConfigurations)
    func bombInSegment(name: String, type: CompressionType, options: CompressionOptions) throws {
        let first = try Self.small(type, options, baseOffset: 0)
        let (bomb, _) = try Self.bomb(type, options, baseOffset: 3)
        let last = try Self.small(type, options, baseOffset: 3 + Int64(Self.recordCount))
        let segment = first + bomb + last

        let error = #expect(throws: RecordBatchError.self) {
            try RecordBatchDecoder(decompressionLimit: Self.ceiling).decodeSegment(segment)
        }
        #expect(error?.offset == first.count + RecordBatchHeader.size, "\(name)")
        #expect(Self.isLimitError(error, type), "\(name): \(String(describing: error))")

        var lines: [String] = []
        let summary = LogDump.dump(segment, options: LogDumpOptions(printDataLog: true, decompressionLimit: Self.ceiling)) { lines.append($0) }
        #expect(summary.batches == 2, "\(name): the bomb's batch line is printed before its records are read")
        #expect(summary.records == 3, "\(name)")
        #expect(summary.failure?.batchPosition == first.count, "\(name)")
        #expect(Self.isLimitError(summary.failure?.error, type), "\(name)")
        #expect(lines.count == 2 + 3, "\(name): \(lines)")
    }

    @Test("lying size claims inside a batch's records block allocate by the input, not by the claim")
    func lyingSizesInBatch() throws {
        // Raw snappy: a varint claiming 1 GiB, then 2 literal bytes.
        let snappy: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x04, 0x04, 0x61, 0x62]
        // Xerial: header, then one block whose 4-byte length claims 2 GiB - 1.
        let xerial: [UInt8] = [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1, 0x7F, 0xFF, 0xFF, 0xFF, 0x00]
        // gzip: a valid 1-byte member whose ISIZE trailer claims 4 GiB - 1.
        var gzipCodec = try makeCodec(.gzip)
        var gzip = try compress(&gzipCodec, [0x41])
        gzip.replaceSubrange((gzip.count - 4)..<gzip.count, with: [0xFF, 0xFF, 0xFF, 0xFF])
        // zstd: a frame header whose 8-byte content size claims 4 GiB.
        var zstdCodec = try makeCodec(.zstd)
        var zstd = try compress(&zstdCodec, Inputs.small)
        #expect(zstd[4] & 0xE0 == 0x20, "single-segment frame with a 1-byte content size")
        zstd[4] |= 0xC0
        zstd.replaceSubrange(5...5, with: [0, 0, 0, 0, 1, 0, 0, 0])
        // lz4: one block whose size word claims 2 GiB - 1 (stored bit clear).
        var lz4Codec = try makeCodec(.lz4)
        var lz4 = try compress(&lz4Codec, Inputs.small)
        lz4.replaceSubrange(7..<11, with: [0xFF, 0xFF, 0xFF, 0x7F])
        for (type, block) in [(CompressionType.snappy, snappy), (.snappy, xerial), (.gzip, gzip), (.zstd, zstd), (.lz4, lz4)] {
            var header = RecordBatchHeader()
            header.attributes = RecordBatchAttributes(compression: type)
            let batch = Self.rawBatch(records: block, count: 1, header: header)
            var reader = LogSegmentReader(batch)
            let frame = try #require(try reader.next())
            var decompressor = RecordBatchDecompressor()  // the default 256 MiB ceiling
            let error = #expect(throws: RecordBatchError.self) { try decompressor.records(of: frame) }
            #expect(error?.field == "records" && error?.offset == RecordBatchHeader.size, "\(type): \(String(describing: error))")
            if error?.reason.code != .compression { Issue.record("\(type): expected a compression error, got \(String(describing: error))") }
            #expect(decompressor.capacity <= 64 * 1024, "\(type): reserved \(decompressor.capacity) bytes for a \(block.count)-byte block")
        }
    }

    /// The process's peak virtual size (VmPeak) in bytes.
    static func virtualPeak() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmPeak:") })
        return try #require(Int(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "")) * 1024
    }

    /// A hostile record count over a large decompressed block that holds no valid record: the
    /// decoder must not reserve an array for every record the block could hold (64 MiB / 7 bytes
    /// × ~72-byte records ≈ 690 MB) before finding the first one broken.
    @Test("Int32.max records over a 64 MiB block of zeros: no reservation sized by the claim (VmPeak)")
    func hostileCountOverLargeBlock() throws {
        var codec = try makeCodec(.zstd)
        let compressed = try compress(&codec, [UInt8](repeating: 0, count: 64 << 20))
        let batch = Self.rawBatch(records: compressed, count: Int32.max, header: RecordBatchHeader(attributes: RecordBatchAttributes(compression: .zstd)))
        #expect(batch.count < 64 << 10)
        let before = try Self.virtualPeak()
        let error = #expect(throws: RecordBatchError.self) {
            try RecordBatchDecoder(decompressionLimit: 64 << 20).decodeBatch(batch)
        }
        #expect(error?.field == "records[0].length", "\(String(describing: error))")
        let growth = try Self.virtualPeak() - before
        // The decompressed block itself (64 MiB, up to twice that while growing) is justified.
        #expect(growth < 400 << 20, "VmPeak grew by \(growth >> 20) MiB decoding a \(batch.count)-byte batch")
    }

    /// A batch around `records` with the given header and a correct CRC.
    static func rawBatch(records: [UInt8], count: Int32, header: RecordBatchHeader) -> [UInt8] {
        var header = header
        header.batchLength = Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead + records.count)
        header.recordsCount = count
        header.crc = CRC32C.checksum(header.bytes[RecordBatchHeader.crcCoverageStart...] + records)
        return header.bytes + records
    }
}
