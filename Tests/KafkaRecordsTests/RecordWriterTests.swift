import KafkaCompression
import Testing
@testable import KafkaRecords

/// The record encoder behind the builder and the appender: its fast path (two-byte length
/// written after the fields) and its sized path agree with a plain reference encoder at every
/// bound; the appender writes what per-record appends write; builders keep value semantics;
/// oversized fields are named without being read.
@Suite("Record encoder: fast and sized paths, appender, copy-on-write, oversize errors")
struct RecordWriterTests {
    /// A record as the reference encoder takes it.
    struct Shape: CustomStringConvertible {
        var key: [UInt8]?
        var value: [UInt8]?
        var headers: [RecordHeader]
        var timestamp: Int64
        var offsetDelta: Int32?

        var description: String {
            "key \(key?.count ?? -1), value \(value?.count ?? -1), \(headers.count) headers, ts \(timestamp), delta \(offsetDelta.map(String.init) ?? "next")"
        }
    }

    /// One record's bytes, written with `Varint.append` into arrays (none of the encoder's
    /// pointer stores): the length varint, then the body of the v2 record format.
    static func reference(_ shape: Shape, timestampDelta: Int64, offsetDelta: Int32) -> [UInt8] {
        func field(_ bytes: [UInt8]?, into output: inout [UInt8]) {
            guard let bytes else { return Varint.append(Int32(-1), to: &output) }
            Varint.append(Int32(bytes.count), to: &output)
            output += bytes
        }
        var body: [UInt8] = [0]
        Varint.append(timestampDelta, to: &body)
        Varint.append(offsetDelta, to: &body)
        field(shape.key, into: &body)
        field(shape.value, into: &body)
        Varint.append(Int32(shape.headers.count), to: &body)
        for header in shape.headers {
            field(Array(header.key.utf8), into: &body)
            field(header.value, into: &body)
        }
        var record: [UInt8] = []
        Varint.append(Int32(body.count), to: &record)
        return record + body
    }

    /// The records block the reference encoder writes for `shapes` (timestamps relative to the first).
    static func referenceBlock(_ shapes: [Shape]) -> [UInt8] {
        var next: Int32 = 0
        return shapes.flatMap { shape -> [UInt8] in
            let delta = shape.offsetDelta ?? next
            next = delta &+ 1
            return reference(shape, timestampDelta: shape.timestamp &- shapes[0].timestamp, offsetDelta: delta)
        }
    }

    /// Shapes straddling the fast path's bounds: payload 57/58 bytes (the record just under or
    /// over 64), record bodies around 8 KiB, a field of 8,191/8,192 bytes, 255/256 headers,
    /// null and empty fields, multi-byte timestamp and offset deltas.
    static let boundaryShapes: [Shape] = {
        var shapes: [Shape] = []
        let filler = (0..<9_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        for payload in [0, 1, 56, 57, 58, 59, 63, 64, 65, 200, 8_100, 8_150, 8_160, 8_170, 8_191, 8_192, 8_200] {
            shapes.append(Shape(key: Array(filler.prefix(min(payload, 10))), value: Array(filler.prefix(max(payload - 10, 0))), headers: [], timestamp: 1_000, offsetDelta: nil))
            shapes.append(Shape(key: nil, value: Array(filler.prefix(payload)), headers: [], timestamp: 1_000, offsetDelta: nil))
            shapes.append(Shape(key: Array(filler.prefix(payload)), value: nil, headers: [RecordHeader(key: "h", value: nil)], timestamp: 999, offsetDelta: nil))
        }
        for count in [1, 2, 254, 255, 256, 300] {
            let headers = (0..<count).map { RecordHeader(key: "k\($0)", value: $0 % 3 == 0 ? nil : Array(filler.prefix($0 % 20))) }
            shapes.append(Shape(key: [1], value: Array(filler.prefix(60)), headers: headers, timestamp: 1_000, offsetDelta: nil))
        }
        shapes.append(Shape(key: [], value: [], headers: [RecordHeader(key: "", value: [])], timestamp: 1_000, offsetDelta: nil))
        shapes.append(Shape(key: Array(filler.prefix(40)), value: Array(filler.prefix(100)), headers: [], timestamp: 1_000 + (1 << 40), offsetDelta: 1 << 28))
        shapes.append(Shape(key: Array(filler.prefix(40)), value: Array(filler.prefix(100)), headers: [], timestamp: -(1 << 50), offsetDelta: Int32.max - 1))
        shapes.append(Shape(key: Array(filler.prefix(8_191)), value: Array(filler.prefix(8_191)), headers: [RecordHeader(key: String(repeating: "x", count: 8_191), value: Array(filler.prefix(8_191)))], timestamp: 1_000, offsetDelta: 5))
        return shapes
    }()

    @Test("records at every bound of the fast path encode exactly as the reference encoder, alone and in sequence")
    func boundaryShapesMatchReference() throws {
        var builder = RecordBatchBuilder(capacity: 64)  // small: growth happens on the way
        for shape in Self.boundaryShapes {
            builder.reset()
            try builder.append(key: shape.key, value: shape.value, headers: shape.headers, timestamp: shape.timestamp, offsetDelta: shape.offsetDelta)
            #expect(mismatch(builder.bytes.dropFirst(RecordBatchHeader.size), Self.referenceBlock([shape])) == nil, "\(shape)")
        }
        builder.reset()
        for shape in Self.boundaryShapes {
            try builder.append(key: shape.key, value: shape.value, headers: shape.headers, timestamp: shape.timestamp, offsetDelta: shape.offsetDelta)
        }
        try builder.finish()
        #expect(mismatch(builder.bytes.dropFirst(RecordBatchHeader.size), Self.referenceBlock(Self.boundaryShapes)) == nil)
        let decoded = try RecordBatchDecoder(crcCheck: .strict).decodeBatch(builder.bytes)
        #expect(decoded.records.map(\.value) == Self.boundaryShapes.map(\.value))
        #expect(decoded.records.map(\.headers) == Self.boundaryShapes.map(\.headers))
    }

    @Test("random records encode as the reference encoder", arguments: 0..<4)
    func randomRecordsMatchReference(seed: UInt64) throws {
        var generator = SeededGenerator(seed: 0x5EED_0000 + seed)
        var builder = RecordBatchBuilder(capacity: 128)
        for _ in 0..<60 {
            let shapes = generator.records().map { Shape(key: $0.key, value: $0.value, headers: $0.headers, timestamp: $0.timestamp, offsetDelta: $0.offsetDelta) }
            builder.reset()
            for shape in shapes {
                try builder.append(key: shape.key, value: shape.value, headers: shape.headers, timestamp: shape.timestamp, offsetDelta: shape.offsetDelta)
            }
            #expect(mismatch(builder.bytes.dropFirst(RecordBatchHeader.size), shapes.isEmpty ? [] : Self.referenceBlock(shapes)) == nil)
        }
    }

    @Test("the appender writes the batch per-record appends write, with every append flavour", arguments: [CompressionType.none, .zstd])
    func appenderMatchesBuilder(type: CompressionType) throws {
        let settings = RecordBatchSettings(compression: type, producerId: 9, producerEpoch: 1, baseSequence: 40)
        var perRecord = RecordBatchBuilder(settings: settings)
        var viaAppender = RecordBatchBuilder(settings: settings, capacity: 100)
        let shapes = Self.boundaryShapes
        for shape in shapes {
            try perRecord.append(key: shape.key, value: shape.value, headers: shape.headers, timestamp: shape.timestamp, offsetDelta: shape.offsetDelta)
        }
        try viaAppender.withAppender { appender in
            for (index, shape) in shapes.enumerated() {
                switch index % 3 {
                case 0:
                    try appender.append(key: shape.key, value: shape.value, headers: shape.headers, timestamp: shape.timestamp, offsetDelta: shape.offsetDelta)
                case 1:
                    try withOptionalBytes(shape.key) { key in
                        try withOptionalBytes(shape.value) { value in
                            try appender.append(keyBytes: key, valueBytes: value, headers: shape.headers, timestamp: shape.timestamp, offsetDelta: shape.offsetDelta)
                        }
                    }
                default:
                    let headers = try EncodedRecordHeaders(shape.headers)
                    try withOptionalBytes(shape.key) { key in
                        try withOptionalBytes(shape.value) { value in
                            try appender.append(keyBytes: key, valueBytes: value, headers: headers, timestamp: shape.timestamp, offsetDelta: shape.offsetDelta)
                        }
                    }
                }
                #expect(appender.count == index + 1)
            }
        }
        #expect(viaAppender.count == shapes.count)
        #expect(try viaAppender.finish() == perRecord.finish())
        #expect(mismatch(viaAppender.bytes[...], perRecord.bytes) == nil)
    }

    @Test("appends after an appender continue its batch; an error inside keeps the records before it")
    func appenderStateCarriesOver() throws {
        var builder = RecordBatchBuilder()
        try builder.append(key: [1], value: [2], timestamp: 500)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try builder.withAppender { appender in
                try appender.append(key: [3], value: [4], timestamp: 700)
                throw Stop()
            }
        }
        try builder.append(key: [5], value: [6], timestamp: 600)
        let header = try builder.finish()
        #expect(header.recordsCount == 3)
        #expect(header.lastOffsetDelta == 2)
        #expect(header.baseTimestamp == 500)
        #expect(header.maxTimestamp == 700)
        let records = try RecordBatchDecoder(crcCheck: .strict).decodeBatch(builder.bytes).records
        #expect(records.map(\.value) == [[2], [4], [6]])
        #expect(records.map(\.timestamp) == [500, 700, 600])
    }

    @Test("after finish(), appends through an appender throw batchFinished and change nothing")
    func appenderAfterFinish() throws {
        var builder = RecordBatchBuilder()
        try builder.append(key: nil, value: [1], timestamp: 1)
        try builder.finish()
        let finished = builder.bytes
        #expect(throws: RecordBatchEncodingError.batchFinished) {
            try builder.withAppender { try $0.append(key: nil, value: [2], timestamp: 2) }
        }
        #expect(builder.bytes == finished)
    }

    @Test("a copy of a builder keeps its records when the original appends, finishes or resets (copy-on-write)")
    func copiesAreIndependent() throws {
        var original = RecordBatchBuilder(capacity: 64)
        try original.append(key: [1], value: Array(repeating: 1, count: 100), timestamp: 10)
        var copy = original
        try original.append(key: [2], value: Array(repeating: 2, count: 100), timestamp: 11)
        try original.withAppender { try $0.append(key: [3], value: Array(repeating: 3, count: 100), timestamp: 12) }
        #expect(copy.count == 1)
        try copy.finish()
        #expect(try RecordBatchDecoder(crcCheck: .strict).decodeBatch(copy.bytes).records.map(\.key) == [[1]])
        let afterCopyFinished = copy.bytes
        try original.finish()
        #expect(try RecordBatchDecoder(crcCheck: .strict).decodeBatch(original.bytes).records.map(\.key) == [[1], [2], [3]])
        original.reset()
        try original.append(key: [9], value: [9], timestamp: 1)
        try original.finish()
        #expect(copy.bytes == afterCopyFinished)
    }

    @Test("fields, headers and records past Int32.max are errors naming them, thrown before any byte is read")
    func oversizeErrorsNameTheField() throws {
        let small: [UInt8] = [1, 2, 3]
        let huge = Int(Int32.max) + 1
        small.withUnsafeBytes { real in
            // Never read: the builder must fail on the lengths alone.
            let fake = UnsafeRawBufferPointer(start: real.baseAddress, count: huge)
            let half = UnsafeRawBufferPointer(start: real.baseAddress, count: Int(Int32.max) / 2 + 10)
            var builder = RecordBatchBuilder()
            #expect(throws: RecordBatchEncodingError.fieldTooLarge(field: "key", size: huge)) {
                try builder.append(keyBytes: fake, valueBytes: nil, timestamp: 1)
            }
            #expect(throws: RecordBatchEncodingError.fieldTooLarge(field: "value", size: huge)) {
                try builder.append(keyBytes: real, valueBytes: fake, timestamp: 1)
            }
            #expect(throws: RecordBatchEncodingError.fieldTooLarge(field: "value", size: huge)) {
                try builder.append(keyBytes: real, valueBytes: fake, headers: EncodedRecordHeaders(), timestamp: 1)
            }
            let error = #expect(throws: RecordBatchEncodingError.self) {
                try builder.withAppender { try $0.append(keyBytes: half, valueBytes: half, headers: [], timestamp: 1) }
            }
            guard let error, error.code == .fieldTooLarge, error.field == "record", let size = error.size else {
                Issue.record("expected a record error, got \(String(describing: error))")
                return
            }
            #expect(size > Int(Int32.max))
            #expect(builder.count == 0)
            #expect(builder.sizeInBytes == RecordBatchHeader.size)
        }
    }
}

/// Where two byte strings first differ ("byte i: a vs b", or the lengths), `nil` if equal:
/// a failure message that fits on a line.
private func mismatch(_ actual: ArraySlice<UInt8>, _ expected: [UInt8]) -> String? {
    for (index, (a, e)) in zip(actual, expected).enumerated() where a != e {
        return "byte \(index): \(a), expected \(e)"
    }
    return actual.count == expected.count ? nil : "\(actual.count) bytes, expected \(expected.count)"
}
