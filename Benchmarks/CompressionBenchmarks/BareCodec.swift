import BareCodecLibraries
import KafkaCompression

/// One C library's one-shot calls on a buffer, with no Kafka framing: the raw codec the
/// Kafka-framed codecs are measured against. Each writes into room the caller sized with
/// ``bound(_:)`` and returns the byte count, or nil when the library reports a failure.
protocol BareCodec {
    /// Room `compress` may need for `count` input bytes.
    func bound(_ count: Int) -> Int
    mutating func compress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int?
    mutating func decompress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int?
}

/// zlib `compress2` / `uncompress` (zlib wrapper).
struct BareZlib: BareCodec {
    var level: Int

    func bound(_ count: Int) -> Int { Int(compressBound(uLong(count))) }

    func compress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int? {
        var length = uLong(room.count)
        let status = compress2(room.bytes, &length, source.bytes, uLong(source.count), Int32(level))
        return status == Z_OK ? Int(length) : nil
    }

    func decompress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int? {
        var length = uLong(room.count)
        let status = uncompress(room.bytes, &length, source.bytes, uLong(source.count))
        return status == Z_OK ? Int(length) : nil
    }
}

/// `snappy_compress` / `snappy_uncompress` (one raw block).
struct BareSnappy: BareCodec {
    func bound(_ count: Int) -> Int { snappy_max_compressed_length(count) }

    func compress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int? {
        var length = room.count
        return snappy_compress(source.chars, source.count, room.chars, &length) == SNAPPY_OK ? length : nil
    }

    func decompress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int? {
        var length = room.count
        return snappy_uncompress(source.chars, source.count, room.chars, &length) == SNAPPY_OK ? length : nil
    }
}

/// `LZ4_compress_fast` (levels ≤ 2, negative = more acceleration) or `LZ4_compress_HC` (3…12,
/// higher = 12) / `LZ4_decompress_safe`, on the whole input as one block or, with a block
/// size, on independent blocks of that size one after the other: what Kafka's LZ4 frame stores,
/// without the frame.
struct BareLZ4: BareCodec {
    var level: Int
    var blockSize: Int?
    /// Each compressed block's size, for `decompress`.
    private var blockSizes: [Int32] = []

    init(level: Int, blockSize: Int?) {
        self.level = level
        self.blockSize = blockSize
        blockSizes.reserveCapacity(64)
    }

    func bound(_ count: Int) -> Int {
        let blocks = blockSize.map { count / $0 + 1 } ?? 1
        return Int(LZ4_compressBound(Int32(count))) + blocks * 16
    }

    mutating func compress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int? {
        blockSizes.removeAll(keepingCapacity: true)
        let step = blockSize ?? Swift.max(source.count, 1)
        var written = 0
        for start in stride(from: 0, to: Swift.max(source.count, 1), by: step) {
            let input = UnsafeRawBufferPointer(rebasing: source[start..<Swift.min(start + step, source.count)])
            let output = UnsafeMutableRawBufferPointer(rebasing: room[written...])
            let size = level < 3
                ? LZ4_compress_fast(input.chars, output.chars, Int32(input.count), Int32(output.count), Int32(level < 0 ? 1 - level : 1))
                : LZ4_compress_HC(input.chars, output.chars, Int32(input.count), Int32(output.count), Int32(Swift.min(level, 12)))
            guard size > 0 || input.isEmpty else { return nil }
            blockSizes.append(size)
            written += Int(size)
        }
        return written
    }

    func decompress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int? {
        var read = 0, written = 0
        for block in blockSizes {
            let input = UnsafeRawBufferPointer(rebasing: source[read..<(read + Int(block))])
            let output = UnsafeMutableRawBufferPointer(rebasing: room[written...])
            let size = LZ4_decompress_safe(input.chars, output.chars, block, Int32(output.count))
            guard size >= 0 else { return nil }
            read += Int(block)
            written += Int(size)
        }
        return written
    }
}

/// zstd `ZSTD_compressCCtx` / `ZSTD_decompressDCtx` on contexts kept for the codec's life.
final class BareZstd: BareCodec {
    let level: Int
    private let compression = ZSTD_createCCtx()
    private let decompression = ZSTD_createDCtx()

    init(level: Int) { self.level = level }

    deinit {
        ZSTD_freeCCtx(compression)
        ZSTD_freeDCtx(decompression)
    }

    func bound(_ count: Int) -> Int { ZSTD_compressBound(count) }

    func compress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int? {
        let size = ZSTD_compressCCtx(compression, room.baseAddress, room.count, source.baseAddress, source.count, Int32(level))
        return ZSTD_isError(size) == 0 ? size : nil
    }

    func decompress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int? {
        let size = ZSTD_decompressDCtx(decompression, room.baseAddress, room.count, source.baseAddress, source.count)
        return ZSTD_isError(size) == 0 ? size : nil
    }
}

/// A plain copy (`none`).
struct BareCopy: BareCodec {
    func bound(_ count: Int) -> Int { count }

    func compress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int? {
        room.copyMemory(from: source)
        return source.count
    }

    func decompress(_ source: UnsafeRawBufferPointer, into room: UnsafeMutableRawBufferPointer) -> Int? {
        compress(source, into: room)
    }
}

/// A bare codec with the buffers it compresses into and decompresses back into, sized once for
/// inputs up to a capacity, so the timed calls allocate nothing.
final class BareCodecReference {
    private var codec: any BareCodec
    private let compressed: UnsafeMutableRawBufferPointer
    private let restored: UnsafeMutableRawBufferPointer
    private var compressedCount = 0

    /// The bare calls of `type` at `level` (nil = the codec's default, as kbench's), lz4 on
    /// independent blocks of `lz4BlockSize` bytes when given, for inputs up to `capacity`.
    init(type: CompressionType, level: Int?, capacity: Int, lz4BlockSize: Int? = nil) throws {
        guard type.codec.levels.accepts(level), lz4BlockSize == nil || type == .lz4 else {
            throw BenchSetupError("no bare \(type) at level \(level.map(String.init) ?? "default") with block size \(lz4BlockSize.map(String.init) ?? "none")")
        }
        let level = level ?? type.codec.levels.defaultLevel ?? 0
        codec = switch type {
        case .none: BareCopy()
        case .gzip: BareZlib(level: level)
        case .snappy: BareSnappy()
        case .lz4: BareLZ4(level: level, blockSize: lz4BlockSize)
        case .zstd: BareZstd(level: level)
        }
        compressed = .allocate(byteCount: codec.bound(capacity) + 64, alignment: 64)
        restored = .allocate(byteCount: Swift.max(capacity, 1), alignment: 64)
    }

    deinit {
        compressed.deallocate()
        restored.deallocate()
    }

    /// What the last ``compress(_:)`` wrote.
    var lastCompressed: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: compressed[..<compressedCount])
    }

    /// Compresses `input` with the bare call; returns the compressed size.
    @discardableResult
    func compress(_ input: UnsafeRawBufferPointer) throws -> Int {
        guard input.count <= restored.count, let size = codec.compress(input, into: compressed) else {
            throw BenchSetupError("bare compression of \(input.count) bytes failed")
        }
        compressedCount = size
        return size
    }

    /// Decompresses what the last ``compress(_:)`` wrote (`originalSize` bytes); returns the size.
    @discardableResult
    func decompressLast(originalSize: Int) throws -> Int {
        let room = UnsafeMutableRawBufferPointer(rebasing: restored[..<Swift.min(originalSize, restored.count)])
        guard let size = codec.decompress(lastCompressed, into: room) else {
            throw BenchSetupError("bare decompression to \(originalSize) bytes failed")
        }
        return size
    }
}

private extension UnsafeRawBufferPointer {
    /// The bytes as zlib reads them (an empty buffer reads nothing, so any address will do).
    var bytes: UnsafePointer<Bytef> { (baseAddress ?? UnsafeRawPointer(bitPattern: 1)!).assumingMemoryBound(to: Bytef.self) }
    /// The bytes as snappy and lz4 read them.
    var chars: UnsafePointer<CChar> { (baseAddress ?? UnsafeRawPointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self) }
}

private extension UnsafeMutableRawBufferPointer {
    /// The room as zlib writes it.
    var bytes: UnsafeMutablePointer<Bytef> { (baseAddress ?? UnsafeMutableRawPointer(bitPattern: 1)!).assumingMemoryBound(to: Bytef.self) }
    /// The room as snappy and lz4 write it.
    var chars: UnsafeMutablePointer<CChar> { (baseAddress ?? UnsafeMutableRawPointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self) }
}
