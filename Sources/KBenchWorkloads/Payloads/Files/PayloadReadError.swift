/// Why a user's payload could not be read: the file, the byte offset when one applies, and
/// the reason — one line, e.g. `events.bin: byte 4096: record length 70000 runs past the end
/// of the file (1200 bytes left)`.
package struct PayloadReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    package enum Reason: Sendable, Hashable {
        /// The file or directory could not be opened (the system's message).
        case cannotOpen(String)
        /// Reading failed (the system's message).
        case readFailed(String)
        /// The path is not a regular file (where one record per line or length-delimited
        /// records were expected).
        case notAFile
        /// The path is not a directory (where one file per record was expected).
        case notADirectory
        /// The input ends inside a 4-byte length field.
        case truncatedLength(needed: Int, available: Int)
        /// A length field announces more bytes than the input has left.
        case lengthPastEnd(declared: Int, available: Int)
        /// A record is larger than the reader's cap (its size, or a lower bound for an
        /// unterminated line).
        case recordTooLarge(size: Int, limit: Int)
        /// The source has no record at all.
        case noRecords
    }

    /// The file (or directory) read.
    package var path: String
    /// Byte offset in the file where the problem starts, when one applies.
    package var offset: Int?
    /// What went wrong.
    package var reason: Reason

    /// An error for `path` at `offset`.
    package init(path: String, offset: Int?, reason: Reason) {
        self.path = path
        self.offset = offset
        self.reason = reason
    }

    /// One line: the path, the offset if any, the reason.
    package var description: String {
        let location = offset.map { "\(path): byte \($0)" } ?? path
        switch reason {
        case .cannotOpen(let message): return "cannot open \(path): \(message)"
        case .readFailed(let message): return "\(location): read failed: \(message)"
        case .notAFile: return "\(path) is not a regular file"
        case .notADirectory: return "\(path) is not a directory"
        case .truncatedLength(let needed, let available):
            return "\(location): truncated length field: needs \(needed) bytes, \(available) left"
        case .lengthPastEnd(let declared, let available):
            return "\(location): record length \(declared) runs past the end of the input (\(available) bytes left)"
        case .recordTooLarge(let size, let limit):
            return "\(location): record of \(size) bytes exceeds the limit of \(limit) bytes"
        case .noRecords: return "\(path): no records"
        }
    }
}
