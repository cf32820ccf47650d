extension DumpLogFormat {
    /// The entry line kafka-dump-log prints for a legacy (magic 0/1) log entry
    /// (`DumpLogSegments.printBatchLevel`): `offset: 41 position: 0 CreateTime: 1700000000009
    /// size: 98 magic: 1 compresscodec: gzip crc: 3043451690 isvalid: true`, the offset being
    /// the entry's (for a compressed wrapper: its last inner message's), the timestamp type
    /// `NoTimestampType` and the timestamp -1 under magic 0.
    public static func legacyEntryLine(_ frame: LegacyMessageFrame) -> String {
        let message = frame.message
        return "offset: \(message.offset)"
            + " position: \(message.position) \(LegacyMessage.timestampTypeName(message.timestampType)): \(message.storedTimestamp)"
            + " size: \(message.sizeInBytes) magic: \(message.magic)"
            + " compresscodec: \(message.compressionName) crc: \(message.crc) isvalid: \(message.isValid)"
    }

    /// The record line of a legacy message as bytes (key and payload byte-exact):
    /// `| offset: 0 CreateTime: 1700000000000 keySize: 3 valueSize: 5 isValid: true crc: 123}`
    /// then ` key: … payload: …` when `printData` (absent for a null key or value).
    ///
    /// The `}` after the CRC is kafka-dump-log's own (a stray brace in `DumpLogSegments.dumpLog`
    /// since Kafka 2.x), kept so that lines compare equal. The timestamp type is the log entry's
    /// (the wrapper's for inner messages), as Kafka prints `batch.timestampType`.
    public static func legacyRecordLineBytes(_ view: LegacyRecordView, in records: LegacyRecordIterator, printData: Bool) -> [UInt8] {
        let message = view.message
        let typeName = LegacyMessage.timestampTypeName(records.wrapper.timestampType)
        var line = Array("| offset: \(view.offset) \(typeName): \(view.timestamp)".utf8)
        line += " keySize: \(message.keySize) valueSize: \(message.valueSize)".utf8
        line += " isValid: \(message.isValid) crc: \(message.crc)}".utf8
        guard printData else { return line }
        if let key = message.key {
            line += " key: ".utf8
            line += records.storage[key]
        }
        if let value = message.value {
            line += " payload: ".utf8
            line += records.storage[value]
        }
        return line
    }
}
