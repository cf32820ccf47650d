// libFuzzer target: the text checkpoints, `leader-epoch-checkpoint` and `partition.metadata`.
//
// The input is read as both. A leader-epoch checkpoint that parses writes back (`text`) to
// text that parses to the same entries; a partition.metadata that parses has a 16-byte,
// non-zero topic id whose UUID text has 36 characters. Errors name an offset inside the input.
import FuzzSupport
import KafkaRecords

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    do {
        let checkpoint = try LeaderEpochCheckpoint(decoding: bytes)
        let again = try LeaderEpochCheckpoint(decoding: Array(checkpoint.text.utf8))
        fuzzCheck(again.entries == checkpoint.entries, "a checkpoint does not survive its own text")
        for entry in checkpoint.entries { _ = DumpStorageFormat.leaderEpochLine(entry) }
    } catch {
        fuzzCheck(error.offset >= 0 && error.offset <= size, "error offset \(error.offset) outside \(size) bytes: \(error)")
    }
    do {
        let metadata = try PartitionMetadata(decoding: bytes)
        fuzzCheck(metadata.topicIdBytes.count == 16 && metadata.topicIdBytes.contains { $0 != 0 }, "topic id \(metadata.topicIdBytes)")
        fuzzCheck(metadata.topicIdUUIDText.count == 36, "UUID text \(metadata.topicIdUUIDText)")
        _ = DumpStorageFormat.partitionMetadataLine(metadata)
    } catch {
        fuzzCheck(error.offset >= 0 && error.offset <= size, "error offset \(error.offset) outside \(size) bytes: \(error)")
    }
    return 0
}

/// The process entry point (SwiftPM links `main` to `FuzzCheckpoint_main`): libFuzzer's driver.
@_cdecl("FuzzCheckpoint_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
