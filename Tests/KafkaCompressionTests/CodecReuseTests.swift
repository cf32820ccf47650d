import KafkaCompression
import Testing

/// Codecs keep their contexts and the caller keeps its output array: batch after batch gives
/// the same bytes as a fresh codec, the warm array is never reallocated, copies stay independent.
@Suite("Codec reuse")
struct CodecReuseTests {
    static let batches: [[UInt8]] = (0..<6).map { Samples.jsonText(count: 100_000 + 20_000 * $0, seed: UInt64($0)) }

    @Test("a reused codec writes what a fresh one writes", arguments: writingConfigurations)
    func reusedEqualsFresh(name: String, type: CompressionType, options: CompressionOptions) throws {
        var reused = try makeCodec(type, options: options)
        for batch in Self.batches + Self.batches.reversed() {
            var fresh = try makeCodec(type, options: options)
            #expect(try compress(&reused, batch) == compress(&fresh, batch), "\(name)")
        }
    }

    @Test("a warm output array keeps its storage batch after batch", arguments: writingConfigurations)
    func warmOutput(name: String, type: CompressionType, options: CompressionOptions) throws {
        var codec = try makeCodec(type, options: options)
        var compressed: [UInt8] = []
        var restored: [UInt8] = []
        var addresses: Set<UInt> = []
        for (round, batch) in (Self.batches + Self.batches).enumerated() {
            compressed.removeAll(keepingCapacity: true)
            restored.removeAll(keepingCapacity: true)
            try batch.withUnsafeBytes { try codec.compress($0, appendingTo: &compressed) }
            try compressed.withUnsafeBytes { try codec.decompress($0, appendingTo: &restored, limit: defaultDecompressionLimit) }
            #expect(restored == batch)
            if round >= Self.batches.count {  // second pass: warm
                addresses.insert(compressed.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) })
                addresses.insert(restored.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) })
            }
        }
        #expect(addresses.count == 2, "\(name): warm arrays moved (\(addresses.count) addresses)")
    }

    @Test("a codec that failed midway (ceiling, corrupt or truncated input) decodes the next input correctly", arguments: writingConfigurations)
    func reusedAfterFailure(name: String, type: CompressionType, options: CompressionOptions) throws {
        var codec = try makeCodec(type, options: options)
        let good = try compress(&codec, Self.batches[1])
        var truncated = good
        truncated.removeLast(good.count / 3)
        var corrupt = good
        for index in stride(from: good.count / 2, to: good.count, by: 97) { corrupt[index] ^= 0x5A }
        let failing: [(String, [UInt8], Int)] = [
            ("ceiling", good, Self.batches[1].count / 2), ("truncated", truncated, defaultDecompressionLimit), ("corrupt", corrupt, defaultDecompressionLimit),
        ]
        for (what, input, limit) in failing {
            var output: [UInt8] = [1, 2, 3]
            do {
                try input.withUnsafeBytes { try codec.decompress($0, appendingTo: &output, limit: limit) }
            } catch {
                #expect(output == [1, 2, 3], "\(name) \(what): a failed call left bytes behind")
            }
            #expect(try decompress(&codec, good) == Self.batches[1], "\(name) after \(what)")
            #expect(try decompress(&codec, compress(&codec, Self.batches[2])) == Self.batches[2], "\(name) after \(what)")
        }
    }

    @Test("copies are independent values (copy-on-write contexts)", arguments: writingConfigurations)
    func copies(name: String, type: CompressionType, options: CompressionOptions) throws {
        var original = try makeCodec(type, options: options)
        _ = try compress(&original, Self.batches[0])  // create the contexts
        var copy = original
        let a = try compress(&original, Self.batches[1])
        let b = try compress(&copy, Self.batches[2])
        let c = try compress(&original, Self.batches[2])
        #expect(b == c)
        #expect(try decompress(&copy, a) == Self.batches[1])
    }

    @Test("codec copies used concurrently from tasks", arguments: [CompressionType.gzip, .lz4, .zstd])
    func concurrent(type: CompressionType) async throws {
        let shared: any CompressionCodec & Sendable
        switch type {
        case .gzip: shared = try GzipCodec()
        case .lz4: shared = try LZ4FrameCodec()
        default: shared = try ZstdCodec()
        }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<4 {
                group.addTask {
                    var codec = shared
                    let batch = Self.batches[index]
                    for _ in 0..<5 {
                        let restored = try decompress(&codec, try compress(&codec, batch))
                        guard restored == batch else { return false }
                    }
                    return true
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}
