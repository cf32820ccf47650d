import KafkaRecords

/// Calls `body` with `bytes` borrowed, or `nil`.
func withOptionalBytes<Result>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) throws -> Result) rethrows -> Result {
    guard let bytes else { return try body(nil) }
    return try bytes.withUnsafeBytes { try body($0) }
}

/// Calls `body` with `headers` as borrowed ``RecordHeaderBytes`` (keys from `keys`, their UTF-8).
func withBorrowedHeaders<Result>(
    _ headers: [RecordHeader],
    keys: [[UInt8]],
    _ body: (UnsafeBufferPointer<RecordHeaderBytes>) throws -> Result
) rethrows -> Result {
    func borrow(_ index: Int, _ collected: [RecordHeaderBytes]) throws -> Result {
        guard index < headers.count else { return try collected.withUnsafeBufferPointer { try body($0) } }
        return try keys[index].withUnsafeBytes { key in
            try withOptionalBytes(headers[index].value) { value in
                try borrow(index + 1, collected + [RecordHeaderBytes(key: key, value: value)])
            }
        }
    }
    return try borrow(0, [])
}
