import KafkaCompression
import KafkaRecords
import Testing

/// Inputs found by the libFuzzer targets (Fuzz/, scripts/fuzz.sh), replayed with the property
/// the target checks.
@Suite("Fuzz regressions: record batches")
struct RecordBatchFuzzRegressionTests {
    /// FuzzRecordBatch oom-86dc704d: a compressed batch whose records block expands close to
    /// the ceiling made the decompressor's kept buffer grow to twice the ceiling (Array's
    /// doubling). Its capacity now stays within the ceiling for every codec.
    @Test("the decompression buffer stays within the ceiling", arguments: [CompressionType.gzip, .snappy, .lz4, .zstd])
    func bufferWithinCeiling(type: CompressionType) throws {
        let limit = 6 << 20
        let value = [UInt8](repeating: 0, count: 5 << 20)
        var builder = RecordBatchBuilder(settings: RecordBatchSettings(compression: type))
        try builder.append(key: nil, value: value, timestamp: 1_700_000_000_000)
        try builder.finish()
        var reader = LogSegmentReader(builder.bytes)
        let frame = try #require(try reader.next())
        var decompressor = RecordBatchDecompressor(decompressionLimit: limit)
        var records = try decompressor.records(of: frame)
        let record = try #require(try records.next())
        #expect(record.value == value)
        #expect(decompressor.capacity <= limit + 1 + (64 << 10), "\(type): capacity \(decompressor.capacity)")
    }
}
