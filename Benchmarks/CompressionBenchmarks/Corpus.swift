import KafkaCompression
import KafkaRecords

/// The records of a ~1 MiB batch: keyed JSON events (``SampleEvents``, about 230 bytes) with one header each,
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
    private(set) var recordsBlock: [UInt8]

    init(targetBytes: Int) throws {
        let events = SampleEvents.events(totalBytes: targetBytes - targetBytes / 8)
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
        recordsBlock = []
        var builder = RecordBatchBuilder(capacity: targetBytes + 4096)
        try appendPerRecord(to: &builder)
        try builder.finish()
        recordsBlock = Array(builder.bytes.dropFirst(RecordBatchHeader.size))
    }

    deinit { bytes.deallocate() }

    var count: Int { slots.count }

    /// Appends every record to `builder` (reset by the caller) through one appender, key,
    /// value and headers as borrowed bytes: the fastest way to fill a batch.
    func append(to builder: inout RecordBatchBuilder) throws {
        try builder.withAppender { appender in
            try forEachRecord { _, record in
                try appender.append(keyBytes: record.key, valueBytes: record.value, headerBytes: record.headers, timestamp: record.timestamp)
            }
        }
    }

    /// The same records through the builder's own `append`, one call a record (each checks
    /// that the builder's buffer is not shared).
    func appendPerRecord(to builder: inout RecordBatchBuilder) throws {
        try forEachRecord { _, record in
            try builder.append(keyBytes: record.key, valueBytes: record.value, headerBytes: record.headers, timestamp: record.timestamp)
        }
    }

    /// Appends every record with its `[RecordHeader]` (retained and released around each record).
    func appendOwnedHeaders(to builder: inout RecordBatchBuilder) throws {
        try headers.withUnsafeBufferPointer { headers in
            try forEachRecord { index, record in
                try builder.append(keyBytes: record.key, valueBytes: record.value, headers: headers[index], timestamp: record.timestamp)
            }
        }
    }

    /// One record's borrowed bytes, as a producer holding its records in one buffer has them.
    struct Borrowed {
        var key: UnsafeRawBufferPointer
        var value: UnsafeRawBufferPointer
        var headers: UnsafeBufferPointer<RecordHeaderBytes>
        var timestamp: Int64
    }

    /// Calls `body` with every record's index and borrowed bytes (pointer arithmetic: no bounds
    /// checks, no reference counting).
    @inline(__always)
    func forEachRecord(_ body: (Int, Borrowed) throws -> Void) throws {
        let base = UnsafeRawPointer(bytes.baseAddress!)
        try slots.withUnsafeBufferPointer { slots in
            try headerBytes.withUnsafeBufferPointer { headerBytes in
                let headerBase = headerBytes.baseAddress!
                for index in slots.indices {
                    let slot = slots[index]
                    try body(index, Borrowed(
                        key: UnsafeRawBufferPointer(start: base + slot.keyStart, count: slot.keyCount),
                        value: UnsafeRawBufferPointer(start: base + slot.valueStart, count: slot.valueCount),
                        headers: UnsafeBufferPointer(start: headerBase + slot.headerStart, count: slot.headerCount),
                        timestamp: slot.timestamp
                    ))
                }
            }
        }
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

    /// The levels measured beyond a codec's default: the compression study's defaults
    /// (`CompressionSelection.sweptLevels` in KBenchStudies, which this package cannot link;
    /// KBenchStudiesTests checks that this line agrees with it).
    static let studyLevels: [CompressionType: [Int]] = [.gzip: [1, 6, 9], .lz4: [0, 9], .zstd: [-1, 1, 3, 9, 19]]

    /// Every codec but none at the study's levels (else its default), snappy in both framings.
    static let all: [Configuration] = CompressionType.allCases.filter { $0 != .none }.flatMap { type in
        let levels: [Int?] = studyLevels[type] ?? [type.codec.levels.defaultLevel]
        let framings: [SnappyFraming] = type == .snappy ? SnappyFraming.allCases : [.xerial]
        return levels.flatMap { level in framings.map { Configuration(type: type, level: level, framing: $0) } }
    }
}
