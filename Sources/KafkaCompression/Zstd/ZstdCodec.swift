import CZstd

/// Kafka's zstd codec (attributes codec 4): one standard zstd frame per batch.
///
/// Levels are zstd's own, `ZSTD_minCLevel()` (negative = fast levels) to 22, default 3 (Java
/// and librdkafka); 0 means zstd's default. Compression uses `ZSTD_compress2` on a kept
/// context. Decompression streams (`ZSTD_decompressStream`) into output grown in chunks: the
/// frame's content size only ever *caps* the first chunk, next to what the input can justify,
/// and the accepted window is bounded by the ceiling, so a lying header cannot size an
/// allocation. A single frame that fits the room a warm output already has is decoded in one
/// `ZSTD_decompressDCtx` call instead (same result, none of the streaming set-up: what a
/// consumer of small batches pays per batch). Concatenated and skippable frames are read, as
/// zstd-jni and kafka-python do.
/// Copies share the contexts until one of them is used (copy-on-write), hence `Sendable`.
public struct ZstdCodec: CompressionCodec, @unchecked Sendable {
    /// The lowest level the linked libzstd accepts (`ZSTD_minCLevel()`).
    public static let minimumLevel = Int(ZSTD_minCLevel())
    /// The highest level (`ZSTD_maxCLevel()`, 22).
    public static let maximumLevel = Int(ZSTD_maxCLevel())

    /// The zstd level used for compression.
    public let level: Int
    /// Whether the input size is given to zstd before compressing (`ZSTD_compress2`: the frame
    /// declares its content size and zstd tunes its tables to it). `false` streams as both
    /// clients do (librdkafka 2.0.2 built against a shared libzstd: `ZSTD_initCStream`, see
    /// src/rdkafka_zstd.c; Java's zstd-jni `ZstdOutputStreamNoFinalizer`): no content size in
    /// the frame, the level's parameters for an unknown size.
    public let pledgesContentSize: Bool
    private var compressor: ZstdCompressor?
    private var decompressor: ZstdDecompressor?

    /// A zstd codec at `level` (nil = 3), telling zstd the input size unless
    /// `pledgesContentSize` is false.
    public init(level: Int? = nil, pledgesContentSize: Bool = true) throws(CompressionError) {
        try checkLevel(level, for: .zstd)
        self.level = level ?? 3
        self.pledgesContentSize = pledgesContentSize
    }

    /// Always ``CompressionType/zstd``.
    public var type: CompressionType { .zstd }

    /// Appends one zstd frame holding `input`.
    public mutating func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        let compressor: ZstdCompressor
        if isKnownUniquelyReferenced(&self.compressor), let existing = self.compressor {
            compressor = existing
        } else {
            compressor = try ZstdCompressor.make(level: level, pledgesContentSize: pledgesContentSize)
            self.compressor = compressor
        }
        try appendingAtomically(&output) { (output: inout [UInt8]) throws(CompressionError) in
            try compressor.compress(input, appendingTo: &output)
        }
    }

    /// Appends the content of the zstd frame(s) in `input`, at most `limit` bytes.
    public mutating func decompress(
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        limit: Int
    ) throws(CompressionError) {
        let decompressor = try keptDecompressor()
        try appendingAtomically(&output) { (output: inout [UInt8]) throws(CompressionError) in
            try decompressor.decompress(input, appendingTo: &output, limit: limit)
        }
    }

    /// ``ZstdDecompressor/decodeDirect(_:into:limit:)`` with the kept context, used in place
    /// (made on first use; nil when it cannot be made).
    mutating func decodeDirect(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, limit: Int) -> Int? {
        if !isKnownUniquelyReferenced(&decompressor) || decompressor == nil {
            guard let made = try? ZstdDecompressor.make() else { return nil }
            decompressor = made
        }
        return decompressor!.decodeDirect(input, into: output, limit: limit)
    }

    /// The decompression context, made on first use (and again when a copy shares it).
    mutating func keptDecompressor() throws(CompressionError) -> ZstdDecompressor {
        if isKnownUniquelyReferenced(&decompressor), let existing = decompressor { return existing }
        let made = try ZstdDecompressor.make()
        decompressor = made
        return made
    }
}

/// The readable name of a zstd error code.
func zstdErrorName(_ code: Int) -> String {
    String(cString: ZSTD_getErrorName(code))
}

/// A compression context with its level set once.
final class ZstdCompressor {
    private let context: OpaquePointer
    private let pledgesContentSize: Bool

    private init(context: OpaquePointer, pledgesContentSize: Bool) {
        self.context = context
        self.pledgesContentSize = pledgesContentSize
    }

    deinit { ZSTD_freeCCtx(context) }

    static func make(level: Int, pledgesContentSize: Bool = true) throws(CompressionError) -> ZstdCompressor {
        guard let context = ZSTD_createCCtx() else {
            throw .library(codec: .zstd, reason: "ZSTD_createCCtx failed")
        }
        let status = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(level))
        guard ZSTD_isError(status) == 0 else {
            ZSTD_freeCCtx(context)
            throw .library(codec: .zstd, reason: "level \(level): \(zstdErrorName(status))")
        }
        return ZstdCompressor(context: context, pledgesContentSize: pledgesContentSize)
    }

    func compress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(CompressionError) {
        let bound = ZSTD_compressBound(input.count)
        guard ZSTD_isError(bound) == 0 else {
            throw .library(codec: .zstd, reason: "input of \(input.count) bytes: \(zstdErrorName(bound))")
        }
        var result = 0
        output.appendUninitialized(capacity: bound) { buffer in
            result = pledgesContentSize
                ? ZSTD_compress2(context, buffer.baseAddress, buffer.count, input.baseAddress, input.count)
                : streamWithoutSize(input, into: buffer)
            return ZSTD_isError(result) == 0 ? result : 0
        }
        guard ZSTD_isError(result) == 0 else {
            throw .library(codec: .zstd, reason: "\(pledgesContentSize ? "ZSTD_compress2" : "ZSTD_compressStream2"): \(zstdErrorName(result))")
        }
    }

    /// One frame through the streaming API with the size unknown: all input with
    /// `ZSTD_e_continue` (zstd learns the size only from an `ZSTD_e_end` first call), then
    /// `ZSTD_e_end`. `buffer` holds `ZSTD_compressBound` bytes, so the end call completes.
    /// Returns the frame size or a zstd error code.
    private func streamWithoutSize(_ input: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        ZSTD_CCtx_reset(context, ZSTD_reset_session_only)
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var outBuffer = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
        while inBuffer.pos < inBuffer.size {
            let status = ZSTD_compressStream2(context, &outBuffer, &inBuffer, ZSTD_e_continue)
            if ZSTD_isError(status) != 0 { return status }
        }
        var empty = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
        let remaining = ZSTD_compressStream2(context, &outBuffer, &empty, ZSTD_e_end)
        if ZSTD_isError(remaining) != 0 { return remaining }
        return remaining == 0 ? outBuffer.pos : -70  // ZSTD_error_dstSize_tooSmall, as a size_t error code
    }
}

/// A decompression context used through the streaming API with a window bounded by the ceiling.
final class ZstdDecompressor {
    let context: OpaquePointer
    private var windowLogMax: Int32 = 0
    /// The last limit decoded under, and ``windowLog(for:)`` of it.
    private var windowLogLimit = -1
    private var windowLogOfLimit: Int32 = 0

    private init(context: OpaquePointer) { self.context = context }

    deinit { ZSTD_freeDCtx(context) }

    static func make() throws(CompressionError) -> ZstdDecompressor {
        guard let context = ZSTD_createDCtx() else {
            throw .library(codec: .zstd, reason: "ZSTD_createDCtx failed")
        }
        return ZstdDecompressor(context: context)
    }

    /// The largest window accepted under `limit`: the ceiling rounded up to a power of two, but
    /// at least 8 MiB (the window zstd level ≤ 19 streaming writers declare, e.g. zstd-jni in
    /// Java, whatever the content size) and at most 1 GiB.
    static func windowLog(for limit: Int) -> Int32 {
        var log: Int32 = 23
        while log < 30, (1 << log) < limit { log += 1 }
        return log
    }

    func decompress(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], limit: Int) throws(CompressionError) {
        guard let source = input.baseAddress, !input.isEmpty else {
            throw .corrupt(codec: .zstd, offset: 0, reason: "empty input: a zstd frame has at least 9 bytes")
        }
        let isOneFrame = try Self.checkFrames(input)
        let wantedLog = windowLog(for: limit)
        if isOneFrame, decodeInOneCall(input, appendingTo: &output, limit: limit, windowLog: wantedLog) { return }
        ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
        if wantedLog != windowLogMax {
            let status = ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, wantedLog)
            guard ZSTD_isError(status) == 0 else {
                throw .library(codec: .zstd, reason: "windowLogMax \(wantedLog): \(zstdErrorName(status))")
            }
            windowLogMax = wantedLog
        }
        var inBuffer = ZSTD_inBuffer(src: source, size: input.count, pos: 0)
        var produced = 0
        let start = output.count
        var preferred = Self.firstChunkHint(input)
        while true {
            let capacity = boundedChunk(preferred: preferred, produced: produced, limit: limit)
            var result = 0
            var written = 0
            output.reserveDecompressed(capacity, start: start, limit: limit)
            output.appendUninitialized(capacity: capacity) { buffer in
                var outBuffer = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                result = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                written = outBuffer.pos
                return written
            }
            produced += written
            guard ZSTD_isError(result) == 0 else {
                throw .corrupt(codec: .zstd, offset: inBuffer.pos, reason: zstdErrorName(result))
            }
            guard produced <= limit else { throw .outputLimitExceeded(codec: .zstd, limit: limit) }
            if result == 0, inBuffer.pos == input.count { return }  // last frame complete and flushed
            if inBuffer.pos == input.count, written < capacity, result != 0 {
                throw .corrupt(codec: .zstd, offset: input.count, reason: "truncated zstd frame")
            }
            preferred = Swift.max(produced, 64 * 1024)
        }
    }

    /// ``windowLog(for:)`` of `limit`, kept for the last limit seen.
    func windowLog(for limit: Int) -> Int32 {
        if limit != windowLogLimit {
            windowLogLimit = limit
            windowLogOfLimit = Self.windowLog(for: limit)
        }
        return windowLogOfLimit
    }

    /// Decodes `input`, one standard frame, with one `ZSTD_decompressDCtx` call into the room
    /// the output already has (a warm buffer: no growth, no chunk sizing, no streaming state).
    /// Only when that gives the streaming path's answer: the room is capped by `limit` and by
    /// the largest window accepted, and a frame declaring a window past `windowLog` is left to
    /// the streaming path, which refuses it. False, with the output untouched, when the room
    /// is too small or the call fails: the streaming path then decodes the input, and reports
    /// any error with its offset. A frame too big for the room is decoded twice (up to the room,
    /// then streamed), but the streamed output at least doubles the array's capacity, so a
    /// reader meets that at most once per doubling of its largest batch.
    private func decodeInOneCall(
        _ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], limit: Int, windowLog: Int32
    ) -> Bool {
        let space = output.capacity - output.count
        guard space > 0 else { return false }
        var decoded: Int?
        output.appendUninitialized(capacity: space) { buffer in
            decoded = decodeWhole(input, into: buffer, limit: limit, windowLog: windowLog)
            return decoded ?? 0
        }
        return decoded != nil
    }

    /// One `ZSTD_decompressDCtx` call decoding `input`, one standard frame, into the start of
    /// `output`, its room capped by `limit` and by the largest window accepted (`1 << windowLog`):
    /// the bytes written, or nil when the frame declares a window past that (left to the streaming
    /// path, which refuses it), does not fit the room or fails.
    func decodeWhole(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, limit: Int, windowLog: Int32) -> Int? {
        let room = Swift.min(output.count, limit, 1 << Int(windowLog))
        guard room > 0, Self.declaredWindowFits(input, windowLog: windowLog) else { return nil }
        let result = ZSTD_decompressDCtx(context, output.baseAddress, room, input.baseAddress, input.count)
        return ZSTD_isError(result) == 0 ? result : nil
    }

    /// Whether the standard frame starting `input` declares a window of at most `1 << windowLog`
    /// bytes (RFC 8878 §3.1.1.1.2); a single-segment frame's window is its content, which the
    /// one-call decode bounds by its room.
    @inline(__always)
    static func declaredWindowFits(_ input: UnsafeRawBufferPointer, windowLog: Int32) -> Bool {
        guard input.count >= 6 else { return false }
        let frameHeaderDescriptor = input[4]
        if frameHeaderDescriptor & 0x20 != 0 { return true }
        let windowDescriptor = input[5]
        let exponent = 10 + Int(windowDescriptor >> 3)
        let base = 1 << exponent
        let windowSize = base + (base >> 3) * Int(windowDescriptor & 7)
        return windowSize <= 1 << Int(windowLog)
    }

    /// Accepts only standard zstd frames (magic 0xFD2FB528) and skippable frames (0x184D2A50…5F),
    /// walking the frames' block headers without decoding. libzstd also decodes the legacy v0.x
    /// formats, whose decoders size their window from the header regardless of
    /// `ZSTD_d_windowLogMax` (a 41-byte v0.6 frame made it allocate 16 MiB under an 8 MiB
    /// ceiling); no Kafka client writes them. A malformed frame ends the walk: the decoder
    /// reports it. Returns whether `input` is exactly one standard frame.
    @discardableResult
    static func checkFrames(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> Bool {
        guard let base = input.baseAddress else { return false }
        var offset = 0
        var frames = 0
        var isStandard = false
        while input.count - offset >= 4 {
            let magic = input.littleEndianUInt32(at: offset)
            guard magic == ZstdFrameWalk.magic || magic & 0xFFFF_FFF0 == 0x184D_2A50 else {
                let hex = String(magic, radix: 16, uppercase: true)
                throw .corrupt(codec: .zstd, offset: offset, reason: "not a zstd frame: magic 0x\(hex) (legacy zstd formats are not accepted)")
            }
            let size = ZSTD_findFrameCompressedSize(base + offset, input.count - offset)
            guard ZSTD_isError(size) == 0, size > 0 else { return false }
            offset += size
            frames += 1
            isStandard = magic == ZstdFrameWalk.magic
        }
        return frames == 1 && isStandard && offset == input.count
    }

    /// The first output chunk: the declared content size when it is one, capped by 32× the
    /// input (a lying header gets at most that); 4× the input (at least 64 KiB) otherwise.
    private static func firstChunkHint(_ input: UnsafeRawBufferPointer) -> Int {
        let justified = saturatingMultiply(input.count, 32)
        let declared = ZSTD_getFrameContentSize(input.baseAddress, input.count)
        if declared < ZSTD_CONTENTSIZE_ERROR {  // both sentinels are the two largest values
            return Int(Swift.min(declared, UInt64(justified)))
        }
        return Swift.min(Swift.max(saturatingMultiply(input.count, 4), 64 * 1024), justified)
    }
}
