import Histogram

/// Where a backlog run was when a ``BacklogLagSample`` was taken.
package enum BacklogPhase: String, Sendable, Hashable, Codable {
    /// Consumers paused, the backlog growing.
    case building
    /// Consumers resumed, reading the backlog while producing goes on.
    case draining
    /// Caught up (at most ``BacklogSettings/drainedLagRecords`` behind).
    case drained
}

/// The consumers' lag at one moment of a backlog run (one row of the lag-over-time table).
package struct BacklogLagSample: Sendable, Hashable, Codable {
    /// Seconds since the first send.
    package var seconds: Double
    /// The phase then.
    package var phase: BacklogPhase
    /// Records delivered so far.
    package var delivered: Int
    /// Records read so far (each once; offsets the cluster dropped count as read).
    package var consumed: Int
    /// Records delivered since the previous sample.
    package var deliveredInWindow: Int
    /// Records read since the previous sample.
    package var consumedInWindow: Int
    /// The window's length in seconds.
    package var windowSeconds: Double
    /// Records delivered but not read (never below 0).
    package var lagRecords: Int
    /// Value bytes delivered but not read (never below 0).
    package var lagBytes: Int
}

/// End-to-end latency percentiles and mean of part of a run's records (ms).
package struct BacklogLatency: Sendable, Hashable, Codable {
    /// The percentiles.
    package var percentiles: LatencyPercentiles
    /// The mean.
    package var averageMilliseconds: Double

    /// The figures of a histogram of µs and its mean.
    init(_ latencies: (histogram: Histogram<UInt64>, averageMilliseconds: Double)) {
        percentiles = LatencyPercentiles(latencies.histogram)
        averageMilliseconds = latencies.averageMilliseconds
    }
}

/// What `--backlog` measured (``EndToEndResult/backlog``): the backlog built while the
/// consumers were paused, then its drain while producing went on.
package struct BacklogResult: Sendable, Hashable, Codable {
    /// The backlog asked for (value bytes).
    package var requestedBytes: Int
    /// Records and value bytes delivered when the consumers were resumed (the backlog built).
    package var builtRecords: Int
    package var builtBytes: Int
    /// Seconds from the first send to the resume.
    package var buildSeconds: Double
    /// False when sending ended before the backlog reached ``requestedBytes`` (the consumers
    /// were resumed then).
    package var reached: Bool
    /// Seconds from the resume to the drain's end: caught up, or the end of reading when it
    /// never did.
    package var drainSeconds: Double
    /// Seconds from the resume to the first record read (nil: none was).
    package var firstRecordSeconds: Double?
    /// Whether the consumers caught up (``BacklogSettings/drainedLagRecords``).
    package var drained: Bool
    /// Whether they caught up before sending ended (the drain ran against the full producer load).
    package var drainedWhileProducing: Bool
    /// Records and value bytes read during the drain.
    package var drainConsumedRecords: Int
    package var drainConsumedBytes: Int
    /// Records and value bytes delivered during the drain.
    package var drainProducedRecords: Int
    package var drainProducedBytes: Int
    /// The lag threshold that counts as drained.
    package var drainedLagRecords: Int
    /// The lag per window (each progress interval) and at each phase change.
    package var samples: [BacklogLagSample]
    /// On the embedded cluster: what it keeps of the topic (bytes); nil elsewhere.
    package var embeddedRetainedBytes: Int?

    /// Records read per second while draining.
    package var consumerRecordsPerSecond: Double { Rate.perSecond(drainConsumedRecords, over: drainSeconds) }
    /// MB (1024 × 1024 value bytes) read per second while draining.
    package var consumerMegabytesPerSecond: Double { Rate.megabytesPerSecond(drainConsumedBytes, over: drainSeconds) }
    /// Records delivered per second while draining.
    package var producerRecordsPerSecond: Double { Rate.perSecond(drainProducedRecords, over: drainSeconds) }
    /// MB delivered per second while draining.
    package var producerMegabytesPerSecond: Double { Rate.megabytesPerSecond(drainProducedBytes, over: drainSeconds) }
    /// Records read per second from the first record read after the resume to the drain's end
    /// (the consumers' pace once fetching again).
    package var readingRecordsPerSecond: Double {
        Rate.perSecond(drainConsumedRecords, over: drainSeconds - (firstRecordSeconds ?? 0))
    }
    /// MB read per second over the same time.
    package var readingMegabytesPerSecond: Double {
        Rate.megabytesPerSecond(drainConsumedBytes, over: drainSeconds - (firstRecordSeconds ?? 0))
    }
    /// The rate the backlog shrank at: consumer − producer (records/s).
    package var netRecordsPerSecond: Double { consumerRecordsPerSecond - producerRecordsPerSecond }
    /// The rate the backlog shrank at: consumer − producer (MB/s).
    package var netMegabytesPerSecond: Double { consumerMegabytesPerSecond - producerMegabytesPerSecond }
}
