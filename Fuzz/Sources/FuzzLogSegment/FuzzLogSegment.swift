// libFuzzer target: the segment reader and the kafka-dump-log path.
//
// The input is a `.log` segment: LogDump (deep iteration, data printed, 8 MiB ceiling) prints
// it line by line, and RecordBatchDecoder.decodeSegment must agree with the dump on whether
// it is well formed, on how many batches and records it holds and on which CRCs fail (inputs
// without legacy entries); the strict-CRC reader never returns a batch whose CRC does not match.
import FuzzSupport
import KafkaCompression
import KafkaRecords

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var lines = 0
    var characters = 0
    let options = LogDumpOptions(deepIteration: true, printDataLog: true, decompressionLimit: fuzzDecompressionCeiling)
    let summary = LogDump.dump(bytes, fileName: "00000000000000000000.log", options: options) { line in
        lines += 1
        characters += line.utf8.count
    }
    fuzzCheck(lines >= 1 + summary.batches + summary.records, "\(lines) lines for \(summary.batches) batches and \(summary.records) records")
    if let failure = summary.failure {
        _ = failure.description
    }
    var strict = LogSegmentReader(bytes, crcCheck: .strict)
    while let frame = try? strict.next() {
        fuzzCheck(frame.isValid, "the strict reader returned a batch with a bad CRC")
    }
    // RecordBatchDecoder reads RecordBatch v2 only: it agrees with the dump as long as no
    // legacy (magic 0/1) entry is involved (FuzzLegacyMessages covers those).
    if summary.legacyEntries > 0 { return 0 }
    if let failure = summary.failure, failure.batchPosition + 16 < bytes.count, bytes[failure.batchPosition + 16] <= 1 { return 0 }
    // The dump also decodes control records (key and marker value), which the decoder leaves
    // as bytes: a malformed one stops only the dump.
    if let error = summary.failure?.error, error.field.hasSuffix("].key") || error.field.hasSuffix("].value"),
        error.reason.code == .truncated || error.reason.code == .invalidVersion {
        return 0
    }
    let decoder = RecordBatchDecoder(decompressionLimit: fuzzDecompressionCeiling)
    do {
        let batches = try decoder.decodeSegment(bytes)
        fuzzCheck(summary.failure == nil, "decodeSegment succeeded where the dump failed: \(summary.failure.map(\.description) ?? "")")
        fuzzCheck(batches.count == summary.batches, "decodeSegment found \(batches.count) batches, the dump \(summary.batches)")
        fuzzCheck(batches.reduce(0) { $0 + $1.records.count } == summary.records, "decodeSegment and the dump count different records")
        fuzzCheck(batches.filter { !$0.isValid }.map(\.position) == summary.invalidCRCPositions, "decodeSegment and the dump see different CRC failures")
    } catch {
        fuzzCheck(summary.failure?.error == error, "decodeSegment failed with \(error), the dump with \(summary.failure.map(\.description) ?? "nothing")")
    }
    return 0
}

/// The process entry point (SwiftPM links `main` to `FuzzLogSegment_main`): libFuzzer's driver.
@_cdecl("FuzzLogSegment_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
