import KafkaPartitioning
import KBenchWorkloads

/// `kbench partitions --per-key`: one row per key — the key (text or hex), then its partition
/// under each chosen strategy and partition count — as CSV or JSON lines, streamed.
///
/// Keys go through the batch kernels in chunks of ``PartitionDistributionStudy/keysPerBatch``
/// (one partition pass per distinct key rule and count, shared by the strategies that follow
/// it); rows are formatted through a cursor into one reused byte buffer, sized per chunk for
/// its longest possible rows, and written per chunk. Memory is one chunk, whatever the number
/// of keys, and nothing is allocated per key.
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
    /// ``columns``' lanes and empty-key flags, for the row loop.
    let columnLanes: [Int]
    let columnEmptyLikeNull: [Bool]

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
        columnLanes = columns.map(\.lane)
        columnEmptyLikeNull = columns.map(\.emptyLikeNull)
    }

    /// The header line's cells (CSV), or the JSON member names after the key.
    package var columnNames: [String] { [hexKeys ? "key_hex" : "key"] + columns.map(\.name) }

    /// Streams every remaining key of `source` into `write` (called once per chunk with the
    /// chunk's bytes) and returns the number of rows.
    ///
    /// - Throws: ``PerKeyExportError`` for a key file that cannot be read, or a key that is not
    ///   printable UTF-8 text when keys are written as text; what `write` throws.
    package func run<Source: KeySource>(
        keys source: inout Source, write: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        if format == .csv {
            let header = Array((columnNames.joined(separator: ",") + "\n").utf8)
            try header.withUnsafeBytes { try write($0) }
        }
        var key = KeyBuffer()
        let batchSize = PartitionDistributionStudy.keysPerBatch
        var batch = KeyBatch(keyCapacity: batchSize, byteCapacity: batchSize * 32)
        var partitions = [Int32](repeating: 0, count: lanes.count * batchSize)
        var output: [UInt8] = []
        var rows = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            try appendRows(batch, partitions: &partitions, firstRow: rows + 1, output: &output, write: write)
            rows += batch.count
            batch.removeAll()
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
        return rows
    }

    /// The most bytes one row takes besides its key (which takes at most 2 × length + 2).
    private var rowOverhead: Int {
        let cells = format == .csv
            ? columns.count * 12
            : columns.reduce(0) { $0 + $1.name.utf8.count + 16 } + 16
        return cells + 4
    }

    /// Partitions every key of `batch` per lane (the batch kernels), formats its rows into
    /// `output` (grown only when a batch needs more room than any before) and writes them.
    private func appendRows(
        _ batch: KeyBatch, partitions: inout [Int32], firstRow: Int, output: inout [UInt8],
        write: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let count = batch.count
        let bound = 2 * batch.byteCount + count * (rowOverhead + 2)
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        try batch.withContiguousKeys { keys in
            try partitions.withUnsafeMutableBufferPointer { buffer in
                for (index, lane) in lanes.enumerated() {
                    let slice = UnsafeMutableBufferPointer(rebasing: buffer[(index * count)..<((index + 1) * count)])
                    // The slice holds `count` slots, so the call cannot fail.
                    try? BatchHasher.partition(lane.rule, keys: keys, partitionCount: lane.count, into: slice)
                }
                try output.withUnsafeMutableBufferPointer { out in
                    guard let base = out.baseAddress else { return }
                    var cursor = 0
                    for row in 0..<count {
                        let bytes = keys[row]
                        if !hexKeys, let problem = PerKeyText.problem(bytes) {
                            throw PerKeyExportError.keyNotText(row: firstRow + row, problem: problem)
                        }
                        appendRow(bytes, row: row, count: count, partitions: UnsafeBufferPointer(buffer), into: base, at: &cursor)
                    }
                    try write(UnsafeRawBufferPointer(start: base, count: cursor))
                }
            }
        }
    }

    private func appendRow(
        _ key: UnsafeRawBufferPointer, row: Int, count: Int, partitions: UnsafeBufferPointer<Int32>,
        into output: UnsafeMutablePointer<UInt8>, at cursor: inout Int
    ) {
        var text = PerKeyText.Cursor(base: output, position: cursor)
        switch format {
        case .csv:
            if hexKeys { text.appendHex(key) } else { text.appendCSVField(key) }
        case .jsonLines:
            text.append(hexKeys ? #"{"key_hex":""# : #"{"key":""#)
            if hexKeys { text.appendHex(key) } else { text.appendJSONString(key) }
            text.append(UInt8(ascii: "\""))
        }
        // Lanes and flags in plain arrays: no String (and no retain) touched per cell in CSV.
        for index in columnLanes.indices {
            let placed = !(key.isEmpty && columnEmptyLikeNull[index])
            let partition = partitions[columnLanes[index] * count + row]
            switch format {
            case .csv:
                text.append(UInt8(ascii: ","))
                if placed { text.appendDecimal(partition) }
            case .jsonLines:
                text.append(#",""#)
                text.append(columns[index].name)
                text.append(#"":"#)
                if placed { text.appendDecimal(partition) } else { text.append("null") }
            }
        }
        if format == .jsonLines { text.append(UInt8(ascii: "}")) }
        text.append(UInt8(ascii: "\n"))
        cursor = text.position
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
