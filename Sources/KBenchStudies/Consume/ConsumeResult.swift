import Foundation
import KafkaLive

/// One progress window of a `kbench consume` run.
package struct ConsumeWindow: Sendable, Hashable, Codable {
    /// Seconds from the run's start to the window's end.
    package var endSeconds: Double
    /// The window's length in seconds.
    package var seconds: Double
    /// Records read in it.
    package var records: Int
    /// Key and value bytes read in it.
    package var bytes: Int

    /// Records per second over the window.
    package var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }
    /// MiB per second over the window (MB = 1024 × 1024, as the perf tools).
    package var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1_048_576 / seconds : 0 }
}

/// What a `kbench consume` run read and how fast.
package struct ConsumeResult: Sendable, Hashable, Codable {
    /// The topic read.
    package var topic: String
    /// Its partitions.
    package var partitionCount: Int
    /// Consumers that read (threads in this process).
    package var consumers: Int
    /// The group joined, nil without one.
    package var group: String?
    /// Records the run set out to read (the lag at start, or --messages when smaller).
    package var target: Int
    /// Records and key+value bytes read.
    package var records: Int
    package var bytes: Int
    /// Wall-clock start and end (the last record) of the read.
    package var startTime: Date
    package var endTime: Date
    /// Seconds from start to the last record (to the end of the wait when none came).
    package var elapsedSeconds: Double
    /// Seconds in which the group's consumers did not hold every partition between them: the
    /// first rebalance and any later one (kafka-consumer-perf-test's join time; 0 without a group).
    package var rebalanceSeconds: Double
    /// Seconds from start to the first record (nil when none was read).
    package var firstRecordSeconds: Double?
    /// Records behind the high watermarks when the run began and when it ended (over every partition).
    package var lagAtStart: Int64
    package var lagAtEnd: Int64
    /// Records the cluster no longer held when the run began (low watermarks above 0).
    package var belowLowWatermark: Int64
    /// Records read more than once: a rebalance handed a partition to another consumer, which
    /// read again from the group's last committed offset (nil in files written before it was counted).
    package var rereadRecords: Int?
    /// The fetch counters of every consumer, summed (nil when statistics were off).
    package var fetch: FetchStatistics?
    /// Progress windows.
    package var windows: [ConsumeWindow]
    /// Consumer errors (name, count), most frequent first.
    package var errors: [ConsumeErrorCount]
    /// True when the target was read; false when the run gave up waiting.
    package var complete: Bool
    /// A random identifier drawn when the run was made (nil in files written before it was):
    /// `kbench merge` refuses the same run given twice by it.
    package var runID: String?
    /// The settings `kbench merge` compares beyond the ones above (nil in files written before
    /// they were recorded).
    package var recorded: ConsumeRecordedSettings?

    /// Records per second over the whole read.
    package var recordsPerSecond: Double { elapsedSeconds > 0 ? Double(records) / elapsedSeconds : 0 }
    /// MiB per second over the whole read.
    package var megabytesPerSecond: Double { elapsedSeconds > 0 ? megabytes / elapsedSeconds : 0 }
    /// MiB read.
    package var megabytes: Double { Double(bytes) / 1_048_576 }
    /// Seconds spent fetching: the read without the rebalance (kafka-consumer-perf-test's fetch.time).
    package var fetchSeconds: Double { Swift.max(0, elapsedSeconds - rebalanceSeconds) }
}

/// How often a consumer error was seen.
package struct ConsumeErrorCount: Sendable, Hashable, Codable {
    /// librdkafka's error name.
    package var error: String
    /// Times seen.
    package var count: Int
}
