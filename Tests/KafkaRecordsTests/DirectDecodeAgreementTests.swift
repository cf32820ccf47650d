import KafkaCompression
import Testing
@testable import KafkaRecords

/// The default provider's direct decode (straight into the kept buffer) reads what a custom
/// provider's codecs read through the `CompressionCodec` protocol, and fails where they fail,
/// with the same error.
@Suite("Direct decode into the kept buffer agrees with the codec path")
struct DirectDecodeAgreementTests {
    /// Batches of every codec and framing, of growing and shrinking sizes (the kept buffer
    /// grows, then serves smaller batches).
    static func segment() throws -> [[UInt8]] {
        var generator = SeededGenerator(seed: 0xD1_2EC7)
        var batches: [[UInt8]] = []
        for (index, count) in [3, 40, 7, 200, 1, 90, 500, 12].enumerated() {
            for type in [CompressionType.lz4, .snappy, .zstd, .gzip] {
                var settings = RecordBatchSettings(baseOffset: Int64(batches.count) * 1000, compression: type)
                settings.snappyFraming = index.isMultiple(of: 2) ? .raw : .xerial
                let messages = (0..<count).map { _ in
                    ProducerMessage(topic: "t", key: generator.bytes(8), value: generator.bytes(60).map { $0 & 0x1F }, timestamp: 9)
                }
                batches.append(try RecordBatchEncoder.encode(messages, settings: settings))
            }
        }
        return batches
    }

    /// The records of `batch` read by `decompressor`, or its error.
    static func read(_ batch: [UInt8], with decompressor: inout RecordBatchDecompressor) -> Result<[BatchRecord], RecordBatchError> {
        do throws(RecordBatchError) {
            var reader = LogSegmentReader(batch)
            guard let frame = try reader.next() else { return .success([]) }
            var records = try decompressor.records(of: frame)
            return .success(try records.collect())
        } catch {
            return .failure(error)
        }
    }

    @Test("every batch reads the same, batch after batch, with corrupted records blocks in between")
    func agrees() throws {
        let viaCodecs = CompressionCodecProvider.configured { (type, options) throws(CompressionError) in
            try makeCodec(type, options: options)
        }
        var direct = RecordBatchDecompressor()
        var careful = RecordBatchDecompressor(codecs: viaCodecs)
        var corruptions = 0
        for (index, batch) in try Self.segment().enumerated() {
            let expected = Self.read(batch, with: &careful)
            #expect((try? expected.get()) != nil, "batch \(index)")
            #expect(Self.read(batch, with: &direct) == expected, "batch \(index)")
            for position in stride(from: RecordBatchHeader.size, to: batch.count, by: max(3, batch.count / 200)) {
                var corrupt = batch
                corrupt[position] ^= 0x5A
                BatchFixtures.fixCRC(&corrupt)
                #expect(Self.read(corrupt, with: &direct) == Self.read(corrupt, with: &careful), "batch \(index), byte \(position)")
                corruptions += 1
            }
        }
        #expect(corruptions > 1_000)
    }
}
