/// Reads length-delimited records — a 4-byte big-endian length, then that many bytes, back to
/// back — from a file or standard input (`-`), streaming: memory is bounded by the buffer plus
/// one record.
///
/// A length is checked before anything is allocated for it: past the end of a regular file it
/// fails with ``PayloadReadError/Reason/lengthPastEnd(declared:available:)``, above
/// `maxRecordSize` with ``PayloadReadError/Reason/recordTooLarge(size:limit:)``; an input
/// ending inside a length field fails with ``PayloadReadError/Reason/truncatedLength(needed:available:)``.
/// Offsets name the length field's first byte.
package struct LengthDelimitedPayloadReader: PayloadSource {
    /// Size of the length prefix.
    package static let lengthSize = 4

    /// The path read.
    package let path: String
    /// The largest record accepted.
    package let maxRecordSize: Int
    let input: FileInput

    /// Opens `path` (`-` = standard input).
    package init(path: String, maxRecordSize: Int = PayloadFile.defaultMaxRecordSize, bufferSize: Int = 1 << 16) throws(PayloadReadError) {
        self.path = path
        self.maxRecordSize = Swift.max(0, maxRecordSize)
        input = try FileInput(path: path, bufferSize: bufferSize)
    }

    /// The path (`standard input` for `-`).
    package var description: String { InputPath.displayName(path) }

    /// The next record, or nil at the end of the input.
    package mutating func nextPayload() throws(PayloadReadError) -> [UInt8]? {
        let start = input.offset
        let prefix = try input.readBytes(upTo: Self.lengthSize)
        if prefix.isEmpty { return nil }
        guard prefix.count == Self.lengthSize else {
            throw PayloadReadError(path: input.path, offset: start, reason: .truncatedLength(needed: Self.lengthSize, available: prefix.count))
        }
        let length = prefix.reduce(0) { $0 << 8 | Int($1) }
        if let size = input.regularFileSize, length > size - input.offset {
            throw PayloadReadError(path: input.path, offset: start, reason: .lengthPastEnd(declared: length, available: Swift.max(0, size - input.offset)))
        }
        guard length <= maxRecordSize else {
            throw PayloadReadError(path: input.path, offset: start, reason: .recordTooLarge(size: length, limit: maxRecordSize))
        }
        let record = try input.readBytes(upTo: length)
        guard record.count == length else {
            throw PayloadReadError(path: input.path, offset: start, reason: .lengthPastEnd(declared: length, available: record.count))
        }
        return record
    }
}
