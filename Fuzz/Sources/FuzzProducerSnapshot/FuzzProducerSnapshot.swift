// libFuzzer target: producer-state `.snapshot` files.
//
// The input is a snapshot file: `ProducerStateSnapshot(decoding:)` either throws a
// `StorageFileError` whose offset lies inside the input, or returns entries that
// `ProducerStateSnapshot.encode` writes back to exactly the input (the format has one
// encoding, CRC included), and whose dump lines print.
import FuzzSupport
import KafkaRecords

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    do {
        let snapshot = try ProducerStateSnapshot(decoding: bytes)
        fuzzCheck(ProducerStateSnapshot.encode(snapshot.entries) == bytes, "a decoded snapshot does not re-encode to its input")
        for entry in snapshot.entries { _ = DumpStorageFormat.snapshotLine(entry) }
    } catch {
        fuzzCheck(error.offset >= 0 && error.offset <= size, "error offset \(error.offset) outside \(size) bytes: \(error)")
        _ = error.description
    }
    return 0
}

/// The process entry point (SwiftPM links `main` to `FuzzProducerSnapshot_main`): libFuzzer's driver.
@_cdecl("FuzzProducerSnapshot_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
