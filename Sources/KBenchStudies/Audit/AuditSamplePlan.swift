/// A run of consecutive offsets read from one partition: `[start, end)`.
package struct AuditOffsetWindow: Sendable, Hashable, Codable {
    /// The first offset read.
    package var start: Int64
    /// One past the last offset read.
    package var end: Int64

    /// A window from its bounds.
    package init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// Offsets in the window.
    package var count: Int64 { end - start }
}

/// What was (or is to be) read of one partition.
package struct AuditPartitionSample: Sendable, Hashable, Codable {
    /// The partition.
    package var partition: Int32
    /// Its first retained offset (low watermark) when the audit started.
    package var low: Int64
    /// The offset its next record will get (high watermark) when the audit started.
    package var high: Int64
    /// The offset windows read, ascending, not overlapping.
    package var windows: [AuditOffsetWindow]
    /// Records actually read from it (offsets without a record, e.g. transaction markers or
    /// compacted ones, are not counted).
    package var recordsRead: Int

    /// A partition's plan from its parts.
    package init(partition: Int32, low: Int64, high: Int64, windows: [AuditOffsetWindow], recordsRead: Int = 0) {
        self.partition = partition
        self.low = low
        self.high = high
        self.windows = windows
        self.recordsRead = recordsRead
    }

    /// Records the partition holds (`high − low`).
    package var available: Int64 { high - low }
    /// Offsets its windows cover.
    package var planned: Int64 { windows.reduce(0) { $0 + $1.count } }
}

/// What an audit reads: every partition whole, or, with a record limit, each partition's
/// share as windows spread evenly over its offsets (a topic written by one client first and
/// another later is seen whole, not only through its oldest records).
package struct AuditSamplePlan: Sendable, Hashable, Codable {
    /// The most windows one partition is read in.
    package static let maximumWindows = 16

    /// Every partition holding records, by partition number.
    package var partitions: [AuditPartitionSample]
    /// True when every record of every partition is planned (no limit, or a limit above the total).
    package var wholeTopic: Bool

    /// The plan for partitions with these watermarks, reading at most `maxRecords` (nil: all).
    package init(watermarks: [Int32: (low: Int64, high: Int64)], maxRecords: Int?) {
        let available = watermarks.compactMapValues { $0.high > $0.low ? $0.high - $0.low : nil }
        let quotas = Self.quotas(available: available, maxRecords: maxRecords)
        partitions = available.keys.sorted().map { partition in
            let (low, high) = watermarks[partition]!
            return AuditPartitionSample(
                partition: partition, low: low, high: high,
                windows: Self.windows(low: low, high: high, quota: quotas[partition] ?? 0))
        }
        wholeTopic = partitions.allSatisfy { $0.planned == $0.available }
    }

    /// Records the partitions hold.
    package var totalRecords: Int64 { partitions.reduce(0) { $0 + $1.available } }
    /// Records actually read.
    package var recordsRead: Int { partitions.reduce(0) { $0 + $1.recordsRead } }
    /// Partitions read at all.
    package var partitionsRead: Int { partitions.filter { !$0.windows.isEmpty }.count }
    /// Fewest and most windows a read partition was split into (nil when none was read).
    package var windowsPerPartition: ClosedRange<Int>? {
        let counts = partitions.map(\.windows.count).filter { $0 > 0 }
        guard let least = counts.min(), let most = counts.max() else { return nil }
        return least...most
    }

    /// `quota` offsets of `[low, high)` as up to ``maximumWindows`` windows spread evenly: the
    /// range is cut into k equal slices and window `i` (quota ÷ k offsets) sits in the middle
    /// of slice `i` (half a gap before the first window and after the last, a whole gap
    /// between two). Centred, not at each slice's start: a topic whose writer changed at some
    /// offset is then sampled without bias towards the older writer. The whole range is one window.
    package static func windows(low: Int64, high: Int64, quota: Int64) -> [AuditOffsetWindow] {
        let span = high - low
        let quota = Swift.min(Swift.max(0, quota), Swift.max(0, span))
        guard quota > 0 else { return [] }
        if quota == span { return [AuditOffsetWindow(start: low, end: high)] }
        let count = Swift.min(Int64(maximumWindows), quota)
        let gap = span - quota
        return (0..<count).map { index in
            let start = low + quota * index / count + gap * (2 * index + 1) / (2 * count)
            return AuditOffsetWindow(start: start, end: start + quota * (index + 1) / count - quota * index / count)
        }
    }

    /// Records to read per partition: everything, or `maxRecords` spread evenly (a partition
    /// with fewer records leaves its share to the others).
    package static func quotas(available: [Int32: Int64], maxRecords: Int?) -> [Int32: Int64] {
        guard let maxRecords else { return available }
        var quotas: [Int32: Int64] = [:]
        var left = Int64(Swift.max(0, maxRecords))
        var open = available.keys.sorted()
        while left > 0, !open.isEmpty {
            let share = Swift.max(1, left / Int64(open.count))
            var stillOpen: [Int32] = []
            for partition in open where left > 0 {
                let room = (available[partition] ?? 0) - (quotas[partition] ?? 0)
                let take = Swift.min(share, room, left)
                quotas[partition, default: 0] += take
                left -= take
                if take == room { continue }
                stillOpen.append(partition)
            }
            open = stillOpen
        }
        return quotas
    }
}
