/// Reads keys from a file, one key per line, or from standard input (`-`), streaming through a
/// fixed read buffer: memory is the buffer plus the longest key (bounded by ``maximumKeyLength``),
/// whatever the number of keys.
///
/// Lines end with `\n`; a `\r` before it is dropped (CRLF files). An empty line is an empty
/// key (hashed like any key by most clients); a last line without a newline is a key, but a
/// final newline does not add an empty key.
package struct KeyFileReader: KeySource {
    /// The path read (`-` = standard input).
    package let path: String
    /// The longest key accepted; a longer line fails with ``KeyReadError/Reason/keyTooLong(limit:)``.
    package let maximumKeyLength: Int
    /// Lines read so far (the line number of the last key).
    package private(set) var lineNumber = 0
    private let bufferSize: Int
    private var input: FileInput

    /// The default bound on one key: 1 MiB.
    package static let defaultMaximumKeyLength = 1 << 20

    /// Opens `path` (`-` = standard input).
    package init(path: String, maximumKeyLength: Int = defaultMaximumKeyLength, bufferSize: Int = 1 << 16) throws(KeyReadError) {
        self.path = path
        self.maximumKeyLength = Swift.max(0, maximumKeyLength)
        self.bufferSize = bufferSize
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
        lineNumber = 0
    }

    /// Writes the next line into `key`; false at the end of the input.
    package mutating func nextKey(into key: inout KeyBuffer) throws(KeyReadError) -> Bool {
        // Works in the caller's buffer directly: a copy would share its storage, and the first
        // append would then reallocate once per key. After an error the key's content is unspecified.
        key.removeAll()
        var sawBytes = false
        let limit = maximumKeyLength
        let line = lineNumber + 1
        let path = self.path
        while true {
            if input.available == 0 {
                let more: Bool
                do throws(PayloadReadError) {
                    more = try input.fill()
                } catch {
                    throw KeyReadError(path: path, line: line, payloadError: error)
                }
                if !more {
                    guard sawBytes else { return false }
                    key.dropLast(ifEqualTo: 0x0D)
                    // A last line without a newline is bounded like any other.
                    guard key.count <= limit else { throw KeyReadError(path: path, line: line, reason: .keyTooLong(limit: limit)) }
                    lineNumber = line
                    return true
                }
            }
            var complete = false
            do throws(PayloadReadError) {
                try input.consume { (chunk) throws(PayloadReadError) -> Int in
                    let newline = chunk.firstIndex(of: 0x0A)
                    let length = newline ?? chunk.count
                    // One byte of slack for a `\r` that the newline will remove.
                    guard key.count + length <= limit + 1 else {
                        throw PayloadReadError(path: path, offset: nil, reason: .recordTooLarge(size: key.count + length, limit: limit))
                    }
                    key.append(UnsafeRawBufferPointer(rebasing: chunk[0..<length]))
                    complete = newline != nil
                    return newline.map { $0 + 1 } ?? length
                }
            } catch {
                throw KeyReadError(path: path, line: line, reason: .keyTooLong(limit: limit))
            }
            sawBytes = true
            guard complete else { continue }
            key.dropLast(ifEqualTo: 0x0D)
            guard key.count <= limit else { throw KeyReadError(path: path, line: line, reason: .keyTooLong(limit: limit)) }
            lineNumber = line
            return true
        }
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
