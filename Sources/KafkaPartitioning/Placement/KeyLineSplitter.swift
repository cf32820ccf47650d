/// Splits a byte stream into keys, one per line, appending them to a ``KeyBatch`` without an
/// allocation per key. Lines end with `\n`; a `\r` before it is dropped (CRLF files); an empty
/// line is an empty key; a last line without a newline is a key. A line longer than
/// ``maximumKeyLength`` is an error naming its line and byte offset (memory stays bounded).
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

    /// The longest key accepted.
    public let maximumKeyLength: Int
    private var pending: [UInt8] = []
    private var lineNumber = 1
    private var lineStart = 0
    private var consumed = 0

    /// A splitter accepting keys up to `maximumKeyLength` bytes (default 1 MiB).
    public init(maximumKeyLength: Int = 1 << 20) {
        self.maximumKeyLength = max(0, maximumKeyLength)
    }

    /// Lines started so far (the next line's number).
    public var linesSeen: Int { lineNumber - 1 }

    /// Appends every complete line of `chunk` to `batch`; an incomplete last line waits for
    /// the next chunk.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into batch: inout KeyBatch) throws(LineTooLong) {
        var start = 0
        let count = chunk.count
        while start < count {
            var end = start
            while end < count && chunk[end] != 0x0A { end += 1 }
            let piece = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
            guard pending.count + piece.count <= maximumKeyLength + 1 else { throw tooLong() }
            if end == count {
                pending.append(contentsOf: piece)
                consumed += end - start
                return
            }
            if pending.isEmpty {
                guard appendLine(piece, into: &batch) else { throw tooLong() }
            } else {
                pending.append(contentsOf: piece)
                let line = pending
                pending.removeAll(keepingCapacity: true)
                guard line.withUnsafeBytes({ appendLine($0, into: &batch) }) else { throw tooLong() }
            }
            consumed += end - start + 1
            lineStart = consumed
            lineNumber += 1
            start = end + 1
        }
    }

    /// Flushes a last line that had no newline.
    public mutating func finish(into batch: inout KeyBatch) throws(LineTooLong) {
        guard !pending.isEmpty else { return }
        let line = pending
        pending.removeAll()
        guard line.withUnsafeBytes({ appendLine($0, into: &batch) }) else { throw tooLong() }
        lineNumber += 1
    }

    /// Appends `line` without a trailing `\r`; false when it is longer than the limit.
    private func appendLine(_ line: UnsafeRawBufferPointer, into batch: inout KeyBatch) -> Bool {
        var key = line
        if key.last == 0x0D { key = UnsafeRawBufferPointer(rebasing: key.dropLast()) }
        guard key.count <= maximumKeyLength else { return false }
        batch.append(bytes: key)
        return true
    }

    private func tooLong() -> LineTooLong {
        LineTooLong(line: lineNumber, offset: lineStart, limit: maximumKeyLength)
    }
}
