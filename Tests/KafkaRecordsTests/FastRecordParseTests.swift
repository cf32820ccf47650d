import Testing
@testable import KafkaRecords

/// The record walk parses each record with a flat fast path (`RecordWire.parseRecordFast`) and
/// falls back to the careful parse (`RecordWire.parseRecord`) only to build an error: the two
/// must accept exactly the same records and locate them identically.
@Suite("Fast record parse: agrees with the careful parse on every record, good or damaged")
struct FastRecordParseTests {
    /// What each parse makes of the record at `start`: the view and the index after it, or
    /// the careful parse's error (nil for the fast parse, which builds none).
    struct Outcome: Equatable {
        var view: RecordView?
        var next: Int?
        var error: RecordBatchError?
    }

    static func careful(_ bytes: [UInt8], at start: Int, end: Int, number: Int32, header: RecordBatchHeader) -> Outcome {
        bytes.withUnsafeBytes { buffer in
            var cursor = ByteCursor(buffer, from: start, end: end)
            var view = RecordView()
            do throws(RecordBatchError) {
                try RecordWire.parseRecord(&cursor, number: number, header: header, into: &view)
                return Outcome(view: view, next: cursor.index)
            } catch {
                return Outcome(error: error)
            }
        }
    }

    static func fast(_ bytes: [UInt8], at start: Int, end: Int, number: Int32, header: RecordBatchHeader) -> Outcome {
        bytes.withUnsafeBytes { buffer in
            var view = RecordView()
            guard let next = RecordWire.parseRecordFast(buffer, at: start, end: end, number: number, base: RecordWire.BatchBase(header), into: &view) else {
                return Outcome()
            }
            return Outcome(view: view, next: next)
        }
    }

    /// Parses record after record of the block `start..<end` both ways, expecting the same
    /// outcome (the fast one fails exactly when the careful one throws); returns how many
    /// records both accepted.
    @discardableResult
    static func expectAgreement(_ bytes: [UInt8], from start: Int, end: Int, header: RecordBatchHeader, _ comment: Comment? = nil) -> Int {
        var index = start
        var number: Int32 = 0
        while index < end {
            let careful = careful(bytes, at: index, end: end, number: number, header: header)
            let fast = fast(bytes, at: index, end: end, number: number, header: header)
            #expect(fast.view == careful.view, comment)
            #expect(fast.next == careful.next, comment)
            guard let next = careful.next, careful.error == nil else { return Int(number) }
            index = next
            number &+= 1
        }
        return Int(number)
    }

    /// Random batches (every header setting, null/empty/long keys and values, headers,
    /// negative and Int64-extreme timestamp deltas) and the hand-made non-minimal varints.
    static func batches() throws -> [[UInt8]] {
        var rng = SeededGenerator(seed: 0xFA57_0001)
        var batches: [[UInt8]] = []
        for _ in 0..<150 {
            var builder = RecordBatchBuilder(settings: rng.settings())
            for record in rng.records() {
                try builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: record.timestamp, offsetDelta: record.offsetDelta)
            }
            try builder.finish()
            batches.append(builder.bytes)
        }
        let nonMinimal: [UInt8] = [0x00, 0x80, 0x00, 0x00, 0x82, 0x80, 0x00, 0x41, 0x81, 0x00, 0x02, 0x02, 0x68, 0x81, 0x80, 0x00]
        batches.append(BatchFixtures.rawBatch(records: [UInt8(nonMinimal.count << 1)] + nonMinimal, count: 1))
        batches.append(try BatchFixtures.simpleBatch(count: 25))
        return batches
    }

    @Test("every record of every batch: the same view and end")
    func validRecords() throws {
        var records = 0
        for (index, bytes) in try Self.batches().enumerated() {
            let header = try RecordBatchHeader(parsing: bytes)
            let parsed = Self.expectAgreement(bytes, from: RecordBatchHeader.size, end: bytes.count, header: header, "batch \(index)")
            #expect(parsed == Int(header.recordsCount), "batch \(index)")
            records += parsed
        }
        #expect(records > 1000)
    }

    @Test("records cut at every byte, or with any one byte changed: both fail, or both give the same view")
    func damagedRecords() throws {
        var rng = SeededGenerator(seed: 0xFA57_0002)
        var failures = 0
        for bytes in try Self.batches().suffix(12) {
            let header = try RecordBatchHeader(parsing: bytes)
            for end in RecordBatchHeader.size..<bytes.count {
                Self.expectAgreement(bytes, from: RecordBatchHeader.size, end: end, header: header, "cut at \(end)")
            }
            for position in RecordBatchHeader.size..<bytes.count {
                var damaged = bytes
                for value: UInt8 in [0x01, 0x80, 0xFF, UInt8.random(in: 0...255, using: &rng)] {
                    damaged[position] = value
                    let parsed = Self.expectAgreement(damaged, from: RecordBatchHeader.size, end: damaged.count, header: header, "byte \(position) = \(value)")
                    if parsed < Int(header.recordsCount) { failures += 1 }
                }
            }
        }
        #expect(failures > 1000)
    }

    @Test("through the iterator, a damaged record throws the careful parse's error")
    func iteratorThrowsCarefulError() throws {
        let bytes = try BatchFixtures.simpleBatch(count: 5)
        let header = try RecordBatchHeader(parsing: bytes)
        var checked = 0
        for position in RecordBatchHeader.size..<bytes.count {
            var damaged = bytes
            damaged[position] = 0xFF
            BatchFixtures.fixCRC(&damaged)
            var reader = LogSegmentReader(damaged)
            guard let frame = try reader.next() else { continue }
            var iterator = try frame.records()
            var index = RecordBatchHeader.size
            var number: Int32 = 0
            do {
                try iterator.forEachView { view, _ in
                    index = view.end
                    number = Int32(view.number) + 1
                    return true
                }
            } catch {
                // A record was being parsed (not the count or leftover-bytes checks).
                guard number < header.recordsCount, index < damaged.count else { continue }
                let careful = Self.careful(damaged, at: index, end: damaged.count, number: number, header: header)
                #expect(careful.error != nil, "byte \(position)")
                #expect(error == careful.error, "byte \(position)")
                checked += 1
            }
        }
        #expect(checked > 10)
    }
}
