/// The exactly-once check: what the consumers read against what the delivery reports said was
/// delivered, record by record (bitmaps by producer and sequence number, compared 64 records
/// at a time). A record read by two consumers counts as read twice, like one read twice.
struct EndToEndReconciliation: Sendable, Hashable {
    /// Records of the run read, copies included.
    var consumed = 0
    /// Delivered records read exactly once.
    var exactlyOnce = 0
    /// Delivered records never read.
    var missing = 0
    /// Extra copies read.
    var duplicated = 0
    /// Records read that no delivery report said were delivered.
    var unreported = 0
    /// Delivered records of aborted transactions (not expected to be read).
    var abortedDelivered = 0
    /// Records of aborted transactions read.
    var abortedRead = 0

    /// The check of `consumed` against `delivered` (index = producer); the records in
    /// `aborted` (index = producer) belong to aborted transactions, so reading them is counted
    /// apart and not reading them is not missing them.
    init(delivered: [DeliveredLedger], consumed ledgers: [ConsumedLedger], aborted: [SequenceBitmap] = []) {
        for ledger in ledgers { consumed += ledger.unique + ledger.duplicated }
        duplicated = ledgers.reduce(0) { $0 + $1.duplicated }
        let producers = Swift.max(delivered.count, ledgers.map(\.sequences.count).max() ?? 0)
        for producer in 0..<producers {
            let deliveredSequences = producer < delivered.count ? delivered[producer].sequences : nil
            let words = ledgers.reduce(deliveredSequences?.wordCount ?? 0) { words, ledger in
                producer < ledger.sequences.count ? Swift.max(words, ledger.sequences[producer].wordCount) : words
            }
            for index in 0..<words {
                var seen: UInt64 = 0
                var repeated: UInt64 = 0
                for ledger in ledgers where producer < ledger.sequences.count {
                    let word = ledger.sequences[producer].word(index)
                    let both = seen & word
                    duplicated += both.nonzeroBitCount
                    repeated |= both | ledger.repeats[producer].word(index)
                    seen |= word
                }
                let wasDelivered = deliveredSequences?.word(index) ?? 0
                let wasAborted = producer < aborted.count ? aborted[producer].word(index) : 0
                let expected = wasDelivered & ~wasAborted
                exactlyOnce += (expected & seen & ~repeated).nonzeroBitCount
                missing += (expected & ~seen).nonzeroBitCount
                unreported += (seen & ~wasDelivered).nonzeroBitCount
                abortedDelivered += (wasDelivered & wasAborted).nonzeroBitCount
                abortedRead += (wasAborted & seen).nonzeroBitCount
            }
        }
    }

    /// How many of the `missing` records the cluster dropped before the consumers fetched them:
    /// per partition, the offsets the consumers found skipped (`skipped`) that lie below the
    /// partition's low watermark now (`lowWatermarks`), counted from where reading started
    /// (`startOffsets`). Skipped offsets above the low watermark (control records, another
    /// writer's aborted transactions) do not count.
    static func droppedByCluster(
        missing: Int, skipped: [Int32: Int64], startOffsets: [Int32: Int64], lowWatermarks: [Int32: Int64]
    ) -> Int {
        Swift.min(missing, Int(clamping: skippedBelowLowWatermark(skipped, startOffsets: startOffsets, lowWatermarks: lowWatermarks)))
    }

    /// Of the offsets the consumers found skipped (`skipped`, per partition), those below the
    /// partition's low watermark now, counted from where reading started.
    static func skippedBelowLowWatermark(_ skipped: [Int32: Int64], startOffsets: [Int32: Int64], lowWatermarks: [Int32: Int64]) -> Int64 {
        var below: Int64 = 0
        for (partition, count) in skipped {
            let belowLowWatermark = (lowWatermarks[partition] ?? 0) - (startOffsets[partition] ?? 0)
            below += Swift.min(count, Swift.max(0, belowLowWatermark))
        }
        return below
    }
}
