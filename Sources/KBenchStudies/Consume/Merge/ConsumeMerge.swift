/// `kbench merge` of consume runs: `kbench consume` run on several machines against one
/// topic, combined into one run.
///
/// - Records and bytes are summed; the parts are kept in order.
/// - The merged window runs from the earliest start to the latest end (UTC); rates as for
///   producer runs (``ConsumeRun/combinedRecordsPerSecond``, ``ConsumeRun/summedRecordsPerSecond``).
/// - Progress windows are put on one grid of the report interval from the earliest start, each
///   input's window added into the slot holding its middle.
/// - Runs whose settings differ (``ConsumeRunSettings/firstDifference(from:)``) are refused.
package enum ConsumeMerge {
    /// A consume run read from a file, named by it.
    package typealias Input = (name: String, run: ConsumeRun)

    /// The inputs combined (at least one).
    /// - Throws: ``ProduceMergeError`` naming the first input that differs from the first one
    ///   and the difference, or a run given twice.
    package static func merge(_ inputs: [Input]) throws(ProduceMergeError) -> ConsumeRun {
        var merged = try RunMerge.merge(inputs)
        merged.windows = gridWindows(inputs.map(\.run), start: merged.window.startMilliseconds,
                                     interval: merged.settings.recorded?.reportIntervalSeconds ?? 1)
        return merged
    }

    /// Every run's windows added on a grid of `interval` seconds from `start` (ms since the
    /// epoch), each into the slot holding its middle; slots without any window count 0.
    static func gridWindows(_ runs: [ConsumeRun], start: Int64, interval: Double) -> [ConsumeWindow] {
        let interval = interval > 0 ? interval : 1
        var slots: [ConsumeWindow] = []
        for run in runs {
            let offset = Double(run.window.startMilliseconds - start) / 1000
            for window in run.windows {
                let middle = offset + window.endSeconds - window.seconds / 2
                let slot = Swift.max(0, Int((middle / interval).rounded(.down)))
                while slots.count <= slot {
                    let index = Double(slots.count)
                    slots.append(ConsumeWindow(endSeconds: (index + 1) * interval, seconds: interval, records: 0, bytes: 0))
                }
                slots[slot].records += window.records
                slots[slot].bytes += window.bytes
            }
        }
        return slots
    }
}

extension ConsumeRunPart: MergeablePart {}

extension ConsumeRun: MergeableRun {
    /// The first differing setting.
    package func mergeDifference(from other: ConsumeRun) -> String? { settings.firstDifference(from: other.settings) }

    /// Records and bytes summed (the windows are put on one grid after the merge).
    package mutating func addCounts(of other: ConsumeRun) {
        records += other.records
        bytes += other.bytes
    }
}
