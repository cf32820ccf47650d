import KafkaRecords

/// One entry of a `.log` file as the broker stores it: `offset int64, size int32`, then
/// `size` bytes (a RecordBatch v2 or a legacy v0/v1 message), with its position.
package struct LogEntry {
    /// Byte position in the file.
    package var position: Int
    /// The whole entry, log header included.
    package var bytes: [UInt8]

    /// The magic byte (at byte 16 for every format).
    package var magic: Int8 { Int8(bitPattern: bytes[16]) }
    /// The entry's offset field: a v2 batch's base offset, a legacy message's (wrapper's) offset.
    package var offsetField: Int64 { LogEntryScanner.int64(bytes, at: 0) }
}

/// Walks a `.log` file entry by entry with positioned reads through a 1 MiB read-ahead
/// window, holding one entry at a time: memory is bounded by the window and the largest
/// batch, not the file. Follows Kafka's
/// `FileLogInputStream`: an entry needs 17 bytes (up to the magic) and a size of at least 14
/// (a v0 message's overhead); an entry that runs past the end of the file is a truncated
/// tail (a torn write), reported rather than read.
package struct LogEntryScanner {
    /// Bytes before the magic byte (offset, size, crc/leader epoch).
    package static let headerSizeUpToMagic = 17
    /// Smallest valid size (a magic v0 message without key or value).
    package static let minimumSize: Int32 = 14

    /// What ended the walk early.
    package enum Stop: Sendable, Equatable {
        /// The last entry runs past the end of the file (or fewer than 17 bytes are left).
        case truncatedTail(position: Int, needed: Int, available: Int)
        /// An entry declares a size below the minimum or above `maximumEntrySize`.
        case invalidSize(position: Int, size: Int32)
    }

    private let file: StorageFile
    /// Refuse entries larger than this (a lying size must not become a huge read).
    package let maximumEntrySize: Int
    /// Position of the next entry.
    package private(set) var position: Int
    /// Set when the walk stopped before the end of the file.
    package private(set) var stop: Stop?
    /// Bytes read ahead (small entries are sliced from it: one read serves many).
    private var window: [UInt8] = []
    /// File position of `window[0]`.
    private var windowStart = 0
    /// Size of a read-ahead; entries larger than this are read on their own.
    static let windowSize = 1 << 20

    /// A scanner over `file` from `position`.
    package init(_ file: StorageFile, from position: Int = 0, maximumEntrySize: Int = 1 << 30) {
        self.file = file
        self.position = position
        self.maximumEntrySize = maximumEntrySize
    }

    /// Reads only the first `count` bytes of the entry at the current position and steps
    /// over it (for index checks that need headers only).
    package mutating func nextHeader(count: Int) throws(StorageReadError) -> LogEntry? {
        try step(reading: count)
    }

    /// The next whole entry, or nil at the end of the file or at a fault (see ``stop``).
    package mutating func next() throws(StorageReadError) -> LogEntry? {
        try step(reading: nil)
    }

    private mutating func step(reading limit: Int?) throws(StorageReadError) -> LogEntry? {
        guard stop == nil, position < file.size else { return nil }
        let available = file.size - position
        guard available >= Self.headerSizeUpToMagic else {
            stop = .truncatedTail(position: position, needed: Self.headerSizeUpToMagic, available: available)
            return nil
        }
        // Header hops (index checks jump to scattered positions) read directly; whole entries
        // (a segment walked end to end) through the read-ahead window.
        let readAhead = limit == nil
        let head = try read(at: position, count: RecordBatchHeader.logOverhead, readAhead: readAhead)
        let size = Self.int32(head, at: 8)
        guard size >= Self.minimumSize, Int(size) <= maximumEntrySize else {
            stop = .invalidSize(position: position, size: size)
            return nil
        }
        let total = RecordBatchHeader.logOverhead + Int(size)
        guard total <= available else {
            stop = .truncatedTail(position: position, needed: total, available: available)
            return nil
        }
        let bytes = try read(at: position, count: Swift.min(total, limit ?? total), readAhead: readAhead)
        let entry = LogEntry(position: position, bytes: bytes)
        position += total
        return entry
    }

    /// `count` bytes at `offset` (the caller checked they lie inside the file), from the
    /// read-ahead window when they fit in one.
    private mutating func read(at offset: Int, count: Int, readAhead: Bool) throws(StorageReadError) -> [UInt8] {
        guard readAhead, count <= Self.windowSize else { return try file.read(at: offset, count: count) }
        if offset < windowStart || offset + count > windowStart + window.count {
            window = try file.read(at: offset, count: Self.windowSize)
            windowStart = offset
        }
        let start = offset - windowStart
        return Array(window[start..<Swift.min(start + count, window.count)])
    }

    /// The big-endian int64 at `index` (the caller checked the bounds).
    static func int64(_ bytes: [UInt8], at index: Int) -> Int64 {
        var value: Int64 = 0
        for byte in bytes[index..<(index + 8)] { value = value << 8 | Int64(byte) }
        return value
    }

    /// The big-endian int32 at `index` (the caller checked the bounds).
    static func int32(_ bytes: [UInt8], at index: Int) -> Int32 {
        var value: Int32 = 0
        for byte in bytes[index..<(index + 4)] { value = value << 8 | Int32(byte) }
        return value
    }
}

extension LogEntryScanner.Stop: CustomStringConvertible {
    /// One line: where and why.
    package var description: String {
        switch self {
        case .truncatedTail(let position, let needed, let available):
            "truncated entry at position \(position): needs \(needed) bytes, \(available) left"
        case .invalidSize(let position, let size):
            "invalid entry size \(size) at position \(position)"
        }
    }
}
