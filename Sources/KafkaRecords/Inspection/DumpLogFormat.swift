/// The text lines Apache Kafka's `kafka-dump-log.sh` (`DumpLogSegments`) prints for RecordBatch
/// v2 data, field for field and in the same order.
///
/// Batch line: `baseOffset: 0 lastOffset: 2 count: 3 baseSequence: -1 lastSequence: -1
/// producerId: -1 producerEpoch: -1 partitionLeaderEpoch: 0 isTransactional: false
/// isControl: false deleteHorizonMs: OptionalLong.empty position: 0 CreateTime: 1700000000002
/// size: 120 magic: 2 compresscodec: none crc: 1234567 isvalid: true`.
///
/// Record line (`--deep-iteration`): `| offset: 0 CreateTime: 1700000000000 keySize: 3
/// valueSize: 5 sequence: -1 headerKeys: [a,b]`, then ` key: … payload: …` with
/// `--print-data-log` (UTF-8 text; absent for null keys/values and for control batches).
/// Control records print ` endTxnMarker: COMMIT coordinatorEpoch: 0` for transaction markers
/// and ` controlType: NAME(id)` for the KRaft control types (Kafka prints their JSON there).
public enum DumpLogFormat {
    /// `Log starting offset: N` for a segment file named `<N>.log`, else nil.
    public static func startingOffsetLine(fileName: String) -> String? {
        guard fileName.hasSuffix(".log") else { return nil }
        let stem = fileName.dropLast(4)
        guard let offset = Int64(stem) else { return nil }
        return "Log starting offset: \(offset)"
    }

    /// The batch-level line.
    public static func batchLine(_ frame: RecordBatchFrame) -> String {
        let header = frame.header
        let horizon = header.deleteHorizonMs.map { "OptionalLong[\($0)]" } ?? "OptionalLong.empty"
        return "baseOffset: \(header.baseOffset) lastOffset: \(header.lastOffset) count: \(header.recordsCount)"
            + " baseSequence: \(header.baseSequence) lastSequence: \(header.lastSequence)"
            + " producerId: \(header.producerId) producerEpoch: \(header.producerEpoch)"
            + " partitionLeaderEpoch: \(header.partitionLeaderEpoch)"
            + " isTransactional: \(header.attributes.isTransactional) isControl: \(header.attributes.isControl)"
            + " deleteHorizonMs: \(horizon)"
            + " position: \(frame.position) \(header.attributes.timestampType): \(header.maxTimestamp)"
            + " size: \(header.sizeInBytes) magic: \(header.magic)"
            + " compresscodec: \(header.attributes.compressionName) crc: \(header.crc) isvalid: \(frame.isValid)"
    }

    /// The record-level line (metadata, control marker, and key/payload when `printData`),
    /// with header keys, key and payload decoded as UTF-8 (U+FFFD for malformed sequences, as
    /// Java's `new String(bytes, UTF_8)`). Not escaped: what is shown on a terminal goes
    /// through the caller's escaping (kbench: `TerminalText`).
    public static func recordLine(_ view: RecordView, in records: RecordIterator, printData: Bool) -> String {
        String(decoding: recordLineBytes(view, in: records, printData: printData), as: UTF8.self)
    }

    /// The record-level line as bytes, with the header keys, key and payload byte-exact (no
    /// decoding, no escaping): what `kbench inspect … --raw-payload` writes.
    public static func recordLineBytes(_ view: RecordView, in records: RecordIterator, printData: Bool) -> [UInt8] {
        let attributes = records.header.attributes
        return records.withUnsafeBytes { buffer in
            func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[range]) }
            var line = Array("| offset: \(view.offset) \(attributes.timestampType): \(view.timestamp)".utf8)
            line += " keySize: \(view.keySize) valueSize: \(view.valueSize)".utf8
            line += " sequence: \(view.sequence) headerKeys: [".utf8
            for (index, header) in records.headerViews(of: view).enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                line += bytes(header.key)
            }
            line.append(UInt8(ascii: "]"))
            if attributes.isControl {
                // A malformed control record: LogDump reports it (ControlRecord's typed error)
                // before the line is printed; callers formatting alone get Kafka's UNKNOWN.
                line += ((try? records.controlRecord(view))?.dumpText ?? " controlType: UNKNOWN(-1)").utf8
            } else if printData {
                if let key = view.key {
                    line += " key: ".utf8
                    line += bytes(key)
                }
                if let value = view.value {
                    line += " payload: ".utf8
                    line += bytes(value)
                }
            }
            return line
        }
    }
}
