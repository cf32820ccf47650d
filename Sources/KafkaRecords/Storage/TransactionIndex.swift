/// One `.txnindex` entry: an aborted transaction whose ABORT marker lies in the segment, as
/// Apache Kafka's `AbortedTxn` stores it (34 bytes, big-endian): `version int16 (0)`,
/// `producerId int64`, `firstOffset int64`, `lastOffset int64` (the marker's offset),
/// `lastStableOffset int64`.
public struct AbortedTransaction: Sendable, Hashable, Codable {
    /// Bytes per entry.
    public static let size = 34
    /// The only version Kafka writes.
    public static let version: Int16 = 0

    /// The entry's version.
    public var version: Int16
    /// The producer whose transaction was aborted.
    public var producerId: Int64
    /// The transaction's first offset.
    public var firstOffset: Int64
    /// The ABORT marker's offset.
    public var lastOffset: Int64
    /// The partition's last stable offset when the marker was written.
    public var lastStableOffset: Int64

    /// An entry.
    public init(version: Int16 = Self.version, producerId: Int64, firstOffset: Int64, lastOffset: Int64, lastStableOffset: Int64) {
        self.version = version
        self.producerId = producerId
        self.firstOffset = firstOffset
        self.lastOffset = lastOffset
        self.lastStableOffset = lastStableOffset
    }

    /// Every entry of a `.txnindex` file, as Kafka's `TransactionIndex` reads them: whole
    /// 34-byte entries in order (a shorter tail is ignored, as Kafka ignores it); a version
    /// above 0 is an error naming the entry.
    public static func entries(decoding bytes: [UInt8]) throws(StorageFileError) -> [AbortedTransaction] {
        try bytes.withBytes { (buffer) throws(StorageFileError) -> [AbortedTransaction] in
            var reader = StorageByteReader(buffer)
            var entries: [AbortedTransaction] = []
            entries.reserveCapacity(buffer.count / size)
            while reader.remaining >= size {
                let start = reader.index
                let slot = start / size
                let entry = AbortedTransaction(
                    version: try reader.read(Int16.self, "abortedTxns[\(slot)].version"),
                    producerId: try reader.read(Int64.self, "abortedTxns[\(slot)].producerId"),
                    firstOffset: try reader.read(Int64.self, "abortedTxns[\(slot)].firstOffset"),
                    lastOffset: try reader.read(Int64.self, "abortedTxns[\(slot)].lastOffset"),
                    lastStableOffset: try reader.read(Int64.self, "abortedTxns[\(slot)].lastStableOffset")
                )
                guard entry.version <= version else {
                    throw StorageFileError(field: "abortedTxns[\(slot)].version", offset: start, reason: .unsupportedVersion(Int64(entry.version), supported: 0...0))
                }
                entries.append(entry)
            }
            return entries
        }
    }
}
