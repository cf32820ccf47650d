import KafkaCompression
import Testing

/// Inputs found by the libFuzzer targets (Fuzz/, scripts/fuzz.sh), replayed with the property
/// the target checks.
@Suite("Fuzz regressions: decompressors")
struct CompressionFuzzRegressionTests {
    /// FuzzZstd oom-6f480ef1: a legacy zstd v0.6 frame (magic 0xFD2FB526). libzstd's legacy
    /// decoder sized a 16 MiB window from its header, past an 8 MiB ceiling (ZSTD_d_windowLogMax
    /// does not reach the legacy decoders); it must be rejected before libzstd sees it.
    static let legacyV06Frame: [UInt8] = [0x26, 0xB5, 0x2F, 0xFD] + [UInt8](repeating: 0x9C, count: 36) + [0x20]

    @Test("a legacy zstd frame is corrupt at byte 0, under any ceiling")
    func legacyFrame() throws {
        for limit in [8 << 20, defaultDecompressionLimit] {
            var codec = try makeCodec(.zstd)
            let error = compressionError { _ = try decompress(&codec, Self.legacyV06Frame, limit: limit) }
            #expect(isCorrupt(error, .zstd))
            #expect(corruptOffset(error) == 0)
            #expect(error?.description.contains("legacy") == true, "\(String(describing: error))")
        }
    }

    @Test("legacy magics (v0.1…v0.7, 0xFD2FB51E…27) are refused, also after a standard frame")
    func legacyAfterStandardFrame() throws {
        var codec = try makeCodec(.zstd)
        let standard = try compress(&codec, Inputs.small)
        for version: UInt8 in 0x1E...0x27 {
            let legacy = [version, 0xB5, 0x2F, 0xFD] + Array(Self.legacyV06Frame.dropFirst(4))
            let alone = compressionError { _ = try decompress(&codec, legacy) }
            #expect(corruptOffset(alone) == 0, "magic \(version)")
            let second = compressionError { _ = try decompress(&codec, standard + legacy) }
            #expect(isCorrupt(second, .zstd) && corruptOffset(second) == standard.count, "magic \(version): \(String(describing: second))")
        }
    }

    @Test("skippable and concatenated standard frames still decode")
    func skippableAndConcatenated() throws {
        var codec = try makeCodec(.zstd)
        let standard = try compress(&codec, Inputs.small)
        let skippable: [UInt8] = [0x53, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 1, 2, 3]
        #expect(try decompress(&codec, skippable + standard + standard) == Inputs.small + Inputs.small)
        #expect(try decompress(&codec, standard + skippable) == Inputs.small)
    }

    /// FuzzRecordBatch oom-86dc704d / FuzzLogSegment oom-d19841c5: a gzip block of 7 MiB of
    /// zeros under an 8 MiB ceiling allocated 14 MiB — Array's growth for append doubled the
    /// output's capacity past the ceiling. The output may now grow to the ceiling, never past it.
    @Test("decompressing near the ceiling never grows the output past it", arguments: writingConfigurations)
    func outputCapacityWithinCeiling(name: String, type: CompressionType, options: CompressionOptions) throws {
        let limit = 6 << 20
        let slack = 64 << 10  // malloc's rounding of the capacity
        var codec = try makeCodec(type, options: options)
        let below = try compress(&codec, [UInt8](repeating: 0, count: 5 << 20))
        let past = try compress(&codec, [UInt8](repeating: 0, count: 7 << 20))
        for prefix in [[], [0xA5, 0x5A, 0xC3]] as [[UInt8]] {
            var output = prefix
            try below.withUnsafeBytes { try codec.decompress($0, appendingTo: &output, limit: limit) }
            #expect(output.count == prefix.count + (5 << 20), "\(name)")
            #expect(output.capacity <= prefix.count + limit + 1 + slack, "\(name): capacity \(output.capacity)")
            output = prefix
            let error = compressionError { try past.withUnsafeBytes { try codec.decompress($0, appendingTo: &output, limit: limit) } }
            #expect(error == .outputLimitExceeded(codec: type, limit: limit), "\(name)")
            #expect(output == prefix, "\(name)")
            #expect(output.capacity <= prefix.count + limit + 1 + slack, "\(name): capacity \(output.capacity) after the failure")
        }
    }
}
