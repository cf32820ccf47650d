import KafkaCompression
import KafkaRecords

/// A fault found in a storage file: which file, where, what.
package struct StorageFault: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's name inside its partition directory.
    package var file: String
    /// What is wrong (one line, with the byte position when there is one).
    package var message: String

    /// `file: message`.
    package var description: String { "\(file): \(message)" }
}

/// What one producer did in a partition's segments.
package struct ProducerActivity: Sendable, Hashable {
    /// The producer id.
    package var producerId: Int64
    /// The last epoch seen.
    package var epoch: Int16 = -1
    /// Data batches (control batches excluded).
    package var batches = 0
    /// Records in them.
    package var records = 0
    /// Last sequence of its last data batch.
    package var lastSequence: Int32 = -1
    /// Transactions ended by a COMMIT marker.
    package var committed = 0
    /// Transactions ended by an ABORT marker.
    package var aborted = 0
    /// First offset of the transaction still open at the end of the log, if any.
    package var openTransactionFirstOffset: Int64?
}

/// Batch sizes by power-of-two bucket: bucket `k` counts batches of 2^k … 2^(k+1) − 1 bytes.
package struct SizeBuckets: Sendable, Hashable {
    /// Counts by bucket.
    package private(set) var counts = [Int](repeating: 0, count: 32)

    /// Counts one batch of `size` bytes.
    package mutating func add(_ size: Int) {
        counts[Swift.min(31, Swift.max(0, Int.bitWidth - 1 - Swift.max(size, 1).leadingZeroBitCount))] += 1
    }

    /// Adds another distribution's counts.
    package mutating func merge(_ other: SizeBuckets) {
        for index in counts.indices { counts[index] += other.counts[index] }
    }
}

/// One segment (`<base>.log` and its indexes) summarised in one pass over its entries.
package struct SegmentSummary: Sendable {
    /// Base offset from the file name.
    package var baseOffset: Int64
    /// Size of the `.log` file.
    package var bytes = 0
    /// Entries read (v2 batches, legacy messages or wrappers).
    package var batches = 0
    /// Records (a legacy compressed wrapper counts the offsets it covers).
    package var records = 0
    /// First and last offsets held.
    package var firstOffset: Int64?
    /// Last offset held.
    package var lastOffset: Int64?
    /// Smallest and largest batch max timestamps.
    package var firstTimestamp: Int64?
    /// Largest batch max timestamp.
    package var lastTimestamp: Int64?
    /// Entries by message format (magic 0, 1, 2).
    package var formats: [Int8: Int] = [:]
    /// Entries by codec name.
    package var codecs: [String: Int] = [:]
    /// Batch sizes.
    package var sizes = SizeBuckets()
    /// The `.index` check, when the file exists.
    package var offsetIndex: OffsetIndexVerification?
    /// The `.timeindex` check, when the file exists.
    package var timeIndex: TimeIndexVerification?
}

/// Reads a segment entry by entry (memory: one batch), updating the partition's producer,
/// transaction and gap state as it goes.
package struct SegmentScanner {
    /// Whether every record of every batch is decoded (`--check`), not only headers and CRCs.
    package var decodeRecords: Bool
    /// Producers seen so far in the partition.
    package var producers: [Int64: ProducerActivity] = [:]
    /// Offset gaps (expected, found) between consecutive entries and segments.
    package var gaps: [OffsetGap] = []
    /// Faults found.
    package var faults: [StorageFault] = []
    /// For a `__consumer_offsets` partition: its groups, every data record applied (nil elsewhere).
    package var consumerGroups: ConsumerGroupCollector?
    /// Where the previous entry ended (its last offset + 1).
    var expectedOffset: Int64?
    private var decompressor: RecordBatchDecompressor

    /// A scanner for one partition's segments, in base-offset order.
    package init(decodeRecords: Bool, decompressionLimit: Int = defaultDecompressionLimit) {
        self.decodeRecords = decodeRecords
        decompressor = RecordBatchDecompressor(decompressionLimit: decompressionLimit)
    }

    /// Scans `log`, whose name gives `baseOffset`.
    package mutating func scan(_ log: StorageFile, name: String, baseOffset: Int64, progress: (Int) -> Void = { _ in }) throws(StorageReadError) -> SegmentSummary {
        var summary = SegmentSummary(baseOffset: baseOffset)
        summary.bytes = log.size
        var scanner = LogEntryScanner(log)
        while let entry = try scanner.next() {
            summary.batches += 1
            summary.formats[entry.magic, default: 0] += 1
            summary.sizes.add(entry.bytes.count)
            if entry.magic >= RecordBatchHeader.magicV2 {
                readBatch(entry, name: name, into: &summary)
            } else {
                readLegacy(entry, name: name, into: &summary)
            }
            progress(entry.bytes.count)
        }
        if let stop = scanner.stop { faults.append(StorageFault(file: name, message: stop.description)) }
        return summary
    }

    private mutating func noteOffsets(first: Int64?, last: Int64, maxTimestamp: Int64, into summary: inout SegmentSummary) {
        if let first, let expected = expectedOffset, first > expected { gaps.append(OffsetGap(expected: expected, found: first)) }
        summary.firstOffset = summary.firstOffset ?? first ?? last
        summary.lastOffset = last
        if maxTimestamp >= 0 {
            summary.firstTimestamp = Swift.min(summary.firstTimestamp ?? maxTimestamp, maxTimestamp)
            summary.lastTimestamp = Swift.max(summary.lastTimestamp ?? maxTimestamp, maxTimestamp)
        }
        expectedOffset = last &+ 1
    }

    private mutating func readBatch(_ entry: LogEntry, name: String, into summary: inout SegmentSummary) {
        var reader = LogSegmentReader(entry.bytes)
        let frame: RecordBatchFrame
        do throws(RecordBatchError) {
            guard let read = try reader.next() else { return }
            frame = read
        } catch {
            noteDecodingFault(error, in: "batch", of: entry, file: name)
            return
        }
        let header = frame.header
        if !frame.isValid {
            faults.append(StorageFault(file: name, message: "batch at position \(entry.position): CRC-32C mismatch: stored \(header.crc), computed \(frame.computedCRC)"))
        }
        summary.codecs[header.attributes.compressionName, default: 0] += 1
        summary.records += Int(header.recordsCount)
        noteOffsets(first: header.baseOffset, last: header.lastOffset, maxTimestamp: header.maxTimestamp, into: &summary)
        var control: ControlRecordType?
        let collectsGroups = consumerGroups != nil && !header.attributes.isControl
        if decodeRecords || header.attributes.isControl || collectsGroups {
            do throws(RecordBatchError) {
                var records = try decompressor.records(of: frame)
                while let view = try records.nextView() {
                    if header.attributes.isControl, control == nil { control = try records.controlRecord(view).type }
                    if collectsGroups {
                        records.withUnsafeBytes { buffer in
                            consumerGroups?.add(key: view.key.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) },
                                                value: view.value.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) }, offset: view.offset)
                        }
                    }
                }
            } catch {
                noteDecodingFault(error, in: "batch", of: entry, file: name)
            }
        }
        guard header.hasProducerId else { return }
        var producer = producers[header.producerId] ?? ProducerActivity(producerId: header.producerId)
        producer.epoch = header.producerEpoch
        if header.attributes.isControl {
            if let control, control.isTransactionMarker {
                if control == .commit { producer.committed += 1 } else { producer.aborted += 1 }
                producer.openTransactionFirstOffset = nil
            }
        } else {
            producer.batches += 1
            producer.records += Int(header.recordsCount)
            producer.lastSequence = header.lastSequence
            if header.attributes.isTransactional, producer.openTransactionFirstOffset == nil {
                producer.openTransactionFirstOffset = header.baseOffset
            }
        }
        producers[header.producerId] = producer
    }

    /// A legacy (magic 0/1) message or wrapper, read with KafkaRecords' legacy decoder
    /// (``LegacyMessageFrame``, CRC-32 checked; a compressed wrapper's inner messages
    /// decompressed and counted).
    private mutating func readLegacy(_ entry: LogEntry, name: String, into summary: inout SegmentSummary) {
        let frame: LegacyMessageFrame
        do throws(RecordBatchError) {
            frame = try LegacyMessageFrame(parsing: entry.bytes, at: 0)
        } catch {
            noteDecodingFault(error, in: "message", of: entry, file: name)
            return
        }
        let message = frame.message
        if !message.isValid {
            faults.append(StorageFault(file: name, message: "message at position \(entry.position): CRC-32 mismatch: stored \(message.crc), computed \(message.computedCRC)"))
        }
        summary.codecs[message.compressionName, default: 0] += 1
        var first: Int64?
        var count = 0
        var maximum: Int64 = message.magic == 1 ? message.storedTimestamp : -1
        do throws(RecordBatchError) {
            var records = try decompressor.records(of: frame)
            while let record = try records.next() {
                first = first ?? record.offset
                count += 1
                maximum = Swift.max(maximum, record.timestamp)
                guard consumerGroups != nil else { continue }
                let inner = record.message
                records.storage.withUnsafeBytes { buffer in
                    consumerGroups?.add(key: inner.key.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) },
                                        value: inner.value.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) }, offset: record.offset)
                }
            }
        } catch {
            noteDecodingFault(error, in: "message", of: entry, file: name)
        }
        summary.records += count
        noteOffsets(first: first, last: message.offset, maxTimestamp: maximum, into: &summary)
    }

    /// Records a decoding fault of the `kind` (batch or message) read from `entry`, the error's
    /// offset made absolute (the entry was read from its own buffer).
    private mutating func noteDecodingFault(_ error: RecordBatchError, in kind: String, of entry: LogEntry, file name: String) {
        let shifted = RecordBatchError(
            field: error.field, offset: error.offset + entry.position, offsetInRecords: error.offsetInRecords, reason: error.reason)
        faults.append(StorageFault(file: name, message: "\(kind) at position \(entry.position): \(shifted)"))
    }
}

/// A hole in the offsets: the next entry starts past where the previous one ended
/// (compaction, retention, or missing data).
package struct OffsetGap: Sendable, Hashable, Codable {
    /// The offset that would have followed.
    package var expected: Int64
    /// The offset found instead.
    package var found: Int64
}
