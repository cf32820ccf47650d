// libFuzzer target: `.index`, `.timeindex` and `.txnindex` bytes.
//
// Byte 0 picks a base offset (its value × 2^40, so relative offsets can overflow it); the rest is
// read as an offset index, a time index and a transaction index. Every slot decodes (nil
// exactly past the last whole entry), the sanity checks run on the first and last slots, and
// `AbortedTransaction.entries` returns one entry per whole 34 bytes or throws a version
// error naming an entry inside the input.
import FuzzSupport
import KafkaRecords

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let baseOffset = Int64(data[0]) << 40
    let bytes = Array(fuzzBytes(data, size).dropFirst())
    bytes.withUnsafeBytes { buffer in
        let offsetSlots = buffer.count / OffsetIndexEntry.size
        for slot in 0...offsetSlots {
            let entry = OffsetIndexEntry.decode(buffer, slot: slot, baseOffset: baseOffset)
            fuzzCheck((entry == nil) == (slot == offsetSlots), "offset index slot \(slot) of \(offsetSlots)")
            if let entry { _ = DumpStorageFormat.offsetIndexLine(entry) }
        }
        let last = offsetSlots == 0 ? nil : OffsetIndexEntry.decode(buffer, slot: offsetSlots - 1, baseOffset: baseOffset)
        let offsetProblems = IndexSanityCheck.offsetIndex(length: buffer.count, baseOffset: baseOffset, last: last)
        fuzzCheck(offsetProblems.isEmpty || buffer.count % OffsetIndexEntry.size != 0 || (last?.offset ?? baseOffset) < baseOffset, "offset index sanity failed for no reason")
        let timeSlots = buffer.count / TimeIndexEntry.size
        for slot in 0...timeSlots {
            let entry = TimeIndexEntry.decode(buffer, slot: slot, baseOffset: baseOffset)
            fuzzCheck((entry == nil) == (slot == timeSlots), "time index slot \(slot) of \(timeSlots)")
            if let entry { _ = DumpStorageFormat.timeIndexLine(entry) }
        }
        let first = TimeIndexEntry.decode(buffer, slot: 0, baseOffset: baseOffset)
        let lastTime = timeSlots == 0 ? nil : TimeIndexEntry.decode(buffer, slot: timeSlots - 1, baseOffset: baseOffset)
        _ = IndexSanityCheck.timeIndex(length: buffer.count, baseOffset: baseOffset, first: first, last: lastTime)
    }
    do {
        let entries = try AbortedTransaction.entries(decoding: bytes)
        fuzzCheck(entries.count == bytes.count / AbortedTransaction.size, "\(entries.count) aborted transactions in \(bytes.count) bytes")
        for entry in entries { _ = DumpStorageFormat.abortedTransactionLine(entry) }
    } catch {
        fuzzCheck(error.offset >= 0 && error.offset + AbortedTransaction.size <= bytes.count, "error offset \(error.offset) outside the input: \(error)")
    }
    return 0
}

/// The process entry point (SwiftPM links `main` to `FuzzStorageIndex_main`): libFuzzer's driver.
@_cdecl("FuzzStorageIndex_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
