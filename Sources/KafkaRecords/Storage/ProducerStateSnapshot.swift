/// One producer's entry in a `.snapshot` file (Apache Kafka's `ProducerSnapshot` schema,
/// version 1): the producer's epoch and its last written batch.
public struct ProducerSnapshotEntry: Sendable, Hashable, Codable {
    /// Bytes per entry.
    public static let size = 46

    /// The producer id.
    public var producerId: Int64
    /// The producer's current epoch.
    public var epoch: Int16
    /// Sequence number of the last record written.
    public var lastSequence: Int32
    /// Offset of the last record written (-1: no batch metadata).
    public var lastOffset: Int64
    /// Last offset minus first offset of the last written batch.
    public var offsetDelta: Int32
    /// Max timestamp of the last written batch.
    public var timestamp: Int64
    /// Epoch of the last transaction coordinator to write a marker (-1: none).
    public var coordinatorEpoch: Int32
    /// First offset of the open transaction, -1 when none is open.
    public var currentTxnFirstOffset: Int64

    /// An entry.
    public init(producerId: Int64, epoch: Int16, lastSequence: Int32, lastOffset: Int64, offsetDelta: Int32, timestamp: Int64, coordinatorEpoch: Int32, currentTxnFirstOffset: Int64) {
        self.producerId = producerId
        self.epoch = epoch
        self.lastSequence = lastSequence
        self.lastOffset = lastOffset
        self.offsetDelta = offsetDelta
        self.timestamp = timestamp
        self.coordinatorEpoch = coordinatorEpoch
        self.currentTxnFirstOffset = currentTxnFirstOffset
    }

    /// Whether a transaction is open (``currentTxnFirstOffset`` ≥ 0).
    public var hasOpenTransaction: Bool { currentTxnFirstOffset >= 0 }

    /// The first sequence of the last written batch, as Kafka's `BatchMetadata.firstSeq`
    /// (sequences wrap at `Int32.max`).
    public var firstSequence: Int32 {
        lastSequence < offsetDelta ? Int32.max &- (offsetDelta &- lastSequence) &+ 1 : lastSequence &- offsetDelta
    }
}

/// A producer-state snapshot (`<offset>.snapshot` in a partition directory), as Apache
/// Kafka's `ProducerStateManager.writeSnapshot` writes it: `version int16 (1)`, `crc uint32`
/// (CRC-32C of every byte after it), then an int32-counted array of 46-byte
/// ``ProducerSnapshotEntry``s, all big-endian.
public struct ProducerStateSnapshot: Sendable, Hashable {
    /// The only version Kafka writes.
    public static let version: Int16 = 1
    /// Where the entry count starts (the CRC covers from here to the end).
    public static let crcCoverageStart = 6

    /// The file's version.
    public var version: Int16
    /// The stored CRC-32C.
    public var crc: UInt32
    /// The producers, in file order.
    public var entries: [ProducerSnapshotEntry]

    /// Decodes a whole snapshot file, checking its version and CRC as Kafka's `readSnapshot`
    /// does (schema first, then the CRC); bytes after the array are an error.
    public init(decoding bytes: [UInt8]) throws(StorageFileError) {
        self = try bytes.withBytes { (buffer) throws(StorageFileError) -> ProducerStateSnapshot in
            try Self.decode(buffer)
        }
    }

    private init(version: Int16, crc: UInt32, entries: [ProducerSnapshotEntry]) {
        self.version = version
        self.crc = crc
        self.entries = entries
    }

    private static func decode(_ buffer: UnsafeRawBufferPointer) throws(StorageFileError) -> ProducerStateSnapshot {
        var reader = StorageByteReader(buffer)
        let version = try reader.read(Int16.self, "version")
        guard version == Self.version else {
            throw StorageFileError(field: "version", offset: 0, reason: .unsupportedVersion(Int64(version), supported: 1...1))
        }
        let crc = try reader.read(UInt32.self, "crc")
        let count = try reader.read(Int32.self, "producerEntries")
        guard count >= 0, Int(count) <= reader.remaining / ProducerSnapshotEntry.size else {
            throw StorageFileError(field: "producerEntries", offset: crcCoverageStart, reason: .invalidLength(Int64(count), available: reader.remaining))
        }
        var entries: [ProducerSnapshotEntry] = []
        entries.reserveCapacity(Int(count))
        for index in 0..<Int(count) {
            func field(_ name: String) -> String { "producerEntries[\(index)].\(name)" }
            entries.append(ProducerSnapshotEntry(
                producerId: try reader.read(Int64.self, field("producerId")),
                epoch: try reader.read(Int16.self, field("epoch")),
                lastSequence: try reader.read(Int32.self, field("lastSequence")),
                lastOffset: try reader.read(Int64.self, field("lastOffset")),
                offsetDelta: try reader.read(Int32.self, field("offsetDelta")),
                timestamp: try reader.read(Int64.self, field("timestamp")),
                coordinatorEpoch: try reader.read(Int32.self, field("coordinatorEpoch")),
                currentTxnFirstOffset: try reader.read(Int64.self, field("currentTxnFirstOffset"))
            ))
        }
        guard reader.remaining == 0 else {
            throw StorageFileError(field: "end", offset: reader.index, reason: .unconsumedBytes(reader.remaining))
        }
        let computed = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: buffer[crcCoverageStart...]))
        guard computed == crc else {
            throw StorageFileError(field: "crc", offset: 2, reason: .crcMismatch(stored: crc, computed: computed))
        }
        return ProducerStateSnapshot(version: version, crc: crc, entries: entries)
    }

    /// The bytes of a version-1 snapshot holding `entries`, CRC filled in: what Kafka's
    /// `writeSnapshot` writes.
    public static func encode(_ entries: [ProducerSnapshotEntry]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(crcCoverageStart + 4 + entries.count * ProducerSnapshotEntry.size)
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
        }
        append(version)
        append(UInt32(0))
        append(Int32(entries.count))
        for entry in entries {
            append(entry.producerId); append(entry.epoch); append(entry.lastSequence); append(entry.lastOffset)
            append(entry.offsetDelta); append(entry.timestamp); append(entry.coordinatorEpoch); append(entry.currentTxnFirstOffset)
        }
        let crc = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[crcCoverageStart...])) }
        withUnsafeBytes(of: crc.bigEndian) { crcBytes in
            for (index, byte) in crcBytes.enumerated() { bytes[2 + index] = byte }
        }
        return bytes
    }
}

/// A bounds-checked big-endian reader for the binary storage files; every failure names the
/// field and its byte offset.
struct StorageByteReader {
    let buffer: UnsafeRawBufferPointer
    private(set) var index = 0

    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    var remaining: Int { buffer.count &- index }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ field: @autoclosure () -> String) throws(StorageFileError) -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else {
            throw StorageFileError(field: field(), offset: index, reason: .truncated(needed: size, available: remaining))
        }
        let value = T(bigEndian: buffer.loadUnaligned(fromByteOffset: index, as: T.self))
        index &+= size
        return value
    }
}
