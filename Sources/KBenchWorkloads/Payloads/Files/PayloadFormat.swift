/// How a user's payload file is split into records (`--payload-format`).
package enum PayloadFormat: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// One record per line (`\n`; a `\r` before it is dropped; blank lines are skipped).
    case lines
    /// A directory: each regular file in it is one record (name order, hidden files skipped).
    case files
    /// Records back to back, each a 4-byte big-endian length then that many bytes (the
    /// int32 length prefix Kafka uses on the wire, as Java's `DataOutputStream.writeInt`
    /// writes it).
    case lengthDelimited = "length-delimited"

    /// The name used on the command line.
    package var description: String { rawValue }
}

/// Opens user payloads in any ``PayloadFormat``.
package enum PayloadFile {
    /// Default cap on one record: 8 MiB (Kafka's own default limit is about 1 MiB).
    package static let defaultMaxRecordSize = 8 << 20

    /// A source reading `path` (`-` = standard input) in `format`; with `format` nil, a
    /// directory is read as ``PayloadFormat/files`` and anything else as
    /// ``PayloadFormat/lines``.
    package static func open(
        path: String,
        format: PayloadFormat? = nil,
        maxRecordSize: Int = defaultMaxRecordSize
    ) throws(PayloadReadError) -> any PayloadSource {
        let resolved = format ?? (path != "-" && DirectoryPayloadReader.isDirectory(path) ? .files : .lines)
        switch resolved {
        case .lines: return try LinePayloadReader(path: path, maxRecordSize: maxRecordSize)
        case .files: return try DirectoryPayloadReader(path: path, maxRecordSize: maxRecordSize)
        case .lengthDelimited: return try LengthDelimitedPayloadReader(path: path, maxRecordSize: maxRecordSize)
        }
    }
}
