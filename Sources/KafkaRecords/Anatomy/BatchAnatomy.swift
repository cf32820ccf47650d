import KafkaCompression

/// Every field of one encoded RecordBatch v2 as labelled byte ranges: the 13 header fields,
/// then each record's length, attributes, deltas, key, value and headers.
///
/// For a compressed batch the records block is one ``AnatomyField/Category/compressedRecords``
/// field; the records inside the decompressed block are in ``decompressedRecordFields``, with
/// offsets counted in the decompressed bytes.
public struct BatchAnatomy: Sendable, Hashable, Codable {
    /// The batch bytes the offsets refer to.
    public var bytes: [UInt8]
    /// The decoded header.
    public var header: RecordBatchHeader
    /// Whether the stored CRC is right.
    public var isCRCValid: Bool
    /// Fields in wire order, covering every byte once.
    public var fields: [AnatomyField]
    /// Records inside a compressed block (offsets in the decompressed bytes); empty otherwise.
    public var decompressedRecordFields: [AnatomyField]
    /// Bytes per category over ``fields``.
    public var shares: [AnatomyShare]

    /// The batch size in bytes.
    public var size: Int { bytes.count }

    /// Annotates the single batch in `bytes` (bytes after it are an error).
    public init(
        batch bytes: [UInt8],
        decompressionLimit: Int = defaultDecompressionLimit,
        codecs: CompressionCodecProvider = .kafkaCompression
    ) throws(RecordBatchError) {
        var reader = LogSegmentReader(bytes)
        guard let frame = try reader.next() else {
            throw RecordBatchError(field: "baseOffset", offset: 0, reason: .truncated(needed: RecordBatchHeader.size, available: 0))
        }
        if !reader.isAtEnd {
            throw RecordBatchError(field: "batchLength", offset: 8, reason: .unconsumedBytes(bytes.count - reader.position))
        }
        let total = bytes.count
        var fields = Self.headerFields(frame, total: total)
        var inner: [AnatomyField] = []
        var records = try frame.records(decompressionLimit: decompressionLimit, codecs: codecs)
        let compressed = frame.header.attributes.compression != CompressionType.none
        if compressed {
            fields.append(AnatomyField(
                label: "records", category: .compressedRecords,
                offset: RecordBatchHeader.size, length: total - RecordBatchHeader.size,
                value: "\(frame.header.attributes.compressionName), \(records.recordsEnd) bytes decompressed",
                share: Double(total - RecordBatchHeader.size) / Double(total)
            ))
        }
        let recordsTotal = records.recordsEnd
        while let view = try records.nextView() {
            let recordFields = RecordAnatomy.fields(of: view, in: records, prefix: "records[\(view.number)].", shift: 0, total: compressed ? recordsTotal : total)
            if compressed { inner += recordFields } else { fields += recordFields }
        }
        self.bytes = bytes
        header = frame.header
        isCRCValid = frame.isValid
        self.fields = fields
        decompressedRecordFields = inner
        shares = AnatomyShare.summarize(fields, total: total)
    }

    static func headerFields(_ frame: RecordBatchFrame, total: Int) -> [AnatomyField] {
        let header = frame.header
        let values: [String] = [
            "\(header.baseOffset)",
            "\(header.batchLength) bytes follow",
            AnatomyText.sentinel(header.partitionLeaderEpoch),
            "\(header.magic)",
            frame.isValid ? "\(header.crc) (valid)" : "\(header.crc) (invalid: computed \(frame.computedCRC))",
            header.attributes.description,
            "\(header.lastOffsetDelta) (last offset \(header.lastOffset))",
            AnatomyText.timestamp(header.baseTimestamp) + (header.attributes.hasDeleteHorizon ? " delete horizon" : ""),
            AnatomyText.timestamp(header.maxTimestamp),
            AnatomyText.sentinel(header.producerId),
            AnatomyText.sentinel(header.producerEpoch),
            AnatomyText.sentinel(header.baseSequence),
            "\(header.recordsCount)",
        ]
        return zip(RecordBatchHeader.layout, values).map { entry, value in
            AnatomyField(
                label: entry.name, category: .batchHeader,
                offset: entry.offset, length: entry.length, value: value,
                share: Double(entry.length) / Double(total)
            )
        }
    }
}

/// Record-level anatomy shared by ``BatchAnatomy`` and ``MessageAnatomy``.
enum RecordAnatomy {
    /// The fields of one located record; offsets are `view` positions minus `shift`.
    static func fields(of view: RecordView, in records: RecordIterator, prefix: String, shift: Int, total: Int) -> [AnatomyField] {
        let headerViews = records.headerViews(of: view)
        return records.withUnsafeBytes { buffer in
            var fields: [AnatomyField] = []
            func add(_ label: String, _ category: AnatomyField.Category, _ range: Range<Int>, _ value: String) {
                fields.append(AnatomyField(
                    label: prefix + label, category: category,
                    offset: range.lowerBound - shift, length: range.count, value: value,
                    share: total > 0 ? Double(range.count) / Double(total) : 0
                ))
            }
            func text(_ range: Range<Int>?) -> String {
                AnatomyText.bytes(range.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) })
            }
            func lengthText(_ range: Range<Int>?) -> String {
                range.map { "\($0.count)" } ?? "-1 (null)"
            }
            let timestampText = records.header.attributes.timestampType == .logAppendTime
                ? "LogAppendTime \(view.timestamp)"
                : "timestamp \(view.timestamp)"
            add("length", .recordFraming, view.start..<view.attributesStart, "\(view.bodyLength) bytes follow")
            add("attributes", .recordFraming, view.attributesStart..<view.timestampDeltaStart, "\(view.attributes)")
            add("timestampDelta", .recordFraming, view.timestampDeltaStart..<view.offsetDeltaStart, "\(view.timestampDelta) (\(timestampText))")
            add("offsetDelta", .recordFraming, view.offsetDeltaStart..<view.keyLengthStart, "\(view.offsetDelta) (offset \(view.offset))")
            add("keyLength", .recordFraming, view.keyLengthStart..<(view.key?.lowerBound ?? view.valueLengthStart), lengthText(view.key))
            if let key = view.key { add("key", .key, key, text(key)) }
            add("valueLength", .recordFraming, view.valueLengthStart..<(view.value?.lowerBound ?? view.headerCountStart), lengthText(view.value))
            if let value = view.value { add("value", .value, value, text(value)) }
            add("headerCount", .recordFraming, view.headerCountStart..<view.headers.lowerBound, "\(view.headerCount)")
            for (number, header) in headerViews.enumerated() {
                let name = "headers[\(number)]."
                add(name + "keyLength", .headers, header.keyLengthStart..<header.key.lowerBound, "\(header.key.count)")
                add(name + "key", .headers, header.key, text(header.key))
                add(name + "valueLength", .headers, header.valueLengthStart..<(header.value?.lowerBound ?? header.end), lengthText(header.value))
                if let value = header.value { add(name + "value", .headers, value, text(value)) }
            }
            return fields
        }
    }
}
