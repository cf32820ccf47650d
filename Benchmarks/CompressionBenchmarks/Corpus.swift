import KafkaCompression
import KafkaRecords

/// The records of a ~1 MiB batch: keyed JSON events (about 230 bytes) with one header each,
/// held as a producer about to batch them would hold them: key, value and header bytes in one
/// contiguous buffer, appended as borrowed slices (`RecordHeaderBytes` for the header), so the
/// timed loop touches no reference count; each record's `[RecordHeader]` is kept too, for the
/// owned-headers variant.
final class Corpus: @unchecked Sendable {
    /// Where one record's key and value are in ``bytes``, and its timestamp (trivial, so
    /// reading it in the build loop touches no reference count).
    struct Slot {
        var keyStart: Int
        var keyCount: Int
        var valueStart: Int
        var valueCount: Int
        var headerStart: Int
        var headerCount: Int
        var timestamp: Int64
    }

    /// Keys and values back to back.
    let bytes: UnsafeMutableRawBufferPointer
    let slots: [Slot]
    let headers: [[RecordHeader]]
    /// Every record's headers as borrowed bytes (pointing into ``bytes``), back to back.
    let headerBytes: [RecordHeaderBytes]
    /// The uncompressed records block (batch bytes after the 61-byte header).
    let recordsBlock: [UInt8]

    init(targetBytes: Int) throws {
        let events = SamplePayloads.jsonEvents(totalBytes: targetBytes - targetBytes / 8)
        let keys = events.indices.map { Array("user-\($0 % 4_999)".utf8) }
        headers = events.indices.map { [RecordHeader(key: "trace-id", text: String($0 &* 2_654_435_761 % 1_000_003, radix: 16))] }
        let headerSize = headers.reduce(0) { $0 + $1.reduce(0) { $0 + $1.key.utf8.count + ($1.value?.count ?? 0) } }
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: zip(keys, events).reduce(headerSize) { $0 + $1.0.count + $1.1.count }, alignment: 64)
        self.bytes = bytes
        var slots: [Slot] = []
        var position = 0
        func store(_ field: [UInt8]) -> Int {
            let start = position
            field.withUnsafeBytes { bytes.baseAddress!.advanced(by: start).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            position += field.count
            return start
        }
        var headerBytes: [RecordHeaderBytes] = []
        func borrow(_ field: [UInt8]) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: bytes[store(field)..<position])
        }
        for (index, (key, value)) in zip(keys, events).enumerated() {
            let headerStart = headerBytes.count
            for header in headers[index] {
                headerBytes.append(RecordHeaderBytes(key: borrow(Array(header.key.utf8)), value: header.value.map(borrow)))
            }
            slots.append(Slot(
                keyStart: store(key), keyCount: key.count, valueStart: store(value), valueCount: value.count,
                headerStart: headerStart, headerCount: headers[index].count, timestamp: 1_700_000_000_000 + Int64(index)
            ))
        }
        self.slots = slots
        self.headerBytes = headerBytes
        var builder = RecordBatchBuilder(capacity: targetBytes + 4096)
        try Self.append(slots: slots, bytes: UnsafeRawBufferPointer(bytes), headerBytes: headerBytes, to: &builder)
        try builder.finish()
        recordsBlock = Array(builder.bytes.dropFirst(RecordBatchHeader.size))
    }

    deinit { bytes.deallocate() }

    var count: Int { slots.count }

    /// Appends every record to `builder` (reset by the caller), headers as borrowed bytes.
    func append(to builder: inout RecordBatchBuilder) throws {
        try Self.append(slots: slots, bytes: UnsafeRawBufferPointer(bytes), headerBytes: headerBytes, to: &builder)
    }

    /// Appends every record with its `[RecordHeader]` (retained and released around each record).
    func appendOwnedHeaders(to builder: inout RecordBatchBuilder) throws {
        let bytes = UnsafeRawBufferPointer(self.bytes)
        try slots.withUnsafeBufferPointer { slots in
            try headers.withUnsafeBufferPointer { headers in
                for index in 0..<slots.count {
                    let slot = slots[index]
                    try builder.append(
                        keyBytes: bytes.slice(slot.keyStart, slot.keyCount), valueBytes: bytes.slice(slot.valueStart, slot.valueCount),
                        headers: headers[index], timestamp: slot.timestamp
                    )
                }
            }
        }
    }

    private static func append(slots: [Slot], bytes: UnsafeRawBufferPointer, headerBytes: [RecordHeaderBytes], to builder: inout RecordBatchBuilder) throws {
        try slots.withUnsafeBufferPointer { slots in
            try headerBytes.withUnsafeBufferPointer { headerBytes in
                for index in 0..<slots.count {
                    let slot = slots[index]
                    try builder.append(
                        keyBytes: bytes.slice(slot.keyStart, slot.keyCount), valueBytes: bytes.slice(slot.valueStart, slot.valueCount),
                        headerBytes: UnsafeBufferPointer(rebasing: headerBytes[slot.headerStart..<(slot.headerStart + slot.headerCount)]),
                        timestamp: slot.timestamp
                    )
                }
            }
        }
    }
}

extension UnsafeRawBufferPointer {
    func slice(_ start: Int, _ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[start..<(start + count)])
    }
}

/// One codec configuration measured.
struct Configuration: Sendable {
    var type: CompressionType
    var level: Int?
    var framing: SnappyFraming

    var options: CompressionOptions { CompressionOptions(level: level, snappyFraming: framing) }

    var settings: RecordBatchSettings {
        RecordBatchSettings(compression: type, compressionLevel: level, snappyFraming: framing)
    }

    var name: String {
        switch type {
        case .snappy: "snappy \(framing)"
        default: "\(type) \(level.map { "level \($0)" } ?? "default")"
        }
    }

    static let all: [Configuration] =
        CompressionLevels.of(.gzip).representativeLevels.map { Configuration(type: .gzip, level: $0, framing: .xerial) }
        + SnappyFraming.allCases.map { Configuration(type: .snappy, level: nil, framing: $0) }
        + CompressionLevels.of(.lz4).representativeLevels.map { Configuration(type: .lz4, level: $0, framing: .xerial) }
        + CompressionLevels.of(.zstd).representativeLevels.map { Configuration(type: .zstd, level: $0, framing: .xerial) }
}
