import KafkaPartitioning
import KBenchWorkloads

/// `kbench partitions --per-key`: one row per key — the key (text or hex), then its partition
/// under each chosen strategy and partition count — as CSV or JSON lines, streamed.
///
/// Keys go through the batch kernels in chunks of ``PartitionDistributionStudy/keysPerBatch``
/// (one partition pass per distinct key rule and count, shared by the strategies that follow
/// it); rows are formatted into one reused byte buffer and written per chunk. Memory is one
/// chunk, whatever the number of keys, and nothing is allocated per key.
package struct PerKeyExport {
    /// The row format.
    package enum Format: Sendable {
        /// Comma-separated, a header line first.
        case csv
        /// One JSON object per line.
        case jsonLines
    }

    /// One output column: a strategy over a partition count.
    struct Column {
        /// `java@12`.
        let name: String
        /// Index of its (rule, count) lane.
        let lane: Int
        /// True when an empty key is not placed by key (the cell is empty / null).
        let emptyLikeNull: Bool
    }

    let format: Format
    let hexKeys: Bool
    let lanes: [(rule: KeyHashing, count: PartitionCount)]
    let columns: [Column]

    /// An export of `strategies` (all key-hashing; see ``keyedStrategies(_:)``) over `partitionCounts`.
    package init(strategies: [PartitionStrategy], partitionCounts: [PartitionCount], format: Format, hexKeys: Bool) {
        var lanes: [(rule: KeyHashing, count: PartitionCount)] = []
        var columns: [Column] = []
        for strategy in strategies {
            guard let rule = strategy.keyRule else { continue }
            for count in partitionCounts {
                if !lanes.contains(where: { $0.rule == rule && $0.count == count }) { lanes.append((rule, count)) }
                let lane = lanes.firstIndex { $0.rule == rule && $0.count == count } ?? 0
                columns.append(Column(name: "\(strategy.name)@\(count)", lane: lane, emptyLikeNull: strategy.descriptor.emptyKey == .likeNullKey))
            }
        }
        self.format = format
        self.hexKeys = hexKeys
        self.lanes = lanes
        self.columns = columns
    }

    /// The header line's cells (CSV), or the JSON member names after the key.
    package var columnNames: [String] { [hexKeys ? "key_hex" : "key"] + columns.map(\.name) }

    /// Streams every remaining key of `source` into `write` (called once per chunk with the
    /// chunk's bytes) and returns the number of rows.
    ///
    /// - Throws: ``PerKeyExportError`` for a key file that cannot be read, or a key that is not
    ///   printable UTF-8 text when keys are written as text.
    package func run<Source: KeySource>(
        keys source: inout Source, write: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 20)
        if format == .csv { appendHeader(&output) }
        var key = KeyBuffer()
        let batchSize = PartitionDistributionStudy.keysPerBatch
        var batch = KeyBatch(keyCapacity: batchSize, byteCapacity: batchSize * 32)
        var partitions = [Int32](repeating: 0, count: lanes.count * batchSize)
        var rows = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            try appendRows(batch, partitions: &partitions, firstRow: rows + 1, into: &output)
            rows += batch.count
            batch.removeAll()
            try output.withUnsafeBytes { try write($0) }
            output.removeAll(keepingCapacity: true)
        }
        do {
            while try source.nextKey(into: &key) {
                key.withUnsafeBytes { batch.append(bytes: $0) }
                if batch.count == batchSize { try flush() }
            }
        } catch let error as KeyReadError {
            throw PerKeyExportError.keyFile(error.description)
        }
        try flush()
        if rows == 0, !output.isEmpty { try output.withUnsafeBytes { try write($0) } }
        return rows
    }

    private func appendHeader(_ output: inout [UInt8]) {
        for (index, name) in columnNames.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: name.utf8)
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// Partitions every key of `batch` per lane (the batch kernels), then formats its rows.
    private func appendRows(_ batch: KeyBatch, partitions: inout [Int32], firstRow: Int, into output: inout [UInt8]) throws {
        let count = batch.count
        try batch.withContiguousKeys { keys in
            try partitions.withUnsafeMutableBufferPointer { buffer in
                for (index, lane) in lanes.enumerated() {
                    let slice = UnsafeMutableBufferPointer(rebasing: buffer[(index * count)..<((index + 1) * count)])
                    // The slice holds `count` slots, so the call cannot fail.
                    try? BatchHasher.partition(lane.rule, keys: keys, partitionCount: lane.count, into: slice)
                }
                for row in 0..<count {
                    let bytes = keys[row]
                    if !hexKeys, let problem = PerKeyText.problem(bytes) {
                        throw PerKeyExportError.keyNotText(row: firstRow + row, problem: problem)
                    }
                    appendRow(bytes, row: row, count: count, partitions: UnsafeBufferPointer(buffer), into: &output)
                }
            }
        }
    }

    private func appendRow(
        _ key: UnsafeRawBufferPointer, row: Int, count: Int, partitions: UnsafeBufferPointer<Int32>, into output: inout [UInt8]
    ) {
        switch format {
        case .csv:
            if hexKeys { PerKeyText.appendHex(key, to: &output) } else { PerKeyText.appendCSVField(key, to: &output) }
        case .jsonLines:
            output.append(contentsOf: hexKeys ? #"{"key_hex":""#.utf8 : #"{"key":""#.utf8)
            if hexKeys { PerKeyText.appendHex(key, to: &output) } else { PerKeyText.appendJSONString(key, to: &output) }
            output.append(UInt8(ascii: "\""))
        }
        for column in columns {
            let placed = !(key.isEmpty && column.emptyLikeNull)
            switch format {
            case .csv:
                output.append(UInt8(ascii: ","))
                if placed { PerKeyText.appendDecimal(partitions[column.lane * count + row], to: &output) }
            case .jsonLines:
                output.append(contentsOf: #",""#.utf8)
                output.append(contentsOf: column.name.utf8)
                output.append(contentsOf: #"":"#.utf8)
                if placed { PerKeyText.appendDecimal(partitions[column.lane * count + row], to: &output) } else { output.append(contentsOf: "null".utf8) }
            }
        }
        if format == .jsonLines { output.append(UInt8(ascii: "}")) }
        output.append(UInt8(ascii: "\n"))
    }
}

/// Why a per-key export stopped: the key file, or a key that cannot be written as text.
package enum PerKeyExportError: Error, CustomStringConvertible {
    /// The key file could not be read (the reader's one-line message).
    case keyFile(String)
    /// Key `row` (1-based) is not printable UTF-8 text.
    case keyNotText(row: Int, problem: String)

    /// One line.
    package var description: String {
        switch self {
        case .keyFile(let message): return message
        case .keyNotText(let row, let problem): return "key \(row) \(problem): write keys as hex with --per-key-hex"
        }
    }
}
