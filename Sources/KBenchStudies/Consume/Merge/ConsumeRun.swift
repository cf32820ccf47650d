import Foundation

/// What defines a consume run for `kbench merge`: runs whose settings differ are refused
/// (``firstDifference(from:)``).
package struct ConsumeRunSettings: Sendable, Hashable, Codable {
    /// The topic read.
    package var topic: String
    /// Its partitions.
    package var partitions: Int
    /// Consumers on one machine.
    package var consumers: Int
    /// The group joined, nil without one.
    package var group: String?
    /// The rest (nil for files written before it was recorded).
    package var recorded: ConsumeRecordedSettings?

    /// The settings of `result`.
    package init(_ result: ConsumeResult) {
        topic = result.topic
        partitions = result.partitionCount
        consumers = result.consumers
        group = result.group
        recorded = result.recorded
    }

    /// The settings compared when merging, labelled, in order (the host is not compared).
    private var compared: [(label: String, value: String)] {
        var fields: [(label: String, value: String)] = [
            ("topic", topic), ("partitions", String(partitions)), ("consumers", String(consumers)), ("group", group ?? "none"),
            ("messages", recorded.map { $0.messages.map(String.init) ?? "all" } ?? "unrecorded"),
            ("report interval", recorded.map { "\($0.reportIntervalSeconds) s" } ?? "unrecorded"),
        ]
        let properties = recorded?.properties ?? [:]
        for key in properties.keys.sorted() { fields.append((key, properties[key] ?? "")) }
        return fields
    }

    /// The first setting in which `other` differs from these, as `consumers 2 vs 3` (these
    /// settings' value first), nil when they agree.
    package func firstDifference(from other: ConsumeRunSettings) -> String? {
        let theirs = Dictionary(other.compared, uniquingKeysWith: { first, _ in first })
        for (label, value) in compared where theirs[label] != value {
            return "\(label) \(value) vs \(theirs[label] ?? "unset")"
        }
        let mine = Set(compared.map(\.label))
        for (label, value) in other.compared where !mine.contains(label) { return "\(label) unset vs \(value)" }
        return nil
    }
}

/// One machine's consume run within a (merged) run.
package struct ConsumeRunPart: Sendable, Hashable, Codable {
    /// The machine's host name (`unknown` when the file did not record it).
    package var host: String
    /// The file `kbench merge` read it from (nil until merged).
    package var source: String?
    /// From its start to its last record (UTC).
    package var window: WallClockWindow
    /// Records and key+value bytes it read.
    package var records: Int
    package var bytes: Int
    /// Whether it read its whole target.
    package var complete: Bool
    /// The run's random identifier (``ConsumeResult/runID``; nil in files written before it was recorded).
    package var runID: String?

    /// Records per second over its own window.
    package var recordsPerSecond: Double { Rate.perSecond(records, over: window.seconds) }
    /// MiB per second over its own window.
    package var megabytesPerSecond: Double { Rate.megabytesPerSecond(bytes, over: window.seconds) }

    /// Whether `other` is this run again: the same ``runID``; for parts without one, the same
    /// host, window and counts.
    package func isSameRun(as other: ConsumeRunPart) -> Bool {
        RunIdentity.same(runID, other.runID) {
            host == other.host && window == other.window && records == other.records && bytes == other.bytes
        }
    }
}

/// A consume run in the form `kbench merge` combines: built from the member `consume` of
/// `kbench consume --format json`, written as member `consumeRun` by `kbench merge --format
/// json` (so merged runs merge again).
package struct ConsumeRun: Sendable, Hashable, Codable {
    /// The JSON member of a merge report that holds a merged consume run.
    package static let jsonKey = "consumeRun"
    /// The JSON member of `kbench consume --format json` that holds its result.
    package static let resultKey = "consume"
    /// The layout version this kbench writes and reads.
    package static let currentVersion = 1

    /// Layout version of the record.
    package var version: Int
    /// What defines the run.
    package var settings: ConsumeRunSettings
    /// One per machine's run, in the order merged.
    package var parts: [ConsumeRunPart]
    /// Every part's records and bytes summed.
    package var records: Int
    package var bytes: Int
    /// From the earliest start to the latest end of the parts.
    package var window: WallClockWindow
    /// Progress windows on one grid from ``window``'s start (each part's windows added into
    /// the slot holding their middle); `endSeconds` counts from ``window``'s start.
    package var windows: [ConsumeWindow]

    /// The record of one machine's run.
    package init(_ result: ConsumeResult) {
        let window = WallClockWindow(start: result.startTime, seconds: result.elapsedSeconds)
        version = Self.currentVersion
        settings = ConsumeRunSettings(result)
        parts = [ConsumeRunPart(host: result.recorded?.host ?? "unknown", window: window, records: result.records,
                                bytes: result.bytes, complete: result.complete, runID: result.runID)]
        records = result.records
        bytes = result.bytes
        self.window = window
        windows = result.windows
    }

    /// Every record read ÷ the merged window (``MergeableRun/combinedRecordsPerSecond``).
    package var combinedRecordsPerSecond: Double { Rate.perSecond(records, over: window.seconds) }
    /// MiB read ÷ the merged window.
    package var combinedMegabytesPerSecond: Double { Rate.megabytesPerSecond(bytes, over: window.seconds) }
    /// The parts' own MiB/s added, when every window overlaps the others (else nil).
    package var summedMegabytesPerSecond: Double? {
        commonWindow == nil ? nil : parts.reduce(0) { $0 + $1.megabytesPerSecond }
    }
}
