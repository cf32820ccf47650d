import Foundation
import KafkaCompression
import KafkaRecords

/// One partition directory (`<topic>-<partition>`) inspected: its segments with their index
/// checks, producers and transactions, snapshots, checkpoints, gaps and faults.
package struct PartitionInspection: Sendable {
    /// The directory name (`orders-0`).
    package var name: String
    /// Segments in base-offset order.
    package var segments: [SegmentSummary] = []
    /// Producers seen in the segments, by id.
    package var producers: [ProducerActivity] = []
    /// The newest producer-state snapshot's offset and entries.
    package var snapshot: (offset: Int64, entries: [ProducerSnapshotEntry])?
    /// Producer-state snapshot files found.
    package var snapshotCount = 0
    /// Aborted transactions listed by the segments' `.txnindex` files.
    package var abortedTransactions: [AbortedTransaction] = []
    /// The leader epochs, when the checkpoint was readable.
    package var leaderEpochs: [LeaderEpochEntry] = []
    /// The topic id, when partition.metadata was readable.
    package var topicId: String?
    /// Offset gaps.
    package var gaps: [OffsetGap] = []
    /// Every fault found.
    package var faults: [StorageFault] = []
    /// Files whose name Kafka does not give to a partition's files.
    package var ignoredFiles: [String] = []
    /// For a `__consumer_offsets` partition: its consumer groups (nil for other partitions).
    package var consumerGroups: ConsumerGroupCollector?

    /// Largest size of the small files read whole (snapshots, checkpoints).
    static let smallFileLimit = 64 << 20

    /// Inspects the partition directory at `path`; `progress` receives bytes of `.log` read.
    package init(path: String, decodeRecords: Bool, decompressionLimit: Int = defaultDecompressionLimit, progress: (Int) -> Void = { _ in }) throws(StorageReadError) {
        name = URL(fileURLWithPath: path).lastPathComponent
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path).sorted() } catch {
            throw StorageReadError(path: path, message: "cannot list the directory")
        }
        var logs: [(Int64, String)] = []
        var snapshots: [(Int64, String)] = []
        for file in names {
            switch StorageFileKind(fileName: file) {
            case .log?: if let offset = StorageFileKind.offset(fromFileName: file) { logs.append((offset, file)) } else { ignoredFiles.append(file) }
            case .producerSnapshot?: if let offset = StorageFileKind.offset(fromFileName: file) { snapshots.append((offset, file)) }
            case .leaderEpochCheckpoint?:
                leaderEpochs = Self.readSmall(path, file, faults: &faults) { bytes throws(StorageFileError) in try LeaderEpochCheckpoint(decoding: bytes).entries } ?? []
            case .partitionMetadata?:
                topicId = Self.readSmall(path, file, faults: &faults) { bytes throws(StorageFileError) in try PartitionMetadata(decoding: bytes).topicId }
            case .transactionIndex?:
                abortedTransactions += Self.readSmall(path, file, faults: &faults) { bytes throws(StorageFileError) in try AbortedTransaction.entries(decoding: bytes) } ?? []
            case .offsetIndex?, .timeIndex?: break
            case nil: ignoredFiles.append(file)
            }
        }
        var scanner = SegmentScanner(decodeRecords: decodeRecords, decompressionLimit: decompressionLimit)
        if ConsumerGroupCollector.isOffsetsPartition(name) { scanner.consumerGroups = ConsumerGroupCollector() }
        for (baseOffset, file) in logs.sorted(by: { $0.0 < $1.0 }) {
            let log = try StorageFile(path: path + "/" + file)
            var summary = try scanner.scan(log, name: file, baseOffset: baseOffset, progress: progress)
            checkIndexes(of: log, directory: path, baseOffset: baseOffset, decompressionLimit: decompressionLimit, into: &summary)
            segments.append(summary)
        }
        producers = scanner.producers.values.sorted { $0.producerId < $1.producerId }
        consumerGroups = scanner.consumerGroups
        gaps = scanner.gaps
        faults = scanner.faults + faults
        snapshotCount = snapshots.count
        for (offset, file) in snapshots.sorted(by: { $0.0 < $1.0 }) {
            if let entries = Self.readSmall(path, file, faults: &faults, { bytes throws(StorageFileError) in try ProducerStateSnapshot(decoding: bytes).entries }) {
                snapshot = (offset, entries)
            }
        }
    }

    /// Reads a small file whole and decodes it, recording a fault instead of failing.
    private static func readSmall<Value>(_ directory: String, _ file: String, faults: inout [StorageFault], _ decode: ([UInt8]) throws(StorageFileError) -> Value) -> Value? {
        do {
            let bytes = try StorageFile(path: directory + "/" + file).readAll(limit: smallFileLimit)
            do throws(StorageFileError) { return try decode(bytes) } catch { faults.append(StorageFault(file: file, message: error.description)) }
        } catch {
            faults.append(StorageFault(file: file, message: error.message))
        }
        return nil
    }

    /// Runs kafka-dump-log's index checks on the segment's `.index` and `.timeindex`.
    private mutating func checkIndexes(of log: StorageFile, directory: String, baseOffset: Int64, decompressionLimit: Int, into summary: inout SegmentSummary) {
        let indexName = StorageFileKind.offsetIndex.fileName(offset: baseOffset)
        let timeName = StorageFileKind.timeIndex.fileName(offset: baseOffset)
        let index = try? StorageFile(path: directory + "/" + indexName)
        do {
            if let index {
                let result = try IndexVerifier.verifyOffsetIndex(index, log: log, baseOffset: baseOffset)
                summary.offsetIndex = result
                faults += result.sanityProblems.map { StorageFault(file: indexName, message: "sanity check: \($0)") }
                faults += result.mismatches.map { StorageFault(file: indexName, message: "index offset \($0.indexOffset), log offset \($0.logOffset)") }
            }
            if let time = try? StorageFile(path: directory + "/" + timeName) {
                let result = try IndexVerifier.verifyTimeIndex(time, offsetIndex: index, log: log, baseOffset: baseOffset, decompressionLimit: decompressionLimit)
                summary.timeIndex = result
                faults += result.sanityProblems.map { StorageFault(file: timeName, message: "sanity check: \($0)") }
                faults += result.timestampMismatches.map { StorageFault(file: timeName, message: "index timestamp \($0.index), log timestamp \($0.other)") }
                faults += result.outOfOrder.map { StorageFault(file: timeName, message: "index timestamp \($0.index) after \($0.other) (out of order)") }
                faults += result.offsetsNotFound.map { StorageFault(file: timeName, message: "indexed offset \($0.indexOffset) not found (log offset \($0.logOffset))") }
            }
        } catch {
            faults.append(StorageFault(file: indexName, message: error.message))
        }
    }
}

/// A `log.dirs` root (or one partition directory) inspected partition by partition.
package struct DirectoryInspection: Sendable {
    /// The path given.
    package var path: String
    /// Partitions in name order.
    package var partitions: [PartitionInspection]
    /// Whether records were decoded (`--check`).
    package var decodedRecords: Bool

    /// Every fault of every partition, with the partition name.
    package var faults: [(partition: String, fault: StorageFault)] {
        partitions.flatMap { partition in partition.faults.map { (partition.name, $0) } }
    }

    /// Inspects `path`: a partition directory when it holds `.log` files, else each
    /// subdirectory named `<topic>-<partition>`. `progress(done)` counts `.log` bytes read.
    package init(path: String, decodeRecords: Bool, decompressionLimit: Int = defaultDecompressionLimit, progress: (Int) -> Void = { _ in }) throws(StorageReadError) {
        self.path = path
        self.decodedRecords = decodeRecords
        var done = 0
        partitions = []
        for directory in try Self.partitionDirectories(path) {
            partitions.append(try PartitionInspection(path: directory, decodeRecords: decodeRecords, decompressionLimit: decompressionLimit) { bytes in
                done += bytes
                progress(done)
            })
        }
    }

    /// The partition directories under `path` (or `path` itself).
    /// The bytes of `.log` files `init` will read under `path` (for a progress total).
    package static func plannedBytes(_ path: String) throws(StorageReadError) -> Int {
        try partitionDirectories(path).reduce(0) { $0 + logBytes(in: $1) }
    }

    static func partitionDirectories(_ path: String) throws(StorageReadError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StorageReadError(path: path, message: "not a directory")
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path).sorted() } catch {
            throw StorageReadError(path: path, message: "cannot list the directory")
        }
        if names.contains(where: { StorageFileKind(fileName: $0) == .log }) { return [path] }
        let partitions = names.filter { name in
            guard let dash = name.lastIndex(of: "-"), !name[name.index(after: dash)...].isEmpty,
                  name[name.index(after: dash)...].allSatisfy(\.isASCIIDigit) else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        guard !partitions.isEmpty else {
            throw StorageReadError(path: path, message: "neither a partition directory (no .log file) nor a log.dirs root (no <topic>-<partition> directory)")
        }
        return partitions.map { path + "/" + $0 }
    }

    static func logBytes(in directory: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { StorageFileKind(fileName: $0) == .log }.reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? 0)
        }
    }
}

extension Character {
    /// `0`…`9` only.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
