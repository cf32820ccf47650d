#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into keys, one per line: the one reader of key files (kbench's
/// `KeyFileReader` feeds it a file's read buffer; ``feed(_:into:)`` fills a ``KeyBatch``).
///
/// Lines end with `\n`; a `\r` before it is dropped (CRLF files); an empty line is an empty
/// key; a last line without a newline is a key (``finish(_:)``), but a final newline does not
/// add an empty key. A line whose key is longer than ``maximumKeyLength`` is an error naming
/// its line and byte offset, raised as soon as the line is known to be too long, so memory
/// stays bounded. A line inside one chunk is lent straight from the chunk; only a line split
/// across chunks is copied (into storage reused from line to line: no allocation per key).
public struct KeyLineSplitter: Sendable {
    /// Why a key stream was rejected.
    public struct LineTooLong: Error, Sendable, Hashable, CustomStringConvertible {
        /// 1-based line number.
        public let line: Int
        /// Byte offset of the line's start in the stream.
        public let offset: Int
        /// The limit.
        public let limit: Int

        /// An error for line `line` starting at byte `offset`.
        public init(line: Int, offset: Int, limit: Int) {
            self.line = line
            self.offset = offset
            self.limit = limit
        }

        /// One line naming the line, offset and limit.
        public var description: String {
            "line \(line) (byte offset \(offset)) is longer than \(limit) bytes"
        }
    }

    /// The default bound on one key: 1 MiB.
    public static let defaultMaximumKeyLength = 1 << 20

    /// The longest key accepted.
    public let maximumKeyLength: Int
    /// Lines ended so far: the line number of the last key.
    public private(set) var linesSeen = 0
    /// The current line's bytes from earlier chunks.
    private var pending: [UInt8] = []
    private var lineStart = 0
    private var consumed = 0

    /// A splitter accepting keys up to `maximumKeyLength` bytes.
    public init(maximumKeyLength: Int = defaultMaximumKeyLength) {
        self.maximumKeyLength = max(0, maximumKeyLength)
    }

    /// Takes the current line from the front of `chunk`: when it ends there, calls `body` with
    /// its key (valid during the call) and returns the bytes consumed, newline included, and
    /// `ended` true; otherwise keeps the whole chunk for the next one (`ended` false).
    public mutating func takeLine(
        from chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(LineTooLong) -> (consumed: Int, ended: Bool) {
        let newline = Self.newlineIndex(in: chunk)
        let length = newline ?? chunk.count
        // One byte of slack for a `\r` that the newline will remove.
        guard pending.count + length <= maximumKeyLength + 1 else { throw tooLong() }
        let piece = UnsafeRawBufferPointer(rebasing: chunk[0..<length])
        guard newline != nil else {
            pending.append(contentsOf: piece)
            consumed += length
            return (length, false)
        }
        try endLine(piece, body)
        consumed += length + 1
        lineStart = consumed
        return (length + 1, true)
    }

    /// Ends the stream: calls `body` with a last line that had no newline and returns true,
    /// or returns false when there is none.
    public mutating func finish(_ body: (UnsafeRawBufferPointer) -> Void) throws(LineTooLong) -> Bool {
        guard !pending.isEmpty else { return false }
        try endLine(UnsafeRawBufferPointer(start: nil, count: 0), body)
        return true
    }

    /// Appends every line that ends in `chunk` to `batch`; an unfinished last line waits for
    /// the next chunk.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into batch: inout KeyBatch) throws(LineTooLong) {
        var rest = chunk
        while !rest.isEmpty {
            let consumed = try appendLines(from: rest, to: &batch, limit: .max).consumed
            rest = UnsafeRawBufferPointer(rebasing: rest[consumed...])
        }
    }

    /// Appends the keys of up to `limit` lines from the front of `chunk` to `batch` and returns
    /// the bytes consumed and the keys appended. When fewer than `limit` lines end in `chunk`,
    /// its unfinished last line is kept for the next chunk (consumed, no key), as
    /// ``takeLine(from:_:)`` keeps it; when `limit` keys were appended the rest is left.
    ///
    /// Lines that lie whole in `chunk` are split and copied in bulk (see
    /// `KeyBatch.appendLines(of:limit:maximumKeyLength:)`): no call per key.
    public mutating func appendLines(
        from chunk: UnsafeRawBufferPointer, to batch: inout KeyBatch, limit: Int
    ) throws(LineTooLong) -> (consumed: Int, keys: Int) {
        var used = 0
        var keys = 0
        if !pending.isEmpty, limit > 0 {
            let line = try takeLine(from: chunk) { batch.append(bytes: $0) }
            used = line.consumed
            guard line.ended else { return (used, 0) }
            keys = 1
        }
        while keys < limit, used < chunk.count {
            let rest = UnsafeRawBufferPointer(rebasing: chunk[used...])
            let run = batch.appendLines(of: rest, limit: limit - keys, maximumKeyLength: maximumKeyLength)
            used += run.consumed
            consumed += run.consumed
            keys += run.keys
            linesSeen += run.keys
            lineStart = consumed
            if run.stoppedAtLongLine { throw tooLong() }
            guard run.keys > 0 else {
                // No newline left: the rest is the start of a line that ends in a later chunk.
                used += try takeLine(from: rest) { _ in }.consumed
                break
            }
        }
        return (used, keys)
    }

    /// Appends a last line that had no newline to `batch`.
    public mutating func finish(into batch: inout KeyBatch) throws(LineTooLong) {
        _ = try finish { batch.append(bytes: $0) }
    }

    /// Lends the line made of ``pending`` and `tail` to `body`, without a trailing `\r`.
    private mutating func endLine(_ tail: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) throws(LineTooLong) {
        if pending.isEmpty {
            guard Self.withoutReturn(tail, limit: maximumKeyLength, body) else { throw tooLong() }
        } else {
            pending.append(contentsOf: tail)
            let limit = maximumKeyLength
            guard pending.withUnsafeBytes({ Self.withoutReturn($0, limit: limit, body) }) else { throw tooLong() }
            pending.removeAll(keepingCapacity: true)
        }
        linesSeen += 1
    }

    /// Calls `body` with `line` less a trailing `\r` when that fits `limit`; false when not.
    private static func withoutReturn(
        _ line: UnsafeRawBufferPointer, limit: Int, _ body: (UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        let key = line.last == 0x0D ? UnsafeRawBufferPointer(rebasing: line.dropLast()) : line
        guard key.count <= limit else { return false }
        body(key)
        return true
    }

    /// The index of the first `\n` in `chunk` (libc's memchr: word-at-a-time, several times
    /// faster than a byte loop on short lines).
    private static func newlineIndex(in chunk: UnsafeRawBufferPointer) -> Int? {
        guard let base = chunk.baseAddress, let found = memchr(base, 0x0A, chunk.count) else { return nil }
        return UnsafeRawPointer(found) - base
    }

    private func tooLong() -> LineTooLong {
        LineTooLong(line: linesSeen + 1, offset: lineStart, limit: maximumKeyLength)
    }
}
