import KafkaPartitioning

/// Reads keys from a file, one key per line, or from standard input (`-`), streaming through a
/// fixed read buffer: memory is the buffer plus the longest key (bounded by ``maximumKeyLength``),
/// whatever the number of keys.
///
/// The lines are split by KafkaPartitioning's `KeyLineSplitter` (the one key-line rule): lines
/// end with `\n`; a `\r` before it is dropped (CRLF files). An empty line is an empty key
/// (hashed like any key by most clients); a last line without a newline is a key, but a final
/// newline does not add an empty key.
package struct KeyFileReader: KeySource {
    /// The path read (`-` = standard input).
    package let path: String
    /// The longest key accepted; a longer line fails with ``KeyReadError/Reason/keyTooLong(limit:)``.
    package var maximumKeyLength: Int { splitter.maximumKeyLength }
    /// Lines read so far (the line number of the last key).
    package var lineNumber: Int { splitter.linesSeen }
    /// Bytes of the input taken so far (every byte once the keys ran out).
    package var bytesRead: Int { input.offset }
    private let bufferSize: Int
    private var input: FileInput
    private var splitter: KeyLineSplitter

    /// The default bound on one key: 1 MiB.
    package static let defaultMaximumKeyLength = KeyLineSplitter.defaultMaximumKeyLength

    /// The default read buffer: 1 MiB, one read(2) per ~58,000 lines of 18 bytes (memory stays
    /// this buffer plus a batch, whatever the file's size).
    package static let defaultBufferSize = 1 << 20

    /// Opens `path` (`-` = standard input).
    package init(path: String, maximumKeyLength: Int = defaultMaximumKeyLength, bufferSize: Int = defaultBufferSize) throws(KeyReadError) {
        self.path = path
        self.bufferSize = bufferSize
        splitter = KeyLineSplitter(maximumKeyLength: maximumKeyLength)
        input = try Self.open(path, bufferSize: bufferSize)
    }

    private static func open(_ path: String, bufferSize: Int) throws(KeyReadError) -> FileInput {
        do throws(PayloadReadError) {
            return try FileInput(path: path, bufferSize: bufferSize)
        } catch {
            throw KeyReadError(path: path, line: nil, payloadError: error)
        }
    }

    /// The path.
    package var description: String { InputPath.displayName(path) }

    /// Unknown before reading.
    package var expectedCount: Int? { nil }

    /// Whether ``rewind()`` can start over (regular files; not standard input or pipes).
    package var isRewindable: Bool { path != "-" && input.regularFileSize != nil }

    /// Starts again from the first line (reopens the file).
    package mutating func rewind() throws(KeyReadError) {
        guard isRewindable else { throw KeyReadError(path: path, line: lineNumber, reason: .notRewindable) }
        input = try Self.open(path, bufferSize: bufferSize)
        splitter = KeyLineSplitter(maximumKeyLength: maximumKeyLength)
    }

    /// Writes the next line into `key`; false at the end of the input. After an error the
    /// key's content is unspecified.
    package mutating func nextKey(into key: inout KeyBuffer) throws(KeyReadError) -> Bool {
        // Works in the caller's buffer directly: a copy would share its storage, and the first
        // write would then reallocate once per key.
        try readKeys(upTo: 1, finish: { (splitter) throws(KeyLineSplitter.LineTooLong) in
            try splitter.finish { key.set($0) }
        }) { (splitter, chunk, _) throws(KeyLineSplitter.LineTooLong) in
            let line = try splitter.takeLine(from: chunk) { key.set($0) }
            return (line.consumed, line.ended ? 1 : 0)
        } == 1
    }

    /// Appends up to `limit` next lines to `batch`, straight from the read buffer: the lines a
    /// buffer holds are split and copied in bulk (``KeyLineSplitter/appendLines(from:to:limit:)``);
    /// returns how many (0 at the end of the input).
    package mutating func appendKeys(to batch: inout KeyBatch, limit: Int) throws(KeyReadError) -> Int {
        try readKeys(upTo: limit, finish: { (splitter) throws(KeyLineSplitter.LineTooLong) in
            try splitter.finish { batch.append(bytes: $0) }
        }) { (splitter, chunk, wanted) throws(KeyLineSplitter.LineTooLong) in
            try splitter.appendLines(from: chunk, to: &batch, limit: wanted)
        }
    }

    /// Takes up to `limit` next lines, refilling the read buffer as needed: `take` takes lines
    /// from the front of the buffered bytes (at most the count it is given) and returns the
    /// bytes consumed and the lines taken; `finish` takes a last line without a newline and
    /// says whether there was one. Returns the lines taken.
    private mutating func readKeys(
        upTo limit: Int,
        finish: (inout KeyLineSplitter) throws(KeyLineSplitter.LineTooLong) -> Bool,
        take: (inout KeyLineSplitter, UnsafeRawBufferPointer, Int) throws(KeyLineSplitter.LineTooLong) -> (consumed: Int, keys: Int)
    ) throws(KeyReadError) -> Int {
        let path = self.path
        var taken = 0
        while taken < limit {
            if input.available == 0 {
                let more: Bool
                do throws(PayloadReadError) {
                    more = try input.fill()
                } catch {
                    throw KeyReadError(path: path, line: lineNumber + 1, payloadError: error)
                }
                if !more {
                    do throws(KeyLineSplitter.LineTooLong) {
                        return try finish(&splitter) ? taken + 1 : taken
                    } catch {
                        throw KeyReadError(path: path, line: error.line, reason: .keyTooLong(limit: error.limit))
                    }
                }
            }
            var failure: KeyLineSplitter.LineTooLong?
            do throws(PayloadReadError) {
                try input.consume { chunk in
                    var used = 0
                    while taken < limit, used < chunk.count {
                        do throws(KeyLineSplitter.LineTooLong) {
                            let step = try take(&splitter, UnsafeRawBufferPointer(rebasing: chunk[used...]), limit - taken)
                            used += step.consumed
                            taken += step.keys
                        } catch {
                            failure = error
                            break
                        }
                    }
                    return used
                }
            } catch {
                throw KeyReadError(path: path, line: lineNumber + 1, payloadError: error)
            }
            if let failure { throw KeyReadError(path: path, line: failure.line, reason: .keyTooLong(limit: failure.limit)) }
        }
        return taken
    }
}

/// Why keys could not be read: the file, the line when one applies, and the reason — one line,
/// e.g. `keys.txt: line 12: key longer than 1048576 bytes`.
package struct KeyReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    package enum Reason: Sendable, Hashable {
        /// The file could not be opened (the system's message).
        case cannotOpen(String)
        /// Reading failed (the system's message).
        case readFailed(String)
        /// The path is a directory or otherwise not readable as a file.
        case notAFile
        /// A line is longer than the limit.
        case keyTooLong(limit: Int)
        /// The keys ran out and the input (standard input, a pipe) cannot be read again.
        case notRewindable
    }

    /// The file read (`-` = standard input).
    package var path: String
    /// The 1-based line number where the problem is, when one applies.
    package var line: Int?
    /// What went wrong.
    package var reason: Reason

    /// An error for `path` at `line`.
    package init(path: String, line: Int?, reason: Reason) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    init(path: String, line: Int?, payloadError: PayloadReadError) {
        let reason: Reason = switch payloadError.reason {
        case .cannotOpen(let message): .cannotOpen(message)
        case .notAFile, .notADirectory: .notAFile
        case .recordTooLarge(_, let limit): .keyTooLong(limit: limit)
        case .readFailed(let message): .readFailed(message)
        case .truncatedLength, .lengthPastEnd, .noRecords: .readFailed(payloadError.description)
        }
        self.init(path: path, line: line, reason: reason)
    }

    /// One line: the path, the line if any, the reason.
    package var description: String {
        let name = InputPath.displayName(path)
        let location = line.map { "\(name): line \($0)" } ?? name
        switch reason {
        case .cannotOpen(let message): return "cannot open key file \(name): \(message)"
        case .readFailed(let message): return "\(location): read failed: \(message)"
        case .notAFile: return "key file \(name) is not a regular file"
        case .keyTooLong(let limit): return "\(location): key longer than the limit of \(limit) bytes"
        case .notRewindable: return "\(name): the keys ran out after \(line ?? 0) lines and the input cannot be read again"
        }
    }
}
