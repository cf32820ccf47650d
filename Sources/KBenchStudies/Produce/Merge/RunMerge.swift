import KBenchReports

/// One machine's run within a merged run (``ProduceRunPart``, ``ConsumeRunPart``).
package protocol MergeablePart {
    /// The machine's host name.
    var host: String { get }
    /// Records per second over its own window.
    var recordsPerSecond: Double { get }
    /// The file `kbench merge` read it from (nil until merged).
    var source: String? { get set }
    /// Its UTC window.
    var window: WallClockWindow { get }
    /// Whether `other` is this run again.
    func isSameRun(as other: Self) -> Bool
}

/// A run `kbench merge` combines (``ProduceRun``, ``ConsumeRun``): parts, a window, settings
/// to compare and counts to add.
package protocol MergeableRun {
    associatedtype Part: MergeablePart
    /// One per machine's run.
    var parts: [Part] { get set }
    /// From the earliest start to the latest end of the parts.
    var window: WallClockWindow { get set }
    /// How `other` differs from this run so that they cannot be merged (this run's value
    /// first), nil when they can.
    func mergeDifference(from other: Self) -> String?
    /// Adds `other`'s counts (and histograms) to this run's.
    mutating func addCounts(of other: Self)
    /// Every record ÷ the merged window (earliest start → latest end): the rate over the whole
    /// time any machine was running; equal to the parts' rates summed when their windows
    /// coincide, lower when they are staggered.
    var combinedRecordsPerSecond: Double { get }
    /// MB (1024 × 1024 bytes) ÷ the merged window.
    var combinedMegabytesPerSecond: Double { get }
}

extension MergeableRun {
    /// The time every part was running (latest start → earliest end); nil when the windows
    /// do not all overlap.
    package var commonWindow: WallClockWindow? { WallClockWindow.common(parts.map(\.window)) }

    /// The parts' own rates (each its records ÷ its own window) summed: the load all machines
    /// put on the cluster together while they all ran. Only defined when every window overlaps
    /// the others (``commonWindow``); nil otherwise — runs one after another do not add up to
    /// a load the cluster ever saw.
    package var summedRecordsPerSecond: Double? {
        commonWindow == nil ? nil : parts.reduce(0) { $0 + $1.recordsPerSecond }
    }

    /// The merged window, the overlap and the rates as report facts.
    var windowFacts: [ReportFact] {
        [
            ReportFact("window (UTC)", .text(window.description)),
            ReportFact("window", .number(window.seconds), format: .duration),
            ReportFact("overlap (all runs)", commonWindow.map { .number($0.seconds) } ?? .missing, format: .duration),
            ReportFact("records/s", .number(combinedRecordsPerSecond), format: .decimal(places: 1)),
            ReportFact("summed records/s", summedRecordsPerSecond.map { .number($0) } ?? .missing, format: .decimal(places: 1)),
            ReportFact("MB/s (MiB)", .number(combinedMegabytesPerSecond), format: .decimal(places: 2)),
        ]
    }
}

/// The merge every kind of run shares: settings compared with the first input's, a run given
/// twice refused, parts named by their files, counts added, windows joined.
package enum RunMerge {
    /// The inputs combined (at least one).
    /// - Throws: ``ProduceMergeError`` naming the first input that differs from the first one
    ///   and the difference, or a run given twice.
    package static func merge<Run: MergeableRun>(_ inputs: [(name: String, run: Run)]) throws(ProduceMergeError) -> Run {
        guard let first = inputs.first else { throw ProduceMergeError(file: "", other: "", difference: "no runs to merge") }
        var merged = first.run
        merged.parts = parts(of: first.run, file: first.name)
        for input in inputs.dropFirst() {
            let run = input.run
            if let difference = run.mergeDifference(from: first.run) {
                throw ProduceMergeError(file: input.name, other: first.name, difference: difference)
            }
            if let twice = merged.parts.first(where: { part in run.parts.contains { $0.isSameRun(as: part) } }) {
                throw ProduceMergeError(file: input.name, other: twice.source ?? first.name,
                                        difference: "the same run (host \(twice.host), \(twice.window.description)) would be counted twice")
            }
            merged.parts += parts(of: run, file: input.name)
            merged.addCounts(of: run)
            merged.window = merged.window.union(run.window)
        }
        return merged
    }

    /// The parts of `run`, each naming `file` when it did not come from one already.
    private static func parts<Run: MergeableRun>(of run: Run, file: String) -> [Run.Part] {
        run.parts.map { part in
            var part = part
            if part.source == nil { part.source = file }
            return part
        }
    }
}
