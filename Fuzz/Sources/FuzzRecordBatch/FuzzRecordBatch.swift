// libFuzzer target: RecordBatch v2 decoding with transparent decompression of every codec.
//
// The input is read as a concatenation of batches (LogSegmentReader), each batch's records
// through one RecordBatchDecompressor (kept codecs and buffer, 8 MiB ceiling), every record
// located (nextView), copied (BatchRecord: key, value, headers) and its headers located again;
// RecordBatchDecoder and BatchAnatomy must agree with that walk, and a batch that decodes must
// encode again (RecordBatchBuilder, both of its paths: fuzzer-chosen record shapes) to a batch
// that decodes to the same records.
import FuzzSupport
import KafkaCompression
import KafkaRecords

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let walked = walk(bytes)
    let decoder = RecordBatchDecoder(decompressionLimit: fuzzDecompressionCeiling)
    do {
        let batches = try decoder.decodeSegment(bytes)
        fuzzCheck(walked.failed == false, "decodeSegment succeeded where the walk failed")
        fuzzCheck(batches.count == walked.batches, "decodeSegment found \(batches.count) batches, the walk \(walked.batches)")
        fuzzCheck(batches.reduce(0) { $0 + $1.records.count } == walked.records, "decodeSegment and the walk count different records")
    } catch {
        fuzzCheck(walked.failed, "decodeSegment failed where the walk succeeded: \(error)")
    }
    let single = try? decoder.decodeBatch(bytes)
    let anatomy = try? BatchAnatomy(batch: bytes, decompressionLimit: fuzzDecompressionCeiling)
    fuzzCheck((single == nil) == (anatomy == nil), "decodeBatch and BatchAnatomy disagree on whether the batch decodes")
    if let single {
        fuzzCheck(walked.batches == 1 && !walked.failed && single.records.count == walked.records, "decodeBatch disagrees with the walk")
        checkReencoding(single, decoder: decoder)
    }
    return 0
}

/// Encodes a decoded batch's records again (uncompressed, the stored deltas and attributes)
/// and checks that the result decodes to the same records.
func checkReencoding(_ batch: RecordBatch, decoder: RecordBatchDecoder) {
    var settings = RecordBatchSettings(header: batch.header)
    settings.compression = .none
    settings.rawAttributes = batch.header.attributes.rawValue & ~0x7  // the same bits, codec none
    do {
        let encoded = try RecordBatchEncoder.encode(batch.records, settings: settings)
        let again = try decoder.decodeBatch(encoded)
        fuzzCheck(again.records == batch.records, "re-encoded records decode differently")
    } catch {
        fuzzCheck(false, "a decoded batch does not encode again: \(error)")
    }
}

/// What the walk saw: batches read, records read, whether it stopped on an error.
struct Walk {
    var batches = 0
    var records = 0
    var failed = false
}

/// Reads every batch and record, checking each located range against the buffer.
func walk(_ bytes: [UInt8]) -> Walk {
    var result = Walk()
    var reader = LogSegmentReader(bytes)
    var decompressor = RecordBatchDecompressor(decompressionLimit: fuzzDecompressionCeiling)
    do {
        while let frame = try reader.next() {
            result.batches += 1
            fuzzCheck(frame.range.upperBound <= bytes.count && frame.recordsRange.lowerBound <= frame.range.upperBound, "frame \(frame.range) outside the input of \(bytes.count) bytes")
            _ = frame.isValid
            var records = try decompressor.records(of: frame)
            fuzzCheck(records.storage.count <= Swift.max(bytes.count, fuzzDecompressionCeiling), "records buffer of \(records.storage.count) bytes past the ceiling")
            while let view = try records.nextView() {
                check(view, in: records)
                result.records += 1
            }
        }
    } catch {
        result.failed = true
    }
    return result
}

/// Checks that every range of a located record lies inside it and inside the buffer, and
/// that copying it out and locating its headers again agree with the view.
func check(_ view: RecordView, in records: RecordIterator) {
    let count = records.storage.count
    let whole = view.start..<view.end
    fuzzCheck(view.start >= 0 && view.start < view.end && view.end <= count, "record \(view.number) at \(whole) outside \(count) bytes")
    for range in [view.key, view.value, view.headers] {
        if let range { fuzzCheck(range.lowerBound >= view.start && range.upperBound <= view.end, "record \(view.number): field \(range) outside \(whole)") }
    }
    let record = records.record(view)
    fuzzCheck(record.key?.count == view.key?.count && record.value?.count == view.value?.count, "record \(view.number): copied key/value sizes differ from the view")
    fuzzCheck(record.headers.count == Int(view.headerCount), "record \(view.number): \(record.headers.count) headers copied, \(view.headerCount) declared")
    let headers = records.headerViews(of: view)
    fuzzCheck(headers.count == Int(view.headerCount), "record \(view.number): \(headers.count) headers located, \(view.headerCount) declared")
    for (header, copied) in zip(headers, record.headers) {
        fuzzCheck(header.key.lowerBound >= view.headers.lowerBound && header.end <= view.headers.upperBound, "record \(view.number): header outside the headers block")
        fuzzCheck(header.value?.count == copied.value?.count, "record \(view.number): header value sizes differ")
        _ = copied.key.utf8.count
    }
}

/// The process entry point (SwiftPM links `main` to `FuzzRecordBatch_main`): libFuzzer's driver.
@_cdecl("FuzzRecordBatch_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
