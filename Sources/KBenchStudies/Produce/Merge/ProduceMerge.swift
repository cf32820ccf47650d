/// `kbench merge`: producer runs of the same command on several machines against one
/// cluster, combined into one run.
///
/// - Counts are summed; the parts (one per machine's run) are kept in order.
/// - Latency histograms are added bucket by bucket (HdrHistogram `add`): percentiles of the
///   merged run are read from the merged histogram, never averaged.
/// - The merged window runs from the earliest start to the latest end (UTC). Rates: see
///   ``ProduceRun/combinedRecordsPerSecond`` and ``ProduceRun/summedRecordsPerSecond``.
/// - Runs whose settings differ (``ProduceRunSettings/firstDifference(from:)``: topic,
///   partitions, partitioner, keys, values, limit, offered rate, producers, end-to-end,
///   backlog, librdkafka properties) or whose histograms have different layouts are refused.
package enum ProduceMerge {
    /// A run read from a file, named by it.
    package struct Input: Sendable, Hashable {
        /// The file (as given), for the parts' ``ProduceRunPart/source`` and for errors.
        package var name: String
        /// The run.
        package var run: ProduceRun

        /// An input from its parts.
        package init(name: String, run: ProduceRun) {
            self.name = name
            self.run = run
        }
    }

    /// The inputs combined (at least one).
    /// - Throws: ``ProduceMergeError`` naming the first input that differs from the first one
    ///   and the difference.
    package static func merge(_ inputs: [Input]) throws(ProduceMergeError) -> ProduceRun {
        guard let first = inputs.first else { throw ProduceMergeError(file: "", other: "", difference: "no runs to merge") }
        var merged = first.run
        merged.parts = parts(of: first)
        for input in inputs.dropFirst() {
            let run = input.run
            let difference = run.settings.firstDifference(from: first.run.settings)
                ?? layoutDifference(run.histograms, first.run.histograms)
            if let difference { throw ProduceMergeError(file: input.name, other: first.name, difference: difference) }
            if let twice = merged.parts.first(where: { part in run.parts.contains { $0.isSameRun(as: part) } }) {
                throw ProduceMergeError(file: input.name, other: twice.source ?? first.name,
                                        difference: "the same run (host \(twice.host), \(twice.window.description)) would be counted twice")
            }
            merged.parts += parts(of: input)
            merged.counts = merged.counts + run.counts
            merged.window = merged.window.union(run.window)
            merged.histograms.add(run.histograms)
        }
        return merged
    }

    /// The parts of `input`, each naming the file when it did not come from one already.
    private static func parts(of input: Input) -> [ProduceRunPart] {
        input.run.parts.map { part in
            var part = part
            if part.source == nil { part.source = input.name }
            return part
        }
    }

    /// How the histograms of two runs differ in presence or layout (lowest discernible value,
    /// highest trackable value, significant digits), nil when they can be added.
    static func layoutDifference(_ lhs: ProduceHistograms, _ rhs: ProduceHistograms) -> String? {
        let left = Dictionary(lhs.named.map { ($0.name, $0.histogram.histogram) }, uniquingKeysWith: { first, _ in first })
        let right = Dictionary(rhs.named.map { ($0.name, $0.histogram.histogram) }, uniquingKeysWith: { first, _ in first })
        for name in ["service", "response", "end-to-end"] {
            switch (left[name], right[name]) {
            case (nil, nil): continue
            case (nil, _?): return "\(name) histogram absent vs present"
            case (_?, nil): return "\(name) histogram present vs absent"
            case let (a?, b?):
                if a.lowestDiscernibleValue != b.lowestDiscernibleValue {
                    return "\(name) histogram lowest discernible value \(a.lowestDiscernibleValue) vs \(b.lowestDiscernibleValue)"
                }
                if a.highestTrackableValue != b.highestTrackableValue {
                    return "\(name) histogram highest trackable value \(a.highestTrackableValue) vs \(b.highestTrackableValue)"
                }
                if a.numberOfSignificantValueDigits != b.numberOfSignificantValueDigits {
                    return "\(name) histogram significant digits \(a.numberOfSignificantValueDigits.rawValue) vs \(b.numberOfSignificantValueDigits.rawValue)"
                }
            }
        }
        return nil
    }
}

extension ProduceRun {
    /// Every delivered message ÷ the merged window (earliest start → latest end): the rate
    /// the cluster took over the whole time any machine was running. Equal to the sum of the
    /// parts' rates when their windows coincide, lower when they are staggered.
    package var combinedRecordsPerSecond: Double { Rate.perSecond(counts.delivered, over: window.seconds) }

    /// Delivered value MB (1024 × 1024 bytes) ÷ the merged window.
    package var combinedMegabytesPerSecond: Double { Rate.megabytesPerSecond(counts.deliveredBytes, over: window.seconds) }

    /// The time every part was running (latest start → earliest end); nil when the windows
    /// do not all overlap.
    package var commonWindow: WallClockWindow? { WallClockWindow.common(parts.map(\.window)) }

    /// The parts' own rates (each delivered ÷ its own window) summed: the load all machines
    /// put on the cluster together while they all ran. Only defined when every window
    /// overlaps the others (``commonWindow``); nil otherwise — runs one after another do not
    /// add up to a load the cluster ever saw.
    package var summedRecordsPerSecond: Double? {
        commonWindow == nil ? nil : parts.reduce(0) { $0 + $1.recordsPerSecond }
    }
}

/// Why runs could not be merged, in one line: `cannot merge b.json with a.json:
/// compression.type lz4 vs zstd` (the value of the file named first).
package struct ProduceMergeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file refused.
    package var file: String
    /// The file it was compared with (the first one).
    package var other: String
    /// The first difference.
    package var difference: String

    /// An error from its parts.
    package init(file: String, other: String, difference: String) {
        self.file = file
        self.other = other
        self.difference = difference
    }

    /// One line.
    package var description: String {
        file.isEmpty ? difference : "cannot merge \(file) with \(other): \(difference)"
    }
}
