/// Reads one record per line from a file or standard input (`-`), streaming through a fixed
/// buffer: memory is bounded by the buffer plus the longest line (at most `maxRecordSize`).
///
/// Lines end with `\n`; a `\r` before it is dropped (CRLF files); blank lines are skipped; a
/// last line without a newline is a record. A line longer than `maxRecordSize` fails with
/// ``PayloadReadError/Reason/recordTooLarge(size:limit:)`` at the line's byte offset.
package struct LinePayloadReader: PayloadSource {
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

    /// The next non-blank line without its line ending, or nil at the end of the input.
    package mutating func nextPayload() throws(PayloadReadError) -> [UInt8]? {
        var record: [UInt8] = []
        var lineStart = input.offset
        let limit = maxRecordSize
        let path = input.path
        while true {
            if input.available == 0, try !input.fill() {
                trimCarriageReturn(&record)
                return record.isEmpty ? nil : record
            }
            var complete = false
            try input.consume { (chunk) throws(PayloadReadError) -> Int in
                let newline = chunk.firstIndex(of: 0x0A)
                let length = newline ?? chunk.count
                // One byte of slack for a `\r` that the newline will remove.
                guard record.count + length <= limit + 1 else {
                    throw PayloadReadError(path: path, offset: lineStart, reason: .recordTooLarge(size: record.count + length, limit: limit))
                }
                record.append(contentsOf: chunk[0..<length])
                complete = newline != nil
                return newline.map { $0 + 1 } ?? length
            }
            guard complete else { continue }
            trimCarriageReturn(&record)
            if record.count > limit {
                throw PayloadReadError(path: path, offset: lineStart, reason: .recordTooLarge(size: record.count, limit: limit))
            }
            if !record.isEmpty { return record }
            lineStart = input.offset
        }
    }

    private func trimCarriageReturn(_ record: inout [UInt8]) {
        if record.last == 0x0D { record.removeLast() }
    }
}
