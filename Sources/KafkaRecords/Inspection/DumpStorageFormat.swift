/// The text lines Apache Kafka's `kafka-dump-log.sh` (`DumpLogSegments`) prints for a
/// partition directory's other files, field for field: `.index`, `.timeindex`, `.snapshot`,
/// `.txnindex`,
/// and the lists it prints on stderr after `--verify-index-only` or a plain dump. The
/// `leader-epoch-checkpoint` and `partition.metadata` lines are kbench's (Kafka's tool
/// ignores those files) in the same `name: value` style.
public enum DumpStorageFormat {
    /// `offset: 42 position: 4120`.
    public static func offsetIndexLine(_ entry: OffsetIndexEntry) -> String {
        "offset: \(entry.offset) position: \(entry.position)"
    }

    /// `timestamp: 1700000000000 offset: 42`.
    public static func timeIndexLine(_ entry: TimeIndexEntry) -> String {
        "timestamp: \(entry.timestamp) offset: \(entry.offset)"
    }

    /// `producerId: 1000 producerEpoch: 0 coordinatorEpoch: -1 currentTxnFirstOffset:
    /// OptionalLong.empty lastTimestamp: T ` then, when the entry holds batch metadata
    /// (lastOffset ≥ 0), `firstSequence: F lastSequence: L lastOffset: O offsetDelta: D
    /// timestamp: T`, as Kafka prints `ProducerStateEntry` (trailing space included).
    public static func snapshotLine(_ entry: ProducerSnapshotEntry) -> String {
        let open = entry.hasOpenTransaction ? "OptionalLong[\(entry.currentTxnFirstOffset)]" : "OptionalLong.empty"
        var line = "producerId: \(entry.producerId) producerEpoch: \(entry.epoch) coordinatorEpoch: \(entry.coordinatorEpoch)"
            + " currentTxnFirstOffset: \(open) lastTimestamp: \(entry.timestamp) "
        if entry.lastOffset >= 0 {
            line += "firstSequence: \(entry.firstSequence) lastSequence: \(entry.lastSequence) lastOffset: \(entry.lastOffset)"
                + " offsetDelta: \(entry.offsetDelta) timestamp: \(entry.timestamp)"
        }
        return line
    }

    /// `version: 0 producerId: 4000 firstOffset: 27 lastOffset: 31 lastStableOffset: 27`, as
    /// kafka-dump-log prints a `.txnindex` entry.
    public static func abortedTransactionLine(_ entry: AbortedTransaction) -> String {
        "version: \(entry.version) producerId: \(entry.producerId) firstOffset: \(entry.firstOffset)"
            + " lastOffset: \(entry.lastOffset) lastStableOffset: \(entry.lastStableOffset)"
    }

    /// `epoch: 3 startOffset: 120` (kbench's line for a leader-epoch-checkpoint entry).
    public static func leaderEpochLine(_ entry: LeaderEpochEntry) -> String {
        "epoch: \(entry.epoch) startOffset: \(entry.startOffset)"
    }

    /// `version: 0 topicId: <base64> (<uuid>)` (kbench's line for partition.metadata).
    public static func partitionMetadataLine(_ metadata: PartitionMetadata) -> String {
        "version: \(metadata.version) topicId: \(metadata.topicId) (\(metadata.topicIdUUIDText))"
    }

    /// `<file> passed sanity check.`
    public static func sanityPassedLine(file: String) -> String {
        "\(file) passed sanity check."
    }

    /// `<file> is empty.` (an offset index with no entry).
    public static func emptyIndexLine(file: String) -> String {
        "\(file) is empty."
    }
}
