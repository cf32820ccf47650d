/// The 61-byte header of a RecordBatch v2 (facts §4; Java `DefaultRecordBatch`).
///
/// | offset | field | type |
/// |---|---|---|
/// | 0 | baseOffset | int64 |
/// | 8 | batchLength (bytes after this field) | int32 |
/// | 12 | partitionLeaderEpoch | int32 |
/// | 16 | magic (= 2) | int8 |
/// | 17 | crc (CRC-32C of bytes 21…end) | uint32 |
/// | 21 | attributes | int16 |
/// | 23 | lastOffsetDelta | int32 |
/// | 27 | baseTimestamp | int64 |
/// | 35 | maxTimestamp | int64 |
/// | 43 | producerId | int64 |
/// | 51 | producerEpoch | int16 |
/// | 53 | baseSequence | int32 |
/// | 57 | recordsCount | int32 |
public struct RecordBatchHeader: Sendable, Hashable, Codable {
    /// Header size: records start at this offset (also the whole overhead of a batch).
    public static let size = 61
    /// Bytes before `batchLength` counts: baseOffset and batchLength themselves (`LOG_OVERHEAD`).
    public static let logOverhead = 12
    /// Where the CRC-covered bytes start (the attributes field).
    public static let crcCoverageStart = 21
    /// The only magic value this codec reads and writes.
    public static let magicV2: Int8 = 2
    /// "No value" for producerId, producerEpoch, baseSequence, leader epoch and timestamps.
    public static let noValue: Int64 = -1

    /// Offset of the first record (assigned by the broker; producers write 0).
    public var baseOffset: Int64
    /// Bytes after this field: the batch is `batchLength + 12` bytes long.
    public var batchLength: Int32
    /// Leader epoch stamped by the broker; -1 from producers. Not covered by the CRC.
    public var partitionLeaderEpoch: Int32
    /// Format version (2).
    public var magic: Int8
    /// CRC-32C of bytes 21…end, as stored.
    public var crc: UInt32
    /// Codec, timestamp type, transactional, control and delete-horizon bits.
    public var attributes: RecordBatchAttributes
    /// Offset delta of the last record (`lastOffset - baseOffset`).
    public var lastOffsetDelta: Int32
    /// Timestamp the record deltas are relative to (the delete horizon when bit 6 is set).
    public var baseTimestamp: Int64
    /// Largest record timestamp (the append time under LogAppendTime).
    public var maxTimestamp: Int64
    /// Idempotent/transactional producer id, -1 when none.
    public var producerId: Int64
    /// Producer epoch, -1 when none.
    public var producerEpoch: Int16
    /// Sequence number of the first record, -1 when none.
    public var baseSequence: Int32
    /// Number of records in the batch.
    public var recordsCount: Int32

    /// Creates a header from every field.
    @inlinable
    public init(
        baseOffset: Int64 = 0,
        batchLength: Int32 = Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead),
        partitionLeaderEpoch: Int32 = -1,
        magic: Int8 = RecordBatchHeader.magicV2,
        crc: UInt32 = 0,
        attributes: RecordBatchAttributes = RecordBatchAttributes(),
        lastOffsetDelta: Int32 = 0,
        baseTimestamp: Int64 = -1,
        maxTimestamp: Int64 = -1,
        producerId: Int64 = -1,
        producerEpoch: Int16 = -1,
        baseSequence: Int32 = -1,
        recordsCount: Int32 = 0
    ) {
        self.baseOffset = baseOffset
        self.batchLength = batchLength
        self.partitionLeaderEpoch = partitionLeaderEpoch
        self.magic = magic
        self.crc = crc
        self.attributes = attributes
        self.lastOffsetDelta = lastOffsetDelta
        self.baseTimestamp = baseTimestamp
        self.maxTimestamp = maxTimestamp
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.baseSequence = baseSequence
        self.recordsCount = recordsCount
    }

    /// The whole batch size in bytes (`batchLength + 12`).
    public var sizeInBytes: Int { Int(batchLength) + Self.logOverhead }
    /// Offset of the last record (`baseOffset + lastOffsetDelta`, wrapping like Java's long add).
    public var lastOffset: Int64 { baseOffset &+ Int64(lastOffsetDelta) }
    /// Offset the next batch should start at.
    public var nextOffset: Int64 { lastOffset &+ 1 }
    /// Sequence of the last record, -1 without a base sequence; wraps past Int32.max as Java does.
    public var lastSequence: Int32 { Self.sequence(base: baseSequence, delta: lastOffsetDelta) }
    /// The delete horizon (KIP-534) when attributes bit 6 is set.
    public var deleteHorizonMs: Int64? { attributes.hasDeleteHorizon ? baseTimestamp : nil }
    /// Whether a producer id is present (> -1).
    public var hasProducerId: Bool { producerId > -1 }

    /// Java `DefaultRecordBatch.incrementSequence`: `base + delta`, wrapping to 0 after Int32.max;
    /// -1 (no sequence) stays -1.
    @inlinable
    public static func sequence(base: Int32, delta: Int32) -> Int32 {
        guard base != -1 else { return -1 }
        if base > Int32.max &- delta {
            return delta &- (Int32.max &- base) &- 1
        }
        return base &+ delta
    }

    /// Reads a header at `index` of `bytes` (absolute position `index + origin` for errors).
    ///
    /// Checks that 61 bytes are present, that the magic is 2, and that `batchLength` is at
    /// least 49 and fits in the bytes available; does not check the CRC.
    @inlinable @inline(__always)
    static func parse(_ bytes: UnsafeRawBufferPointer, at index: Int, origin: Int = 0) throws(RecordBatchError) -> RecordBatchHeader {
        func load<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            T(bigEndian: bytes.loadUnaligned(fromByteOffset: index &+ offset, as: T.self))
        }
        // One check for all 61 bytes, then one for batchLength and magic together; the
        // error, naming the first field at fault, is built out of line.
        guard bytes.count &- index >= Self.size else { throw parseError(bytes, at: index, origin: origin) }
        let batchLength = load(8, Int32.self)
        let magic = load(16, Int8.self)
        guard batchLength >= Int32(Self.size - Self.logOverhead), magic == Self.magicV2,
              Int(batchLength) <= bytes.count &- index &- Self.logOverhead else {
            throw parseError(bytes, at: index, origin: origin)
        }
        return RecordBatchHeader(
            baseOffset: load(0, Int64.self),
            batchLength: batchLength,
            partitionLeaderEpoch: load(12, Int32.self),
            magic: magic,
            crc: load(17, UInt32.self),
            attributes: RecordBatchAttributes(rawValue: load(21, Int16.self)),
            lastOffsetDelta: load(23, Int32.self),
            baseTimestamp: load(27, Int64.self),
            maxTimestamp: load(35, Int64.self),
            producerId: load(43, Int64.self),
            producerEpoch: load(51, Int16.self),
            baseSequence: load(53, Int32.self),
            recordsCount: load(57, Int32.self)
        )
    }

    /// Why ``parse(_:at:origin:)`` refuses the header at `index`: the error naming the first
    /// field at fault (a truncated field, then batchLength below 49, the magic, batchLength
    /// past the bytes available).
    @usableFromInline @inline(never)
    static func parseError(_ bytes: UnsafeRawBufferPointer, at index: Int, origin: Int) -> RecordBatchError {
        let cursor = ByteCursor(bytes, from: index, location: ByteLocation(origin: origin))
        guard cursor.remaining >= Self.size else {
            // Name the first field that does not fit, and how much of it is there.
            let available = Swift.max(cursor.remaining, 0)
            let field = Self.field(containing: available)
            return RecordBatchError(
                field: field.name, offset: origin &+ index &+ field.offset,
                reason: .truncated(needed: field.length, available: available &- field.offset)
            )
        }
        let batchLength = Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: index &+ 8, as: Int32.self))
        let minimumLength = Self.size - Self.logOverhead
        guard batchLength >= minimumLength else {
            return RecordBatchError(field: "batchLength", offset: origin &+ index &+ 8, reason: .invalidLength(Int64(batchLength), available: Swift.max(bytes.count &- index &- Self.logOverhead, 0)))
        }
        let magic = bytes.load(fromByteOffset: index &+ 16, as: Int8.self)
        guard magic == Self.magicV2 else {
            return RecordBatchError(field: "magic", offset: origin &+ index &+ 16, reason: .unsupportedMagic(magic))
        }
        let available = bytes.count &- index &- Self.logOverhead
        return RecordBatchError(field: "batchLength", offset: origin &+ index &+ 8, reason: .truncated(needed: Int(batchLength), available: available))
    }

    /// Parses the header at the start of `bytes` (at least 61 bytes, magic 2, batchLength
    /// that fits in `bytes`). Does not verify the CRC; see ``RecordBatchDecoder`` for that.
    public init(parsing bytes: [UInt8]) throws(RecordBatchError) {
        self = try bytes.withBytes { (buffer) throws(RecordBatchError) in
            try Self.parse(buffer, at: 0)
        }
    }

    /// Writes the 61 header bytes at `pointer`.
    @inlinable
    func store(at pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: baseOffset.bigEndian, toByteOffset: 0, as: Int64.self)
        pointer.storeBytes(of: batchLength.bigEndian, toByteOffset: 8, as: Int32.self)
        pointer.storeBytes(of: partitionLeaderEpoch.bigEndian, toByteOffset: 12, as: Int32.self)
        pointer.storeBytes(of: magic, toByteOffset: 16, as: Int8.self)
        pointer.storeBytes(of: crc.bigEndian, toByteOffset: 17, as: UInt32.self)
        pointer.storeBytes(of: attributes.rawValue.bigEndian, toByteOffset: 21, as: Int16.self)
        pointer.storeBytes(of: lastOffsetDelta.bigEndian, toByteOffset: 23, as: Int32.self)
        pointer.storeBytes(of: baseTimestamp.bigEndian, toByteOffset: 27, as: Int64.self)
        pointer.storeBytes(of: maxTimestamp.bigEndian, toByteOffset: 35, as: Int64.self)
        pointer.storeBytes(of: producerId.bigEndian, toByteOffset: 43, as: Int64.self)
        pointer.storeBytes(of: producerEpoch.bigEndian, toByteOffset: 51, as: Int16.self)
        pointer.storeBytes(of: baseSequence.bigEndian, toByteOffset: 53, as: Int32.self)
        pointer.storeBytes(of: recordsCount.bigEndian, toByteOffset: 57, as: Int32.self)
    }

    /// The 61 header bytes exactly as stored (the CRC field as is, not recomputed).
    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.size) { buffer, count in
            if let base = buffer.baseAddress { store(at: UnsafeMutableRawPointer(base)) }
            count = Self.size
        }
    }

    /// Every header field with its offset and length, in wire order.
    public static let layout: [(name: String, offset: Int, length: Int)] = [
        ("baseOffset", 0, 8), ("batchLength", 8, 4), ("partitionLeaderEpoch", 12, 4),
        ("magic", 16, 1), ("crc", 17, 4), ("attributes", 21, 2), ("lastOffsetDelta", 23, 4),
        ("baseTimestamp", 27, 8), ("maxTimestamp", 35, 8), ("producerId", 43, 8),
        ("producerEpoch", 51, 2), ("baseSequence", 53, 4), ("recordsCount", 57, 4),
    ]

    /// The header field that byte `offset` (0–60) belongs to.
    @usableFromInline
    static func field(containing offset: Int) -> (name: String, offset: Int, length: Int) {
        layout.last(where: { $0.offset <= offset }) ?? layout[0]
    }
}
