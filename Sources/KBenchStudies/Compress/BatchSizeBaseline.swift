import KafkaRecords

/// The uncompressed batches of one batch size as one client fills them, shared by every setting
/// whose batches hold the same records: the plan (which records go in which batch), each
/// batch's size and its records block — the exact bytes the codecs compress — in memory owned
/// here (no per-pass allocation).
final class BatchSizeBaseline {
    let batchSize: Int
    let plan: [Range<Int>]
    /// Records blocks (each batch's bytes after the 61-byte header), back to back.
    let blocks: UnsafeMutableRawBufferPointer
    /// Where each block starts and ends in ``blocks``.
    let blockRanges: [Range<Int>]
    /// Sum of the uncompressed batch sizes.
    let uncompressedBytes: Int
    /// Key and value bytes in the batches.
    let payloadBytes: Int

    init(packed: PackedRecords, batchSize: Int, plan: [Range<Int>]) throws(CompressionStudyError) {
        self.batchSize = batchSize
        self.plan = plan
        var builder = RecordBatchBuilder(capacity: batchSize + 1024)
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        var total = 0, payload = 0
        for range in plan {
            builder.reset()
            do {
                try packed.append(range, to: &builder)
                try builder.finish()
            } catch {
                throw .encoding(setting: CompressionSetting(.none), batchSize: batchSize, error)
            }
            total += builder.sizeInBytes
            payload += packed.payloadBytes(range)
            let start = bytes.count
            builder.withUnsafeBytes { batch in bytes.append(contentsOf: batch[RecordBatchHeader.size...]) }
            ranges.append(start..<bytes.count)
        }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(bytes.count, 1), alignment: 64)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress, let destination = storage.baseAddress { destination.copyMemory(from: base, byteCount: source.count) }
        }
        blocks = storage
        blockRanges = ranges
        uncompressedBytes = total
        payloadBytes = payload
    }

    deinit {
        blocks.deallocate()
    }

    /// Records in the batches.
    var recordCount: Int { plan.reduce(0) { $0 + $1.count } }

    /// Sum of the records blocks.
    var recordsBytes: Int { blockRanges.reduce(0) { $0 + $1.count } }

    /// The largest records block.
    var largestBlock: Int { blockRanges.map(\.count).max() ?? 0 }

    /// Records block `index`.
    func block(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: blocks[blockRanges[index]])
    }
}
