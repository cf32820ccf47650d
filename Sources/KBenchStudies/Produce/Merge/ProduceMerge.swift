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
        try RunMerge.merge(inputs.map { ($0.name, $0.run) })
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

extension ProduceRunPart: MergeablePart {}

extension ProduceRun: MergeableRun {
    /// The first differing setting, else the first difference of the histograms' layouts.
    package func mergeDifference(from other: ProduceRun) -> String? {
        settings.firstDifference(from: other.settings) ?? ProduceMerge.layoutDifference(histograms, other.histograms)
    }

    /// Counts summed, histograms added.
    package mutating func addCounts(of other: ProduceRun) {
        counts = counts + other.counts
        histograms.add(other.histograms)
    }

    /// Every delivered message ÷ the merged window (``MergeableRun/combinedRecordsPerSecond``).
    package var combinedRecordsPerSecond: Double { Rate.perSecond(counts.delivered, over: window.seconds) }

    /// Delivered value MB (1024 × 1024 bytes) ÷ the merged window.
    package var combinedMegabytesPerSecond: Double { Rate.megabytesPerSecond(counts.deliveredBytes, over: window.seconds) }
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
