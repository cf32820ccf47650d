import KafkaCompression
@testable import KafkaRecords

/// Builders for hand-made batches and random records used across suites.
enum BatchFixtures {
    /// A batch around raw `records` bytes with a correct CRC, so record-level damage is
    /// reported as such rather than as a CRC mismatch.
    static func rawBatch(records: [UInt8], count: Int32, header: RecordBatchHeader = RecordBatchHeader()) -> [UInt8] {
        var header = header
        header.batchLength = Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead + records.count)
        header.recordsCount = count
        header.crc = 0
        var bytes = header.bytes + records
        let crc = CRC32C.checksum(Array(bytes[RecordBatchHeader.crcCoverageStart...]))
        bytes.replaceSubrange(17..<21, with: withUnsafeBytes(of: crc.bigEndian) { Array($0) })
        return bytes
    }

    /// Recomputes the CRC of the batch at `position` in place.
    static func fixCRC(_ bytes: inout [UInt8], position: Int = 0) {
        guard bytes.count >= position + 61 else { return }
        let length = Int(Int32(bigEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position + 8, as: Int32.self) }))
        let end = position + 12 + length
        guard length >= 49, end <= bytes.count else { return }
        let crc = CRC32C.checksum(Array(bytes[(position + 21)..<end]))
        bytes.replaceSubrange((position + 17)..<(position + 21), with: withUnsafeBytes(of: crc.bigEndian) { Array($0) })
    }

    /// One encoded record (length varint included) from its raw parts.
    static func rawRecord(
        timestampDelta: Int64 = 0, offsetDelta: Int32 = 0,
        key: [UInt8]? = nil, value: [UInt8]? = nil, headers: [(String, [UInt8]?)] = [],
        attributes: UInt8 = 0
    ) -> [UInt8] {
        var body: [UInt8] = [attributes]
        Varint.append(timestampDelta, to: &body)
        Varint.append(offsetDelta, to: &body)
        appendNullable(key, to: &body)
        appendNullable(value, to: &body)
        Varint.append(Int32(headers.count), to: &body)
        for (key, value) in headers {
            appendNullable(Array(key.utf8), to: &body)
            appendNullable(value, to: &body)
        }
        var record: [UInt8] = []
        Varint.append(Int32(body.count), to: &record)
        return record + body
    }

    static func appendNullable(_ bytes: [UInt8]?, to output: inout [UInt8]) {
        guard let bytes else { Varint.append(Int32(-1), to: &output); return }
        Varint.append(Int32(bytes.count), to: &output)
        output += bytes
    }

    /// A simple valid batch of `count` records.
    static func simpleBatch(count: Int = 3, settings: RecordBatchSettings = RecordBatchSettings(), firstTimestamp: Int64 = 1_700_000_000_000) throws -> [UInt8] {
        var builder = RecordBatchBuilder(settings: settings)
        for index in 0..<count {
            try builder.append(
                key: Array("key-\(index)".utf8),
                value: Array("value number \(index)".utf8),
                headers: index % 2 == 0 ? [RecordHeader(key: "h", text: "\(index)")] : [],
                timestamp: firstTimestamp + Int64(index)
            )
        }
        try builder.finish()
        return builder.bytes
    }
}

/// A random record as appended (absolute timestamp) for property tests.
struct RandomRecord {
    var key: [UInt8]?
    var value: [UInt8]?
    var headers: [RecordHeader]
    var timestamp: Int64
    var offsetDelta: Int32?
}

extension SeededGenerator {
    /// Random settings touching every header field.
    mutating func settings() -> RecordBatchSettings {
        var settings = RecordBatchSettings(
            baseOffset: Bool.random(using: &self) ? 0 : Int64.random(in: 0...Int64(Int32.max) * 4, using: &self),
            partitionLeaderEpoch: Bool.random(using: &self) ? -1 : edgyInt32(),
            timestampType: Bool.random(using: &self) ? .createTime : .logAppendTime,
            isTransactional: Bool.random(using: &self),
            isControl: Int.random(in: 0..<8, using: &self) == 0,
            deleteHorizonMs: Int.random(in: 0..<6, using: &self) == 0 ? Int64.random(in: 0...2_000_000_000_000, using: &self) : nil,
            producerId: Bool.random(using: &self) ? -1 : Int64.random(in: 0...Int64.max, using: &self),
            producerEpoch: Bool.random(using: &self) ? -1 : Int16.random(in: 0...Int16.max, using: &self),
            baseSequence: Bool.random(using: &self) ? -1 : Int32.random(in: 0...Int32.max, using: &self)
        )
        if settings.timestampType == .logAppendTime {
            settings.maxTimestamp = Int64.random(in: 0...2_000_000_000_000, using: &self)
        }
        return settings
    }

    /// 0–40 random records; timestamps wander below and above the first (negative deltas),
    /// occasionally at the Int64 extremes; offset deltas sometimes skip (compacted batches).
    mutating func records() -> [RandomRecord] {
        let count = Int.random(in: 0...40, using: &self)
        let base = Bool.random(using: &self) ? 1_700_000_000_000 : edgyInt64()
        var nextDelta: Int32 = 0
        return (0..<count).map { _ in
            let timestamp = Int.random(in: 0..<20, using: &self) == 0
                ? edgyInt64()
                : base &+ Int64.random(in: -3_600_000...3_600_000, using: &self)
            var offsetDelta: Int32? = nil
            if Int.random(in: 0..<5, using: &self) == 0 {
                nextDelta &+= Int32.random(in: 1...1000, using: &self)
                offsetDelta = nextDelta
            }
            nextDelta &+= 1
            return RandomRecord(key: nullableBytes(), value: nullableBytes(maxLength: 2000), headers: headers(), timestamp: timestamp, offsetDelta: offsetDelta)
        }
    }
}
