/// The files of a broker's partition directory (`<log.dirs>/<topic>-<partition>/`), recognised
/// by name as Apache Kafka's `DumpLogSegments` and `LogFileUtils` recognise them.
public enum StorageFileKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `<base offset>.log`: the segment's batches.
    case log
    /// `<base offset>.index`: relative offset → file position, 8-byte entries.
    case offsetIndex = "index"
    /// `<base offset>.timeindex`: timestamp → relative offset, 12-byte entries.
    case timeIndex = "timeindex"
    /// `<offset>.snapshot`: the producer state at that offset.
    case producerSnapshot = "snapshot"
    /// `<base offset>.txnindex`: the aborted transactions of the segment.
    case transactionIndex = "txnindex"
    /// `leader-epoch-checkpoint`: leader epoch → start offset.
    case leaderEpochCheckpoint = "leader-epoch-checkpoint"
    /// `partition.metadata`: the topic id.
    case partitionMetadata = "partition.metadata"

    /// The kind a file name names, or nil (kafka-dump-log: "Ignoring unknown file").
    public init?(fileName: String) {
        if let kind = Self(rawValue: fileName), kind == .leaderEpochCheckpoint || kind == .partitionMetadata {
            self = kind
            return
        }
        guard let dot = fileName.lastIndex(of: "."),
              let kind = Self(rawValue: String(fileName[fileName.index(after: dot)...])),
              kind != .leaderEpochCheckpoint, kind != .partitionMetadata else { return nil }
        self = kind
    }

    /// The offset a `<offset>.<suffix>` file name starts with (the segment's base offset,
    /// the snapshot's offset), as Kafka reads it: the digits before the first dot. Nil when
    /// they do not form a non-negative 64-bit integer.
    public static func offset(fromFileName fileName: String) -> Int64? {
        let stem = fileName.prefix { $0 != "." }
        guard !stem.isEmpty, stem.allSatisfy(\.isASCII), let offset = Int64(stem), offset >= 0 else { return nil }
        return offset
    }

    /// The 20-digit, zero-padded name Kafka gives a file of this kind for `offset`
    /// (`00000000000000000042.index`); the two fixed names for the checkpoints.
    public func fileName(offset: Int64) -> String {
        switch self {
        case .leaderEpochCheckpoint, .partitionMetadata:
            return rawValue
        default:
            let digits = String(offset)
            return String(repeating: "0", count: Swift.max(0, 20 - digits.count)) + digits + "." + rawValue
        }
    }

    /// The suffix or name, as Kafka spells it (`index`, `leader-epoch-checkpoint`).
    public var description: String { rawValue }
}
