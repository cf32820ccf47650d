import CLZ4
import CSnappy
import CZlib
import CZstd
import KafkaCompression

/// The bare library calls the compression study measures kbench's Kafka-framed codecs against:
/// each C library's one-shot API on the same bytes, with no Kafka framing, into a buffer it owns.
///
/// zlib `compress2` / `uncompress` (zlib wrapper), `snappy_compress` / `snappy_uncompress`,
/// `LZ4_compress_fast` or `LZ4_compress_HC` on the whole input as one block /
/// `LZ4_decompress_safe`, zstd `ZSTD_compressCCtx` / `ZSTD_decompressDCtx` on kept contexts.
/// Its output is not a Kafka format. Not `Sendable` (it owns contexts and buffers used without
/// locking). The Benchmarks package has its own (with lz4's 64 KiB blocks too).
final class RawCodecReference {
    /// The codec measured.
    let type: CompressionType
    /// The level, in kbench's scale for `type` (see `CompressionLevels`).
    let level: Int
    private let compressedBase: UnsafeMutableRawPointer
    private let compressedCapacity: Int
    private let restoredBase: UnsafeMutableRawPointer
    private let restoredCapacity: Int
    private var compressedCount = 0
    /// The codec blocks of a batch's payload ``load(_:_:blocks:)`` put in the compressed buffer;
    /// empty when the buffer holds the last ``compress(_:)``'s output (one block).
    private var loadedBlocks: [CodecBlock] = []
    private let zstdCompression: OpaquePointer?
    private let zstdDecompression: OpaquePointer?

    /// A reference for `type` at `level` (nil = the codec default) sized for inputs up to
    /// `capacity` bytes.
    init(type: CompressionType, level: Int? = nil, capacity: Int) throws(CompressionError) {
        try CompressionLevels.of(type).check(level)
        self.type = type
        self.level = level ?? CompressionLevels.of(type).defaultLevel ?? 0
        guard capacity >= 0, capacity <= Int(LZ4_MAX_INPUT_SIZE) else {
            throw .library(codec: type, reason: "reference capacity \(capacity) out of range")
        }
        let bound = Swift.max(
            Int(compressBound(uLong(capacity))), snappy_max_compressed_length(capacity),
            Int(LZ4_compressBound(Int32(capacity))), ZSTD_compressBound(capacity)
        )
        compressedCapacity = bound + 64
        compressedBase = .allocate(byteCount: compressedCapacity, alignment: 64)
        restoredCapacity = capacity
        restoredBase = .allocate(byteCount: Swift.max(capacity, 1), alignment: 64)
        zstdCompression = type == .zstd ? ZSTD_createCCtx() : nil
        zstdDecompression = type == .zstd ? ZSTD_createDCtx() : nil
    }

    deinit {
        compressedBase.deallocate()
        restoredBase.deallocate()
        if let zstdCompression { ZSTD_freeCCtx(zstdCompression) }
        if let zstdDecompression { ZSTD_freeDCtx(zstdDecompression) }
    }

    /// The bytes the last ``compress(_:)`` produced.
    var lastCompressed: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: compressedBase, count: compressedCount)
    }

    /// Compresses `input` with the bare library call; returns the compressed size.
    @discardableResult
    func compress(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> Int {
        guard input.count <= restoredCapacity else {
            throw .library(codec: type, reason: "input of \(input.count) bytes exceeds the reference capacity")
        }
        let source = input.baseAddress ?? UnsafeRawPointer(restoredBase)
        let destination = compressedBase
        var size = 0
        switch type {
        case .none:
            destination.copyMemory(from: source, byteCount: input.count)
            size = input.count
        case .gzip:
            var length = uLong(compressedCapacity)
            let status = compress2(destination.assumingMemoryBound(to: Bytef.self), &length, source.assumingMemoryBound(to: Bytef.self), uLong(input.count), Int32(level))
            guard status == Z_OK else { throw .library(codec: .gzip, reason: "compress2: \(String(cString: zError(status)))") }
            size = Int(length)
        case .snappy:
            var length = compressedCapacity
            guard snappy_compress(source.assumingMemoryBound(to: CChar.self), input.count, destination.assumingMemoryBound(to: CChar.self), &length) == SNAPPY_OK else {
                throw .library(codec: .snappy, reason: "snappy_compress failed")
            }
            size = length
        case .lz4:
            let src = source.assumingMemoryBound(to: CChar.self), dst = destination.assumingMemoryBound(to: CChar.self)
            size = Int(level < 3
                ? LZ4_compress_fast(src, dst, Int32(input.count), Int32(compressedCapacity), Int32(level < 0 ? 1 - level : 1))
                : LZ4_compress_HC(src, dst, Int32(input.count), Int32(compressedCapacity), Int32(Swift.min(level, 12))))
            guard size > 0 || input.isEmpty else { throw .library(codec: .lz4, reason: "LZ4 compression failed") }
        case .zstd:
            size = ZSTD_compressCCtx(zstdCompression, destination, compressedCapacity, source, input.count, Int32(level))
            guard ZSTD_isError(size) == 0 else { throw .library(codec: .zstd, reason: String(cString: ZSTD_getErrorName(size))) }
        }
        compressedCount = size
        loadedBlocks = []
        return size
    }

    /// Puts `bytes[payload]`, a kbench batch's compressed payload, in the compressed buffer, its
    /// codec blocks being `blocks` (``FramedCodecBlocks``): ``decompressLast(originalSize:)``
    /// then decodes those very bytes, block after block, into consecutive output.
    func load(_ bytes: [UInt8], _ payload: Range<Int>, blocks: [CodecBlock]) throws(CompressionError) {
        guard payload.count <= compressedCapacity else {
            throw .library(codec: type, reason: "payload of \(payload.count) bytes exceeds the reference capacity")
        }
        bytes.withUnsafeBytes {
            UnsafeMutableRawBufferPointer(start: compressedBase, count: payload.count).copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[payload]))
        }
        compressedCount = payload.count
        loadedBlocks = blocks
    }

    /// Decompresses what the last ``compress(_:)`` produced, or the blocks ``load(_:_:blocks:)``
    /// put there after it (of `originalSize` bytes), with the bare library call; returns the
    /// decompressed size.
    @discardableResult
    func decompressLast(originalSize: Int) throws(CompressionError) -> Int {
        guard originalSize <= restoredCapacity else {
            throw .library(codec: type, reason: "original size \(originalSize) exceeds the reference capacity")
        }
        if !loadedBlocks.isEmpty { return try decompressLoadedBlocks(originalSize: originalSize) }
        return try decompress(UnsafeRawPointer(compressedBase), count: compressedCount, into: restoredBase, capacity: originalSize)
    }

    /// Decodes every loaded block into the output, each after the previous one's bytes.
    private func decompressLoadedBlocks(originalSize: Int) throws(CompressionError) -> Int {
        var produced = 0
        for block in loadedBlocks {
            let source = UnsafeRawPointer(compressedBase) + block.range.lowerBound
            if block.isStored {
                guard block.range.count <= originalSize - produced else {
                    throw .library(codec: type, reason: "stored block of \(block.range.count) bytes exceeds the original size")
                }
                (restoredBase + produced).copyMemory(from: source, byteCount: block.range.count)
                produced += block.range.count
            } else {
                produced += try decompress(source, count: block.range.count, into: restoredBase + produced, capacity: originalSize - produced)
            }
        }
        return produced
    }

    /// The bare library call on `count` bytes at `source`, at most `capacity` bytes out.
    private func decompress(
        _ source: UnsafeRawPointer, count compressedCount: Int,
        into destination: UnsafeMutableRawPointer, capacity originalSize: Int
    ) throws(CompressionError) -> Int {
        switch type {
        case .none:
            destination.copyMemory(from: source, byteCount: compressedCount)
            return compressedCount
        case .gzip:
            var length = uLong(originalSize)
            let status = uncompress(destination.assumingMemoryBound(to: Bytef.self), &length, source.assumingMemoryBound(to: Bytef.self), uLong(compressedCount))
            guard status == Z_OK else { throw .library(codec: .gzip, reason: "uncompress: \(String(cString: zError(status)))") }
            return Int(length)
        case .snappy:
            var length = originalSize
            guard snappy_uncompress(source.assumingMemoryBound(to: CChar.self), compressedCount, destination.assumingMemoryBound(to: CChar.self), &length) == SNAPPY_OK else {
                throw .library(codec: .snappy, reason: "snappy_uncompress failed")
            }
            return length
        case .lz4:
            let size = LZ4_decompress_safe(
                source.assumingMemoryBound(to: CChar.self), destination.assumingMemoryBound(to: CChar.self),
                Int32(compressedCount), Int32(originalSize)
            )
            guard size >= 0 else { throw .library(codec: .lz4, reason: "LZ4_decompress_safe failed") }
            return Int(size)
        case .zstd:
            let size = ZSTD_decompressDCtx(zstdDecompression, destination, originalSize, source, compressedCount)
            guard ZSTD_isError(size) == 0 else { throw .library(codec: .zstd, reason: String(cString: ZSTD_getErrorName(size))) }
            return size
        }
    }
}
