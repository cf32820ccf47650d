import KafkaCompression
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the records of batch after batch with kept codecs and one kept decompression buffer,
/// so that reading compressed batches allocates nothing per batch once warm.
///
/// ``RecordBatchFrame/records(decompressionLimit:codecs:)`` makes a fresh codec and output
/// array for every batch (codec contexts, a buffer the size of the records block); a
/// decompressor keeps one codec per compression type (made on first use through ``codecs``)
/// and decompresses every batch into the same buffer.
///
/// ```swift
/// var decompressor = RecordBatchDecompressor()
/// var reader = LogSegmentReader(bytes)
/// while let frame = try reader.next() {
///     var records = try decompressor.records(of: frame)
///     try records.forEachView { view, bytes in …; return true }
/// }
/// ```
///
/// With the default provider (``CompressionCodecProvider/kafkaCompression``) a batch is
/// decoded by KafkaCompression's `DirectDecompressor` straight into the kept buffer's
/// capacity (no existential codec call, no array growth); a records block that does not fit,
/// or that it leaves to the careful path, is decoded by that path into a grown buffer, with the
/// same errors. Other providers' codecs are called through the `CompressionCodec` protocol.
///
/// The returned iterator shares the buffer (copy-on-write): when it is still alive at the
/// next call, that call copies the buffer and decompresses into the copy, so iterators stay
/// valid but the reuse is lost. The buffer keeps the capacity reached by the largest records block read so
/// far. Not `Sendable` (the codecs hold C contexts); use one per task.
public struct RecordBatchDecompressor {
    /// Ceiling on each batch's decompressed records block; a block that would expand past it
    /// fails with KafkaCompression's `CompressionError.outputLimitExceeded`.
    public var decompressionLimit: Int
    /// Where the codecs come from.
    public let codecs: CompressionCodecProvider
    var kept = KeptCodecs()
    var direct = DirectDecompressor()
    @usableFromInline var buffer: [UInt8] = []

    /// A decompressor with the given ceiling and codecs; nothing is allocated until the first
    /// compressed batch.
    public init(decompressionLimit: Int = defaultDecompressionLimit, codecs: CompressionCodecProvider = .kafkaCompression) {
        self.decompressionLimit = decompressionLimit
        self.codecs = codecs
    }

    /// Bytes the decompression buffer can hold without growing.
    public var capacity: Int { buffer.capacity }

    /// An iterator over the records of `frame`: over the frame's own bytes when the batch is
    /// uncompressed, else over its records block decompressed into the kept buffer.
    ///
    /// Errors name the `records` field at the records block's position (compression errors)
    /// or the `attributes` / `recordsCount` fields, as ``RecordBatchFrame/records(decompressionLimit:codecs:)``.
    public mutating func records(of frame: RecordBatchFrame) throws(RecordBatchError) -> RecordIterator {
        let records = try prepare(frame)
        return RecordIterator(header: frame.header, storage: records.compressed ? buffer : frame.storage, range: records.range, location: records.location)
    }

    /// Decodes `frame`'s records as ``records(of:)->RecordIterator`` does and hands each to `visitor` (see
    /// ``RecordViewVisitor``) without making an iterator: no reference to the buffer is taken
    /// and none released, the walk is a loop in the caller. Returns the records walked (all of
    /// them unless `visitor` stopped early). The fastest way to read a batch; the same errors.
    /// To read every batch of a segment, ``LogSegmentReader/forEachView(decompressingWith:_:)``
    /// does not even make the frames.
    @inlinable
    public mutating func forEachView<Visitor: RecordViewVisitor>(of frame: RecordBatchFrame, _ visitor: inout Visitor) throws(RecordBatchError) -> Int {
        try frame.storage.withBytes { (bytes) throws(RecordBatchError) in
            try walk(frame.header, at: frame.position, in: bytes, &visitor).records
        }
    }

    /// Decodes the records of the batch with `header` at `position` in `bytes` and hands each
    /// to `visitor`: the records walked, and whether the visitor let the walk finish.
    @inlinable @inline(__always)
    mutating func walk<Visitor: RecordViewVisitor>(
        _ header: RecordBatchHeader, at position: Int, in bytes: UnsafeRawBufferPointer, _ visitor: inout Visitor
    ) throws(RecordBatchError) -> (records: Int, finished: Bool) {
        let records = try prepare(header, at: position, in: bytes)
        var state = RecordIterator.State(index: records.range.lowerBound)
        let finished: Bool
        if records.compressed {
            finished = try buffer.withBytes { (decoded) throws(RecordBatchError) in
                try RecordIterator.walk(decoded, header: header, end: records.range.upperBound, location: records.location, state: &state, visitor: &visitor)
            }
        } else {
            finished = try RecordIterator.walk(bytes, header: header, end: records.range.upperBound, location: records.location, state: &state, visitor: &visitor)
        }
        return (Int(state.count), finished)
    }

    /// Makes `frame`'s records block ready to walk (see ``prepare(_:at:in:)``).
    @usableFromInline
    mutating func prepare(_ frame: RecordBatchFrame) throws(RecordBatchError) -> (compressed: Bool, range: Range<Int>, location: ByteLocation) {
        try frame.storage.withBytes { (bytes) throws(RecordBatchError) in try prepare(frame.header, at: frame.position, in: bytes) }
    }

    /// Makes the records block of the batch with `header` at `position` in `bytes` ready to
    /// walk: its range in `bytes` when the batch is uncompressed (`compressed` false), else
    /// decompressed into ``buffer``, at `0..<length`; and where errors point.
    @usableFromInline
    mutating func prepare(_ header: RecordBatchHeader, at position: Int, in bytes: UnsafeRawBufferPointer) throws(RecordBatchError) -> (compressed: Bool, range: Range<Int>, location: ByteLocation) {
        let type = try RecordBatchFrame.checkedCompression(header, at: position)
        let block = RecordBatchFrame.recordsRange(header, at: position)
        if type == .none {
            return (false, block, ByteLocation())
        }
        let produced: Int
        do throws(CompressionError) {
            produced = try decodeIntoBuffer(type, UnsafeRawBufferPointer(rebasing: bytes[block]))
        } catch {
            throw RecordBatchError(field: "records", offset: block.lowerBound, reason: .compression(error))
        }
        return (true, 0..<produced, ByteLocation(origin: block.lowerBound, isDecompressed: true))
    }
}

extension RecordBatchDecompressor {
    /// Decompresses `input` (`type`) into the kept buffer, from its start; returns the length
    /// decoded. With the default provider: straight into the buffer when the direct path takes
    /// it, else by the careful path (which grows the buffer when needed).
    ///
    /// Between batches the buffer's count is its whole room (its capacity, zero-filled once by
    /// the first direct decode after it grew), so that the direct path writes into it with one
    /// uniqueness check: no `removeAll(keepingCapacity:)` and re-append per batch (about 100
    /// instructions). The bytes past the returned length are the room, not content. After the
    /// careful path (a first batch, a block that did not fit, gzip) the count is the length
    /// decoded: a decompressor used for one batch (``RecordBatchFrame/records(decompressionLimit:codecs:)``)
    /// never fills its room.
    @inline(__always)
    mutating func decodeIntoBuffer(_ type: CompressionType, _ input: UnsafeRawBufferPointer) throws(CompressionError) -> Int {
        guard codecs.isKafkaCompression else {
            try decompressWithKeptCodec(type, input)
            return buffer.count
        }
        let limit = decompressionLimit
        if type != .gzip, buffer.capacity > 0 {
            if buffer.count < buffer.capacity {
                Self.fillRoom(&buffer)
            }
            if let produced = Self.decodeDirectly(&direct, type, input, into: &buffer, limit: limit) {
                return produced
            }
        }
        buffer.removeAll(keepingCapacity: true)
        try direct.decompress(type, input, appendingTo: &buffer, limit: limit)
        return buffer.count
    }

    /// Zero-fills `buffer` from its count to its capacity (one memset, in debug builds too),
    /// once after it grew or after the careful path: its room becomes its count.
    private static func fillRoom(_ buffer: inout [UInt8]) {
        buffer.append(addingCapacity: buffer.capacity &- buffer.count) { (span: inout OutputSpan<UInt8>) in
            span.withUnsafeMutableBufferPointer { (room, initialized) in
                if let base = room.baseAddress { _ = memset(base, 0, room.count) }
                initialized = room.count
            }
        }
    }

    /// ``DirectDecompressor/decompress(_:_:into:limit:)`` into the whole of `buffer`; the
    /// length decoded, or nil when it did not decode.
    private static func decodeDirectly(
        _ direct: inout DirectDecompressor, _ type: CompressionType, _ input: UnsafeRawBufferPointer,
        into buffer: inout [UInt8], limit: Int
    ) -> Int? {
        buffer.withUnsafeMutableBytes { room in
            direct.decompress(type, input, into: room, limit: limit)
        }
    }

    /// Replaces the kept buffer's contents with `input` decompressed by the provider's kept
    /// codec of `type`, used in its slot. The buffer leaves `self` for the call (a swap, no
    /// copy), so the codec's slot and the buffer are written at once.
    mutating func decompressWithKeptCodec(_ type: CompressionType, _ input: UnsafeRawBufferPointer) throws(CompressionError) {
        var output: [UInt8] = []
        swap(&output, &buffer)
        defer { swap(&output, &buffer) }
        output.removeAll(keepingCapacity: true)
        let limit = decompressionLimit
        try kept.withCodec(type, from: codecs) { (codec) throws(CompressionError) in
            try codec.decompress(input, appendingTo: &output, limit: limit)
        }
    }
}

/// One kept codec per compression type, in a table indexed by the codec bits and made on first
/// use. A codec works in its slot (never copied out and back: that cost an existential copy and
/// a uniqueness check per batch, about 1,000 instructions), so its contexts stay uniquely
/// referenced. Which slots hold a codec is kept beside them, so finding the codec reads a byte
/// instead of copying the existential out to ask its type (about 250 instructions a batch).
/// The table grows once per codec, never per batch.
struct KeptCodecs {
    private var slots: [(any CompressionCodec)?] = []
    /// Bit `n` set: slot `n` holds the codec of the type whose raw value is `n`.
    private var filled: UInt32 = 0

    /// Calls `body` with the kept codec of `type` (made through `codecs` on first use), in place.
    mutating func withCodec(
        _ type: CompressionType, from codecs: CompressionCodecProvider,
        _ body: (inout any CompressionCodec) throws(CompressionError) -> Void
    ) throws(CompressionError) {
        let index = Int(type.rawValue)
        if filled & (1 << UInt32(index)) == 0 {
            if index >= slots.count {
                slots.append(contentsOf: repeatElement(nil, count: index + 1 - slots.count))
            }
            let codec = try codecs.codec(type)
            // A provider returning another type's codec is asked again next time, as before.
            slots[index] = codec
            if codec.type == type { filled |= 1 << UInt32(index) }
        }
        try body(&slots[index]!)
    }
}
