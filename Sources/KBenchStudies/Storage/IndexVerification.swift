import KafkaCompression
import KafkaRecords

/// What checking a `.index` file against its `.log` found, as kafka-dump-log reports it.
package struct OffsetIndexVerification: Sendable, Equatable {
    /// Slots in the file (`length / 8`, zero-filled preallocated slots included), as Kafka counts them.
    package var slots = 0
    /// Entries before the first zero-filled slot (the ones Kafka's dump walks).
    package var entries = 0
    /// Problems Kafka's sanity check finds (empty when it passes).
    package var sanityProblems: [String] = []
    /// Index entries whose offset is not the last offset of the batch at their position
    /// (`Index offset: X, log offset: Y`; -1 when no batch could be read there).
    package var mismatches: [OffsetMismatch] = []

    /// Whether the index passes the sanity check and matches the log.
    package var isHealthy: Bool { sanityProblems.isEmpty && mismatches.isEmpty }
}

/// An index offset and the log offset found in its place.
package struct OffsetMismatch: Sendable, Hashable, Codable {
    /// The offset the index holds.
    package var indexOffset: Int64
    /// The last offset of the batch at the indexed position (-1: none).
    package var logOffset: Int64
}

/// What checking a `.timeindex` file against its `.log` found, as kafka-dump-log reports it.
package struct TimeIndexVerification: Sendable, Equatable {
    /// Slots in the file (`length / 12`).
    package var slots = 0
    /// Entries before the first zero-filled slot.
    package var entries = 0
    /// Problems Kafka's sanity check finds.
    package var sanityProblems: [String] = []
    /// `Index timestamp: T, log timestamp: L` pairs.
    package var timestampMismatches: [TimestampPair] = []
    /// `Index timestamp: T, Previously indexed timestamp: P` pairs.
    package var outOfOrder: [TimestampPair] = []
    /// `Indexed offset: O, found log offset: L` pairs (L = -1: no batch reaches O).
    package var offsetsNotFound: [OffsetMismatch] = []

    /// Whether the index passes the sanity check and matches the log.
    package var isHealthy: Bool {
        sanityProblems.isEmpty && timestampMismatches.isEmpty && outOfOrder.isEmpty && offsetsNotFound.isEmpty
    }
}

/// Two timestamps kafka-dump-log compares: the index's and the other one.
package struct TimestampPair: Sendable, Hashable, Codable {
    /// The timestamp in the index.
    package var index: Int64
    /// The timestamp in the log, or the previously indexed one.
    package var other: Int64
}

/// kafka-dump-log's index checks (`dumpIndex`, `dumpTimeIndex`, `--index-sanity-check`,
/// `--verify-index-only`), reading index and log files by position: an index is read in
/// chunks, the log one batch header at a time (plus the indexed batches for the time index).
package enum IndexVerifier {
    /// Entries per chunk read from an index file.
    static let chunkEntries = 8192

    /// Walks the entries of an index file as Kafka's dump does (every slot, stopping at the
    /// first slot after the first whose offset is the base offset: zero-filled preallocation).
    static func walk<Entry>(
        _ index: StorageFile, entrySize: Int,
        decode: (UnsafeRawBufferPointer, Int) -> Entry?, offset: (Entry) -> Int64, baseOffset: Int64,
        visit: (Entry) throws(StorageReadError) -> Void
    ) throws(StorageReadError) -> Int {
        let slots = index.size / entrySize
        var slot = 0
        while slot < slots {
            let count = Swift.min(chunkEntries, slots - slot)
            let chunk = try index.read(at: slot * entrySize, count: count * entrySize)
            var entries: [Entry] = []
            entries.reserveCapacity(count)
            chunk.withUnsafeBytes { buffer in
                for local in 0..<count { if let entry = decode(buffer, local) { entries.append(entry) } }
            }
            for entry in entries {
                if offset(entry) == baseOffset, slot > 0 { return slot }
                try visit(entry)
                slot += 1
            }
        }
        return slot
    }

    /// The entry in slot `slot` of an index file.
    static func entry<Entry>(_ index: StorageFile, slot: Int, entrySize: Int, decode: (UnsafeRawBufferPointer, Int) -> Entry?) throws(StorageReadError) -> Entry? {
        let bytes = try index.read(at: slot * entrySize, count: entrySize)
        return bytes.withUnsafeBytes { decode($0, 0) }
    }

    /// Kafka's sanity check of an offset index (first and last slot, length).
    package static func offsetIndexSanity(_ index: StorageFile, baseOffset: Int64) throws(StorageReadError) -> [String] {
        let slots = index.size / OffsetIndexEntry.size
        let last = slots == 0 ? nil : try entry(index, slot: slots - 1, entrySize: OffsetIndexEntry.size) { OffsetIndexEntry.decode($0, slot: $1, baseOffset: baseOffset) }
        return IndexSanityCheck.offsetIndex(length: index.size, baseOffset: baseOffset, last: last)
    }

    /// Kafka's sanity check of a time index.
    package static func timeIndexSanity(_ index: StorageFile, baseOffset: Int64) throws(StorageReadError) -> [String] {
        let slots = index.size / TimeIndexEntry.size
        let decode = { (buffer: UnsafeRawBufferPointer, slot: Int) in TimeIndexEntry.decode(buffer, slot: slot, baseOffset: baseOffset) }
        let first = slots == 0 ? nil : try entry(index, slot: 0, entrySize: TimeIndexEntry.size, decode: decode)
        let last = slots == 0 ? nil : try entry(index, slot: slots - 1, entrySize: TimeIndexEntry.size, decode: decode)
        return IndexSanityCheck.timeIndex(length: index.size, baseOffset: baseOffset, first: first, last: last)
    }

    /// Checks an offset index against its log; `visit` sees each entry walked (to print it).
    package static func verifyOffsetIndex(
        _ index: StorageFile, log: StorageFile, baseOffset: Int64,
        visit: (OffsetIndexEntry) -> Void = { _ in }
    ) throws(StorageReadError) -> OffsetIndexVerification {
        var result = OffsetIndexVerification()
        result.slots = index.size / OffsetIndexEntry.size
        result.sanityProblems = try offsetIndexSanity(index, baseOffset: baseOffset)
        result.entries = try walk(index, entrySize: OffsetIndexEntry.size, decode: { OffsetIndexEntry.decode($0, slot: $1, baseOffset: baseOffset) }, offset: \.offset, baseOffset: baseOffset) { (entry) throws(StorageReadError) in
            var scanner = LogEntryScanner(log, from: Int(entry.position))
            let found = try scanner.nextHeader(count: LogEntry.headerBytesForOffsets)?.lastOffset ?? -1
            if found != entry.offset { result.mismatches.append(OffsetMismatch(indexOffset: entry.offset, logOffset: found)) }
            visit(entry)
        }
        return result
    }

    /// The position of the largest offset-index entry at or below `target` (0 when none), by
    /// binary search over the file, as Kafka's `OffsetIndex.lookup`.
    static func lookup(_ index: StorageFile?, target: Int64, baseOffset: Int64) throws(StorageReadError) -> Int {
        guard let index else { return 0 }
        var low = 0, high = index.size / OffsetIndexEntry.size - 1, found = 0
        while low <= high {
            let middle = (low + high) / 2
            guard let entry = try entry(index, slot: middle, entrySize: OffsetIndexEntry.size, decode: { OffsetIndexEntry.decode($0, slot: $1, baseOffset: baseOffset) }) else { break }
            if entry.offset <= target {
                found = Int(entry.position)
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return found
    }

    /// Checks a time index against its log (and the offset index Kafka uses to find batches).
    package static func verifyTimeIndex(
        _ timeIndex: StorageFile, offsetIndex: StorageFile?, log: StorageFile, baseOffset: Int64,
        decompressionLimit: Int = defaultDecompressionLimit,
        visit: (TimeIndexEntry) -> Void = { _ in }
    ) throws(StorageReadError) -> TimeIndexVerification {
        var result = TimeIndexVerification()
        result.slots = timeIndex.size / TimeIndexEntry.size
        result.sanityProblems = try timeIndexSanity(timeIndex, baseOffset: baseOffset)
        var decompressor = RecordBatchDecompressor(decompressionLimit: decompressionLimit)
        var previous: Int64 = -1
        result.entries = try walk(timeIndex, entrySize: TimeIndexEntry.size, decode: { TimeIndexEntry.decode($0, slot: $1, baseOffset: baseOffset) }, offset: \.offset, baseOffset: baseOffset) { (entry) throws(StorageReadError) in
            defer { visit(entry); previous = entry.timestamp }
            var scanner = LogEntryScanner(log, from: try lookup(offsetIndex, target: entry.offset, baseOffset: baseOffset))
            var batch: LogEntry?
            while let header = try scanner.nextHeader(count: LogEntry.headerBytesForOffsets) {
                if header.lastOffset >= entry.offset { batch = header; break }
            }
            guard let batch else {
                result.offsetsNotFound.append(OffsetMismatch(indexOffset: entry.offset, logOffset: -1))
                return
            }
            guard batch.lastOffset == entry.offset else {
                result.offsetsNotFound.append(OffsetMismatch(indexOffset: entry.offset, logOffset: batch.lastOffset))
                return
            }
            var whole = LogEntryScanner(log, from: batch.position)
            let maximum: Int64
            do {
                maximum = try whole.next()?.maxRecordTimestamp(decompressor: &decompressor) ?? -1
            } catch {
                throw StorageReadError(path: log.path, message: "batch at position \(batch.position): \(error)")
            }
            if maximum != entry.timestamp { result.timestampMismatches.append(TimestampPair(index: entry.timestamp, other: maximum)) }
            if previous >= entry.timestamp { result.outOfOrder.append(TimestampPair(index: entry.timestamp, other: previous)) }
        }
        return result
    }
}
