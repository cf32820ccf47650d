/// One `.index` entry: an offset and the file position of the batch holding it, as
/// Apache Kafka's `OffsetIndex` stores it (`relativeOffset int32, position int32`, big-endian,
/// relative to the segment's base offset).
public struct OffsetIndexEntry: Sendable, Hashable {
    /// Bytes per entry.
    public static let size = 8

    /// The absolute offset (base offset + stored relative offset): Kafka indexes the LAST
    /// offset of the batch that starts at ``position``.
    public var offset: Int64
    /// The batch's byte position in the `.log` file.
    public var position: Int32

    /// An entry.
    public init(offset: Int64, position: Int32) {
        self.offset = offset
        self.position = position
    }

    /// The entry in slot `slot` of `buffer` (an index file's bytes from slot 0), or nil when
    /// the buffer ends before it.
    public static func decode(_ buffer: UnsafeRawBufferPointer, slot: Int, baseOffset: Int64) -> OffsetIndexEntry? {
        let start = slot &* size
        guard slot >= 0, start <= buffer.count &- size else { return nil }
        let relative = Int32(bigEndian: buffer.loadUnaligned(fromByteOffset: start, as: Int32.self))
        let position = Int32(bigEndian: buffer.loadUnaligned(fromByteOffset: start &+ 4, as: Int32.self))
        return OffsetIndexEntry(offset: baseOffset &+ Int64(relative), position: position)
    }
}

/// One `.timeindex` entry, as Apache Kafka's `TimeIndex` stores it (`timestamp int64,
/// relativeOffset int32`, big-endian): the largest timestamp seen so far in the segment and
/// the offset Kafka indexes for it.
public struct TimeIndexEntry: Sendable, Hashable {
    /// Bytes per entry.
    public static let size = 12

    /// The timestamp (Unix milliseconds).
    public var timestamp: Int64
    /// The absolute offset (base offset + stored relative offset).
    public var offset: Int64

    /// An entry.
    public init(timestamp: Int64, offset: Int64) {
        self.timestamp = timestamp
        self.offset = offset
    }

    /// The entry in slot `slot` of `buffer`, or nil when the buffer ends before it.
    public static func decode(_ buffer: UnsafeRawBufferPointer, slot: Int, baseOffset: Int64) -> TimeIndexEntry? {
        let start = slot &* size
        guard slot >= 0, start <= buffer.count &- size else { return nil }
        let timestamp = Int64(bigEndian: buffer.loadUnaligned(fromByteOffset: start, as: Int64.self))
        let relative = Int32(bigEndian: buffer.loadUnaligned(fromByteOffset: start &+ 8, as: Int32.self))
        return TimeIndexEntry(timestamp: timestamp, offset: baseOffset &+ Int64(relative))
    }
}

/// Apache Kafka's index sanity check (`OffsetIndex.sanityCheck`, `TimeIndex.sanityCheck`): the
/// check a broker runs at startup to decide whether to rebuild an index, and what
/// kafka-dump-log's `--index-sanity-check` runs. Kafka counts `length / entrySize` entries
/// (zero-filled preallocated slots included) and looks at the first and the last.
public enum IndexSanityCheck {
    /// The problems with an offset index of `length` bytes whose last slot is `last`
    /// (nil when it has no entry), empty when it passes.
    public static func offsetIndex(length: Int, baseOffset: Int64, last: OffsetIndexEntry?) -> [String] {
        var problems: [String] = []
        if let last, last.offset < baseOffset {
            problems.append("non-zero size but the last offset is \(last.offset) which is less than the base offset \(baseOffset)")
        }
        if length % OffsetIndexEntry.size != 0 {
            problems.append("found \(length) bytes which is neither positive nor a multiple of \(OffsetIndexEntry.size)")
        }
        return problems
    }

    /// The problems with a time index of `length` bytes whose first and last slots are
    /// `first` and `last` (nil when it has no entry), empty when it passes.
    public static func timeIndex(length: Int, baseOffset: Int64, first: TimeIndexEntry?, last: TimeIndexEntry?) -> [String] {
        var problems: [String] = []
        if let first, let last {
            if last.timestamp < first.timestamp {
                problems.append("non-zero size but the last timestamp is \(last.timestamp) which is less than the first timestamp \(first.timestamp)")
            }
            if last.offset < baseOffset {
                problems.append("non-zero size but the last offset is \(last.offset) which is less than the first offset \(baseOffset)")
            }
        }
        if length % TimeIndexEntry.size != 0 {
            problems.append("found \(length) bytes which is neither positive nor a multiple of \(TimeIndexEntry.size)")
        }
        return problems
    }
}
