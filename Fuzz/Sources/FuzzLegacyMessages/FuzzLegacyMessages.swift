// libFuzzer target: legacy (magic 0/1) log entries and mixed segments.
//
// The input is a segment: LogSegmentReader.nextEntry walks it (batches and legacy messages),
// every legacy entry's records are read through one RecordBatchDecompressor (8 MiB ceiling;
// gzip, snappy, lz4 with magic 0's broken header checksum), and LogDump (deep iteration, data
// printed) must agree with that walk on entries, legacy entries, records and where it stops.
// Every located range lies inside its message and buffer; entries follow each other without
// gaps; the strict reader never returns a legacy message with a bad CRC-32.
import FuzzSupport
import KafkaCompression
import KafkaRecords

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var reader = LogSegmentReader(bytes)
    var decompressor = RecordBatchDecompressor(decompressionLimit: fuzzDecompressionCeiling)
    var entries = 0
    var legacy = 0
    var records = 0
    var expectedPosition = 0
    var failed = false
    do {
        while let entry = try reader.nextEntry() {
            fuzzCheck(entry.position == expectedPosition, "entry at \(entry.position), expected \(expectedPosition)")
            expectedPosition += entry.sizeInBytes
            fuzzCheck(expectedPosition <= bytes.count, "entry runs past the input")
            entries += 1
            switch entry {
            case .batch(let frame):
                var iterator = try decompressor.records(of: frame)
                while let view = try iterator.nextView() {
                    // The dump stops at a malformed control record: so does the walk.
                    if frame.header.attributes.isControl { _ = try iterator.controlRecord(view) }
                    records += 1
                }
            case .legacy(let frame):
                legacy += 1
                check(frame.message, in: bytes.count)
                var iterator = try decompressor.records(of: frame)
                while let view = try iterator.next() {
                    check(view.message, in: iterator.storage.count)
                    records += 1
                }
            }
        }
    } catch {
        failed = true
        _ = error.description
    }
    let options = LogDumpOptions(deepIteration: true, printDataLog: true, decompressionLimit: fuzzDecompressionCeiling)
    let summary = LogDump.dump(bytes, options: options) { _ in }
    fuzzCheck((summary.failure != nil) == failed, "the dump and the walk disagree on failing: \(summary.failure.map(\.description) ?? "no failure")")
    fuzzCheck(summary.batches == entries && summary.legacyEntries == legacy, "the dump saw \(summary.batches) entries (\(summary.legacyEntries) legacy), the walk \(entries) (\(legacy))")
    fuzzCheck(summary.records == records, "the dump printed \(summary.records) records, the walk read \(records)")
    var strict = LogSegmentReader(bytes, crcCheck: .strict)
    while let entry = try? strict.nextEntry() {
        fuzzCheck(entry.isValid, "the strict reader returned an entry with a bad CRC")
    }
    return 0
}

/// Key and value lie inside the message, the message inside the buffer.
func check(_ message: LegacyMessage, in count: Int) {
    let range = message.range
    fuzzCheck(range.lowerBound >= 0 && range.upperBound <= count, "message \(range) outside the \(count)-byte buffer")
    for part in [message.key, message.value].compactMap({ $0 }) {
        fuzzCheck(part.lowerBound >= range.lowerBound && part.upperBound <= range.upperBound, "key or value \(part) outside the message \(range)")
    }
}

/// The process entry point (SwiftPM links `main` to `FuzzLegacyMessages_main`): libFuzzer's driver.
@_cdecl("FuzzLegacyMessages_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
