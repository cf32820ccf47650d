/// The records of one legacy log entry, as Kafka's deep iteration reads them
/// (`AbstractLegacyRecordBatch.DeepRecordsIterator`): an uncompressed message is its own single
/// record; a compressed wrapper yields the messages of its decompressed value.
///
/// Inner offsets: under a v1 wrapper they are relative (0…n−1) and resolved against the
/// wrapper's offset, which is the absolute offset of the last inner message (a wrapper offset
/// of 0, written by some librdkafka versions, means base 0); under a v0 wrapper they are
/// absolute as stored. Inner v1 messages of a LogAppendTime wrapper take the wrapper's
/// timestamp. The whole set is checked when the iterator is made (every inner message parsed,
/// none compressed, at least one, the wrapper offset not below the last relative offset), so
/// ``next()`` only fails if the data is not the data that was checked.
public struct LegacyRecordIterator: Sendable {
    /// The entry whose records these are.
    public let wrapper: LegacyMessage
    /// The bytes the records are read from: the input for an uncompressed message, the
    /// decompressed wrapper value otherwise, at its start (a decompressor's buffer runs past it:
    /// its unused room). ``LegacyRecordView/message`` positions index here.
    public let storage: [UInt8]
    /// Number of records (1 for an uncompressed message).
    public let count: Int
    private let location: ByteLocation
    private let end: Int
    private let offsetBase: Int64?
    private var index: Int
    private var produced = 0

    /// The single record of an uncompressed message.
    init(uncompressed frame: LegacyMessageFrame) {
        wrapper = frame.message
        storage = frame.storage
        count = 1
        location = ByteLocation()
        end = frame.message.range.upperBound
        offsetBase = nil
        index = frame.message.position
    }

    /// The inner messages of a wrapper whose value decompressed to the first `length` bytes of
    /// `inner`; `valueStart` is the position of the compressed value in the input (errors are
    /// reported against it).
    init(wrapper: LegacyMessage, inner: [UInt8], length: Int, valueStart: Int) throws(RecordBatchError) {
        let location = ByteLocation(origin: valueStart, isDecompressed: true)
        var count = 0
        var lastOffset: Int64 = 0
        try inner.withBytes { (whole) throws(RecordBatchError) in
            let bytes = UnsafeRawBufferPointer(rebasing: whole[0..<length])
            var index = 0
            while index < bytes.count {
                let message = try LegacyMessage.parse(bytes, at: index, location: location, fieldPrefix: "inner.")
                guard !message.isCompressed else {
                    throw location.error("inner.attributes", at: index &+ 17, .nestedCompression(codecBits: message.codecBits))
                }
                lastOffset = message.offset
                count &+= 1
                index = message.range.upperBound
            }
        }
        guard count > 0 else {
            throw RecordBatchError(field: "value", offset: valueStart, reason: .emptyCompressedSet)
        }
        if wrapper.magic == 1 {
            if wrapper.offset == 0 {
                offsetBase = 0
            } else {
                guard wrapper.offset >= lastOffset else {
                    throw RecordBatchError(field: "offset", offset: wrapper.position, reason: .wrapperOffsetBelowInner(wrapper: wrapper.offset, lastInner: lastOffset))
                }
                offsetBase = wrapper.offset &- lastOffset
            }
        } else {
            offsetBase = nil
        }
        self.wrapper = wrapper
        self.storage = inner
        self.count = count
        self.location = location
        self.end = length
        self.index = 0
    }

    /// The next record, or nil after the last.
    public mutating func next() throws(RecordBatchError) -> LegacyRecordView? {
        guard produced < count, index < end else { return nil }
        let start = index
        let location = location
        let prefix = location.isDecompressed ? "inner." : ""
        let message = try storage.withBytes { (bytes) throws(RecordBatchError) in
            try LegacyMessage.parse(bytes, at: start, location: location, fieldPrefix: prefix)
        }
        index = message.range.upperBound
        produced &+= 1
        let offset = offsetBase.map { $0 &+ message.offset } ?? message.offset
        return LegacyRecordView(offset: offset, timestamp: timestamp(of: message), message: message)
    }

    /// What Kafka's `LegacyRecord.timestamp()` reports for `message` read through this entry.
    private func timestamp(of message: LegacyMessage) -> Int64 {
        guard message.magic > 0 else { return -1 }
        if location.isDecompressed, wrapper.magic == 1, wrapper.timestampType == .logAppendTime {
            return wrapper.storedTimestamp
        }
        return message.storedTimestamp
    }
}
