/// The lines of a small text file (a checkpoint), each with the byte offset where it starts,
/// split as Java's `BufferedReader.readLine` splits them (`\n`, `\r\n` or `\r`).
struct CheckpointLines {
    /// One line: its text and where it starts.
    struct Line {
        var text: String
        var offset: Int
    }

    private(set) var lines: [Line] = []

    init(_ bytes: [UInt8]) throws(StorageFileError) {
        var start = 0
        var index = 0
        func take(_ end: Int) throws(StorageFileError) {
            let slice = bytes[start..<end]
            guard let text = String(validating: slice, as: UTF8.self) else {
                throw StorageFileError(field: "line \(lines.count + 1)", offset: start, reason: .malformed("not UTF-8 text"))
            }
            lines.append(Line(text: text, offset: start))
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                try take(index)
                index += (byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")) ? 2 : 1
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { try take(bytes.count) }
    }

    /// The line at `index` (0-based), or a `truncated` error naming `field`.
    func line(_ index: Int, _ field: String, fileSize: Int) throws(StorageFileError) -> Line {
        guard index < lines.count else {
            throw StorageFileError(field: "line \(index + 1) (\(field))", offset: fileSize, reason: .malformed("the file ends before it"))
        }
        return lines[index]
    }

    /// The line's text as a Java `Integer.parseInt`/`Long.parseLong` integer, or a
    /// `malformed` error naming the line.
    static func integer<T: FixedWidthInteger & SignedInteger>(_ text: Substring, _: T.Type, line: Line, number: Int, field: String) throws(StorageFileError) -> T {
        let digits = text.first == "+" ? text.dropFirst() : text
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII }), let value = T(digits) else {
            throw StorageFileError(field: "line \(number) (\(field))", offset: line.offset, reason: .malformed("'\(line.text)' is not an integer"))
        }
        return value
    }
}

/// One `leader-epoch-checkpoint` entry: from ``startOffset`` on, the partition was written
/// under leader ``epoch``.
public struct LeaderEpochEntry: Sendable, Hashable, Codable {
    /// The leader epoch.
    public var epoch: Int32
    /// The first offset written under it.
    public var startOffset: Int64

    /// An entry.
    public init(epoch: Int32, startOffset: Int64) {
        self.epoch = epoch
        self.startOffset = startOffset
    }
}

/// A partition's `leader-epoch-checkpoint`, as Apache Kafka's `CheckpointFile` and
/// `LeaderEpochCheckpointFile` write it: line 1 the version (0), line 2 the entry count, then
/// `epoch startOffset` per line (whitespace-separated). Read as Kafka reads it: an empty file
/// (or one holding only the version) has no entries; a count that differs from the lines is
/// an error.
public struct LeaderEpochCheckpoint: Sendable, Hashable, Codable {
    /// The only version Kafka writes.
    public static let version: Int32 = 0

    /// The entries, in file order.
    public var entries: [LeaderEpochEntry]

    /// Entries as given.
    public init(entries: [LeaderEpochEntry]) {
        self.entries = entries
    }

    /// Parses the file's bytes.
    public init(decoding bytes: [UInt8]) throws(StorageFileError) {
        let text = try CheckpointLines(bytes)
        entries = []
        guard !text.lines.isEmpty else { return }
        let versionLine = text.lines[0]
        let version = try CheckpointLines.integer(Substring(versionLine.text), Int32.self, line: versionLine, number: 1, field: "version")
        guard version == Self.version else {
            throw StorageFileError(field: "line 1 (version)", offset: versionLine.offset, reason: .unsupportedVersion(Int64(version), supported: 0...0))
        }
        guard text.lines.count > 1 else { return }
        let countLine = text.lines[1]
        let count = try CheckpointLines.integer(Substring(countLine.text), Int32.self, line: countLine, number: 2, field: "entry count")
        for (index, line) in text.lines.dropFirst(2).enumerated() {
            let number = index + 3
            let parts = line.text.split(whereSeparator: \.isWhitespace)
            guard parts.count == 2 else {
                throw StorageFileError(field: "line \(number) (epoch startOffset)", offset: line.offset, reason: .malformed("'\(line.text)' is not two numbers"))
            }
            entries.append(LeaderEpochEntry(
                epoch: try CheckpointLines.integer(parts[0], Int32.self, line: line, number: number, field: "epoch"),
                startOffset: try CheckpointLines.integer(parts[1], Int64.self, line: line, number: number, field: "startOffset")
            ))
        }
        guard entries.count == Int(count) else {
            throw StorageFileError(field: "line 2 (entry count)", offset: countLine.offset, reason: .malformed("expected \(count) entries but found \(entries.count)"))
        }
    }

    /// The file's text as Kafka writes it.
    public var text: String {
        (["\(Self.version)", "\(entries.count)"] + entries.map { "\($0.epoch) \($0.startOffset)" }).joined(separator: "\n") + "\n"
    }
}

/// A partition's `partition.metadata`, as Apache Kafka's `PartitionMetadataFile` writes it:
/// `version: 0` then `topic_id: <id>`, the topic id a 16-byte UUID in URL-safe base64 without
/// padding (22 characters), never all zeros.
public struct PartitionMetadata: Sendable, Hashable, Codable {
    /// The file's version (Kafka writes 0 and reads any version ≥ 0).
    public var version: Int32
    /// The topic id as written (base64).
    public var topicId: String
    /// The topic id's 16 bytes.
    public var topicIdBytes: [UInt8]

    /// Parses the file's bytes.
    public init(decoding bytes: [UInt8]) throws(StorageFileError) {
        let text = try CheckpointLines(bytes)
        let versionLine = try text.line(0, "version", fileSize: bytes.count)
        let versionValue = try Self.value(of: versionLine, number: 1, key: "version")
        version = try CheckpointLines.integer(Substring(versionValue), Int32.self, line: versionLine, number: 1, field: "version")
        guard version >= 0 else {
            throw StorageFileError(field: "line 1 (version)", offset: versionLine.offset, reason: .unsupportedVersion(Int64(version), supported: 0...Int64(Int32.max)))
        }
        let idLine = try text.line(1, "topic_id", fileSize: bytes.count)
        topicId = try Self.value(of: idLine, number: 2, key: "topic_id")
        guard topicId.utf8.count <= 24, let decoded = Base64URL.decode(topicId), decoded.count == 16 else {
            throw StorageFileError(field: "line 2 (topic_id)", offset: idLine.offset, reason: .malformed("'\(topicId)' is not a base64 UUID of 16 bytes"))
        }
        guard decoded.contains(where: { $0 != 0 }) else {
            throw StorageFileError(field: "line 2 (topic_id)", offset: idLine.offset, reason: .malformed("the zero UUID is not a topic id"))
        }
        topicIdBytes = decoded
    }

    /// The value after `key:` and whitespace, as Kafka splits the line (on `:\s+`).
    private static func value(of line: CheckpointLines.Line, number: Int, key: String) throws(StorageFileError) -> String {
        let parts = line.text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let first = parts[1].first, first.isWhitespace else {
            throw StorageFileError(field: "line \(number) (\(key))", offset: line.offset, reason: .malformed("'\(line.text)' is not '\(key): value'"))
        }
        return String(parts[1].drop(while: \.isWhitespace))
    }

    /// The topic id as the 36-character UUID text (`8-4-4-4-12` hex digits).
    public var topicIdUUIDText: String {
        let hex = topicIdBytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
        }.joined()
        var parts: [Substring] = []
        var index = hex.startIndex
        for length in [8, 4, 4, 4, 12] {
            let end = hex.index(index, offsetBy: length)
            parts.append(hex[index..<end])
            index = end
        }
        return parts.joined(separator: "-")
    }
}

/// URL-safe base64 (RFC 4648 §5) decoding, padding optional, as Java's `Base64.getUrlDecoder`.
enum Base64URL {
    static func decode(_ text: String) -> [UInt8]? {
        var symbols = Array(text.utf8)
        while symbols.last == UInt8(ascii: "=") { symbols.removeLast() }
        guard symbols.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        for symbol in symbols {
            let value: UInt32
            switch symbol {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(symbol - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(symbol - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(symbol - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "_"): value = 63
            default: return nil
            }
            accumulator = (accumulator << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }
}
