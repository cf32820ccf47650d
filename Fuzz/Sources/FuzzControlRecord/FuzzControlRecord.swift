// libFuzzer target: control records (RecordIterator.controlRecord).
//
// Byte 0 = key length (255 = null key), byte 1 = value length (255 = null value), then the key
// and value bytes (cut to what is there). They are written into a control batch with
// RecordBatchBuilder and decoded back; the result must match a reference reading of Kafka's
// ControlRecordType / EndTransactionMarker rules (key ≥ 4 bytes, version ≥ 0; an ABORT/COMMIT
// value ≥ 6 bytes, version ≥ 0), and a failure must name the record's key or value at the
// offset of its length field. LogDump over the batch fails exactly when decoding does.
import FuzzSupport
import KafkaRecords

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard bytes.count >= 2 else { return 0 }
    var rest = bytes[2...]
    let keyLength = Int(bytes[0])
    let valueLength = Int(bytes[1])
    let key: [UInt8]? = keyLength == 255 ? nil : Array(rest.prefix(keyLength))
    rest = rest.dropFirst(key?.count ?? 0)
    let value: [UInt8]? = valueLength == 255 ? nil : Array(rest.prefix(valueLength))
    var settings = RecordBatchSettings(producerId: 1, producerEpoch: 0)
    settings.isTransactional = true
    settings.isControl = true
    var builder = RecordBatchBuilder(settings: settings)
    guard (try? builder.append(key: key, value: value, timestamp: 0)) != nil, (try? builder.finish()) != nil else { return 0 }
    var reader = LogSegmentReader(builder.bytes)
    guard let frame = try? reader.next(), var records = try? frame.records(), let view = try? records.nextView() else {
        fuzzFinding("the builder's control batch does not read back")
    }
    let expected = reference(key: key, value: value)
    let summary = LogDump.dump(builder.bytes, options: LogDumpOptions(deepIteration: true)) { _ in }
    do {
        let decoded = try records.controlRecord(view)
        fuzzCheck(expected == .some(decoded), "decoded \(decoded), reference \(String(describing: expected))")
        fuzzCheck(summary.failure == nil, "the dump failed on a control record that decodes")
    } catch {
        fuzzCheck(expected == nil, "failed with \(error), reference \(String(describing: expected))")
        let onKey = error.field == "records[0].key"
        fuzzCheck(onKey || error.field == "records[0].value", "error names \(error.field)")
        fuzzCheck(error.offset == (onKey ? view.keyLengthStart : view.valueLengthStart), "error at \(error.offset)")
        fuzzCheck(summary.failure?.error == error, "the dump reports \(summary.failure.map(\.description) ?? "nothing")")
    }
    return 0
}

/// Kafka's rules, written out plainly.
func reference(key: [UInt8]?, value: [UInt8]?) -> ControlRecord? {
    guard let key, key.count >= 4 else { return nil }
    let version = Int16(bitPattern: UInt16(key[0]) << 8 | UInt16(key[1]))
    guard version >= 0 else { return nil }
    let type = ControlRecordType(id: Int16(bitPattern: UInt16(key[2]) << 8 | UInt16(key[3])))
    guard type == .abort || type == .commit else { return .other(type) }
    guard let value, value.count >= 6 else { return nil }
    let valueVersion = Int16(bitPattern: UInt16(value[0]) << 8 | UInt16(value[1]))
    guard valueVersion >= 0 else { return nil }
    let epoch = Int32(bitPattern: UInt32(value[2]) << 24 | UInt32(value[3]) << 16 | UInt32(value[4]) << 8 | UInt32(value[5]))
    return .endTransaction(EndTransactionMarker(type: type, version: valueVersion, coordinatorEpoch: epoch))
}

/// The process entry point (SwiftPM links `main` to `FuzzControlRecord_main`): libFuzzer's driver.
@_cdecl("FuzzControlRecord_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
