import CZlib

/// Kafka's gzip codec (attributes codec 1): one RFC 1952 gzip stream, written by zlib with the
/// gzip wrapper (`windowBits` 31), as the Java producer (`GZIPOutputStream`) and librdkafka do.
///
/// Levels are zlib's 0–9 (default 6 = both clients' default). Reading accepts concatenated gzip
/// members (Java's `GZIPInputStream` does); anything after the last member that is not another
/// member is corrupt. The zlib streams are kept between calls (reset, not re-created), so a warm
/// codec compresses and decompresses batch after batch without allocating.
///
/// Copies share their zlib streams until one of them is used (copy-on-write), which is why the
/// value is `Sendable`: a stream is only ever driven through a uniquely referenced box.
public struct GzipCodec: CompressionCodec, @unchecked Sendable {
    /// The zlib level used for compression.
    public let level: Int
    private var deflater: ZlibDeflater?
    private var inflater: ZlibInflater?

    /// A gzip codec at `level` (0–9; nil = 6).
    public init(level: Int? = nil) throws(CompressionError) {
        try checkLevel(level, for: .gzip)
        self.level = level ?? 6
    }

    /// Always ``CompressionType/gzip``.
    public var type: CompressionType { .gzip }

    /// Appends one gzip member holding `input`.
    public mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        let deflater: ZlibDeflater
        if isKnownUniquelyReferenced(&self.deflater), let existing = self.deflater {
            deflater = existing
        } else {
            deflater = try ZlibDeflater.make(level: level)
            self.deflater = deflater
        }
        try appendingAtomically(&output) { (output: inout [UInt8]) throws(CompressionError) in
            try deflater.compress(input, appendingTo: &output)
        }
    }

    /// Appends the content of the gzip member(s) in `input`, at most `limit` bytes.
    public mutating func decompress(
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        limit: Int
    ) throws(CompressionError) {
        let inflater: ZlibInflater
        if isKnownUniquelyReferenced(&self.inflater), let existing = self.inflater {
            inflater = existing
        } else {
            inflater = try ZlibInflater.make()
            self.inflater = inflater
        }
        try appendingAtomically(&output) { (output: inout [UInt8]) throws(CompressionError) in
            try inflater.decompress(input, appendingTo: &output, limit: limit)
        }
    }
}

/// zlib's `avail_in` is 32 bits: feeds a larger input in pieces.
struct ZlibInputFeeder {
    let input: UnsafeRawBufferPointer
    private(set) var fed = 0

    /// A feeder of `input` to `stream`, whose input fields it clears: a reset keeps them, and a
    /// call that failed midway would otherwise leave them pointing into its caller's buffer.
    init(_ input: UnsafeRawBufferPointer, stream: UnsafeMutablePointer<z_stream>) {
        self.input = input
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
    }

    /// Whether bytes remain that were not yet handed to zlib.
    var hasMore: Bool { fed < input.count }

    /// Hands the next piece to `stream` when its input is used up.
    mutating func refill(_ stream: UnsafeMutablePointer<z_stream>) {
        guard stream.pointee.avail_in == 0, hasMore, let base = input.baseAddress else { return }
        let piece = Swift.min(input.count - fed, Int(UInt32.max))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: (base + fed).assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(piece)
        fed += piece
    }

    /// How many input bytes zlib has consumed so far.
    func consumed(_ stream: UnsafeMutablePointer<z_stream>) -> Int {
        fed - Int(stream.pointee.avail_in)
    }
}

/// A zlib deflate stream with the gzip wrapper, reset between uses.
final class ZlibDeflater {
    private let stream: UnsafeMutablePointer<z_stream>

    private init(stream: UnsafeMutablePointer<z_stream>) { self.stream = stream }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// A deflater at `level`, or the zlib error.
    static func make(level: Int) throws(CompressionError) -> ZlibDeflater {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(
            stream, Int32(level), Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size)
        )
        guard status == Z_OK else {
            stream.deallocate()
            throw .library(codec: .gzip, reason: "deflateInit2 failed: \(zlibStatusName(status))")
        }
        return ZlibDeflater(stream: stream)
    }

    func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        deflateReset(stream)
        var feeder = ZlibInputFeeder(input, stream: stream)
        while true {
            feeder.refill(stream)
            let flush = feeder.hasMore ? Z_NO_FLUSH : Z_FINISH
            // With all input and a fresh stream, deflateBound room finishes in one call.
            let bound = deflateBound(stream, uLong(stream.pointee.avail_in))
            let capacity = Int(Swift.min(bound, uLong(UInt32.max)))
            var status = Z_OK
            output.appendUninitialized(capacity: capacity) { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(buffer.count)
                status = deflate(stream, flush)
                return buffer.count - Int(stream.pointee.avail_out)
            }
            switch status {
            case Z_STREAM_END: return
            case Z_OK: continue  // more input to feed, or more room needed
            default: throw .library(codec: .gzip, reason: "deflate failed: \(zlibStatusName(status))")
            }
        }
    }
}

/// A zlib inflate stream accepting the gzip wrapper only, reset between uses.
final class ZlibInflater {
    private let stream: UnsafeMutablePointer<z_stream>

    private init(stream: UnsafeMutablePointer<z_stream>) { self.stream = stream }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// An inflater for gzip streams, or the zlib error.
    static func make() throws(CompressionError) -> ZlibInflater {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 31, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw .library(codec: .gzip, reason: "inflateInit2 failed: \(zlibStatusName(status))")
        }
        return ZlibInflater(stream: stream)
    }

    func decompress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], limit: Int) throws(CompressionError) {
        guard input.count >= 18 else {
            throw .corrupt(codec: .gzip, offset: input.count, reason: "\(input.count) bytes cannot hold a gzip member (header 10 + trailer 8)")
        }
        inflateReset(stream)
        var feeder = ZlibInputFeeder(input, stream: stream)
        var produced = 0
        let start = output.count
        var preferred = Self.firstChunkHint(input)
        while true {
            feeder.refill(stream)
            let capacity = boundedChunk(preferred: preferred, produced: produced, limit: limit)
            var status = Z_OK
            output.reserveDecompressed(capacity, start: start, limit: limit)
            output.appendUninitialized(capacity: capacity) { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(buffer.count)
                status = inflate(stream, Z_NO_FLUSH)
                let written = buffer.count - Int(stream.pointee.avail_out)
                produced += written
                return written
            }
            guard produced <= limit else { throw .outputLimitExceeded(codec: .gzip, limit: limit) }
            let consumed = feeder.consumed(stream)
            switch status {
            case Z_STREAM_END:
                if consumed == input.count { return }
                inflateReset(stream)  // another member follows (Java reads concatenated members)
            case Z_OK:
                break
            case Z_BUF_ERROR:
                // No progress was possible: zlib needs input that is not there.
                throw .corrupt(codec: .gzip, offset: input.count, reason: "truncated gzip stream")
            case Z_DATA_ERROR, Z_NEED_DICT:
                throw .corrupt(codec: .gzip, offset: consumed, reason: zlibMessage(stream) ?? zlibStatusName(status))
            default:
                throw .library(codec: .gzip, reason: "inflate failed: \(zlibStatusName(status))")
            }
            preferred = Swift.max(produced, 64 * 1024)
        }
    }

    /// The first output chunk: the trailer's ISIZE (the last member's size mod 2^32), capped by
    /// what deflate can expand `input` to (1032:1), so a lying trailer cannot size a big
    /// allocation; 64 KiB when the trailer says 0.
    private static func firstChunkHint(_ input: UnsafeRawBufferPointer) -> Int {
        let isize = Int(input.littleEndianUInt32(at: input.count - 4))
        guard isize > 0 else { return 64 * 1024 }
        return Swift.min(isize, saturatingMultiply(input.count, 1032))
    }
}

/// zlib's own message for the last error, if any.
func zlibMessage(_ stream: UnsafeMutablePointer<z_stream>) -> String? {
    stream.pointee.msg.map { String(cString: $0) }
}

/// The symbolic name of a zlib status code.
func zlibStatusName(_ status: Int32) -> String {
    switch status {
    case Z_OK: "Z_OK"
    case Z_STREAM_END: "Z_STREAM_END"
    case Z_NEED_DICT: "Z_NEED_DICT"
    case Z_ERRNO: "Z_ERRNO"
    case Z_STREAM_ERROR: "Z_STREAM_ERROR"
    case Z_DATA_ERROR: "Z_DATA_ERROR"
    case Z_MEM_ERROR: "Z_MEM_ERROR"
    case Z_BUF_ERROR: "Z_BUF_ERROR"
    case Z_VERSION_ERROR: "Z_VERSION_ERROR"
    default: "zlib status \(status)"
    }
}
