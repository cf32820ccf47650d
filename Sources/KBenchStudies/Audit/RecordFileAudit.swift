import KafkaPartitioning
import KBenchWorkloads

/// `kbench audit --records FILE`: the live audit's verdict for records exported without a
/// cluster — lines `key<TAB>partition` (kcat `-f '%k\t%p\n'`, a client's test output). The
/// records go through the same ``AuditAnalysis`` as a consumed topic, so verdicts, shares and
/// breaking keys are computed alike.
package enum RecordFileAudit {
    /// What to read and how.
    package struct Settings: Sendable {
        /// The file (`-` = standard input).
        package var path: String
        /// Keys are hex (`--hex`) instead of text.
        package var hexKeys: Bool
        /// The topic's partition count; nil infers it as the highest partition + 1 (needs a
        /// file that can be read twice).
        package var partitionCount: Int?
        /// Counterexamples kept per rule.
        package var examplesPerRule: Int

        /// Settings for `path`.
        package init(path: String, hexKeys: Bool = false, partitionCount: Int? = nil, examplesPerRule: Int = 3) {
            self.path = path
            self.hexKeys = hexKeys
            self.partitionCount = partitionCount
            self.examplesPerRule = examplesPerRule
        }
    }

    /// The audit and how the partition count was found.
    package struct Outcome: Sendable {
        /// The verdict and its evidence.
        package var result: AuditResult
        /// True when the partition count was inferred from the highest partition seen.
        package var inferredPartitionCount: Bool
    }

    /// Reads and analyses the file; the first malformed line is an ``AuditError/badRecord(file:line:reason:)``.
    package static func run(_ settings: Settings) throws(AuditError) -> Outcome {
        let name = InputPath.displayName(settings.path)
        var reader: KeyFileReader
        do { reader = try KeyFileReader(path: settings.path) } catch { throw .recordFile(error.description) }
        var partitionCount = settings.partitionCount
        let inferred = partitionCount == nil
        if partitionCount == nil {
            guard reader.isRewindable else {
                throw .recordFile("\(name): give --partitions N when reading standard input or a pipe (the count is inferred from a file read twice)")
            }
            var highest: Int32 = -1
            try forEachRecord(&reader, settings: settings, name: name, limit: nil) { _, partition in highest = max(highest, partition) }
            do { try reader.rewind() } catch { throw .recordFile(error.description) }
            partitionCount = Int(highest) + 1
        }
        let count = partitionCount ?? 0
        var analysis = AuditAnalysis(partitionCount: Int32(count), examplesPerRule: settings.examplesPerRule)
        var perPartition = [Int64](repeating: 0, count: count)
        try forEachRecord(&reader, settings: settings, name: name, limit: count) { key, partition in
            analysis.add(key: key, partition: partition)
            perPartition[Int(partition)] += 1
        }
        var watermarks: [Int32: (low: Int64, high: Int64)] = [:]
        for (partition, records) in perPartition.enumerated() { watermarks[Int32(partition)] = (0, records) }
        var sample = AuditSamplePlan(watermarks: watermarks, maxRecords: nil)
        for index in sample.partitions.indices { sample.partitions[index].recordsRead = Int(sample.partitions[index].available) }
        return Outcome(result: analysis.result(topic: name, sample: sample), inferredPartitionCount: inferred)
    }

    /// Calls `body` with each record's key and partition; `limit` bounds the partitions.
    private static func forEachRecord(
        _ reader: inout KeyFileReader, settings: Settings, name: String, limit: Int?,
        _ body: (UnsafeRawBufferPointer, Int32) -> Void
    ) throws(AuditError) {
        var line = KeyBuffer()
        var key: [UInt8] = []
        var number = 0
        while true {
            let more: Bool
            do { more = try reader.nextKey(into: &line) } catch { throw .recordFile(error.description) }
            guard more else { return }
            number += 1
            let failure: String? = line.withUnsafeBytes { bytes in
                let parsed = RecordLine.parse(bytes, hexKeys: settings.hexKeys, limit: limit, key: &key)
                switch parsed {
                case .failure(let reason): return reason.description
                case .success(let partition):
                    key.withUnsafeBytes { body($0, partition) }
                    return nil
                }
            }
            if let failure { throw .badRecord(file: name, line: number, reason: failure) }
        }
    }
}

/// One `key<TAB>partition` line: the key is everything before the last tab (text keys may
/// hold tabs), the partition a decimal after it.
enum RecordLine {
    /// What is wrong with a line.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The partition of `line`, its key bytes written to `key` (hex decoded with `hexKeys`);
    /// a partition must be below `limit` when one is given.
    static func parse(_ line: UnsafeRawBufferPointer, hexKeys: Bool, limit: Int?, key: inout [UInt8]) -> Result<Int32, Problem> {
        guard let tab = line.lastIndex(of: UInt8(ascii: "\t")) else {
            return .failure(Problem(description: "no tab between key and partition (expected key<TAB>partition)"))
        }
        let field = UnsafeRawBufferPointer(rebasing: line[(tab + 1)...])
        var partition: Int64 = 0
        guard !field.isEmpty else { return .failure(Problem(description: "the partition after the tab is missing")) }
        for byte in field {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), partition <= Int64(Int32.max) else {
                return .failure(Problem(description: "partition '\(displayKey(field))' is not a whole number from 0 to \(Int32.max)"))
            }
            partition = partition * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        guard partition <= Int64(Int32.max) else {
            return .failure(Problem(description: "partition '\(displayKey(field))' is not a whole number from 0 to \(Int32.max)"))
        }
        if let limit, partition >= Int64(limit) {
            return .failure(Problem(description: "partition \(partition) is not below the partition count \(limit)"))
        }
        let keyBytes = UnsafeRawBufferPointer(rebasing: line[..<tab])
        key.removeAll(keepingCapacity: true)
        guard hexKeys else {
            key.append(contentsOf: keyBytes)
            return .success(Int32(partition))
        }
        guard keyBytes.count % 2 == 0 else { return .failure(Problem(description: "hex key has an odd number of digits (\(keyBytes.count))")) }
        var index = 0
        while index < keyBytes.count {
            guard let high = hexValue(keyBytes[index]), let low = hexValue(keyBytes[index + 1]) else {
                return .failure(Problem(description: "hex key has a non-hex character at column \(index + 1)"))
            }
            key.append(high << 4 | low)
            index += 2
        }
        return .success(Int32(partition))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
