/// What a watcher of a mock cluster reports: topics clients auto-created and data the
/// cluster dropped (it keeps only ``MockCluster/retainedBytesPerPartition`` per partition).
package enum MockClusterEvent: Sendable, Hashable {
    /// A client's request auto-created `topic` with `partitions` partitions.
    case topicAutoCreated(topic: String, partitions: Int)
    /// `partition` no longer holds offsets below `firstKept` (0 up to `firstKept - 1`).
    case offsetsDropped(TopicPartition, firstKept: Int64)
}

/// The state behind a mock-cluster watcher: fed each poll's topics and low watermarks, it
/// says what is new. A topic not known at the start (nor created by kbench) was auto-created
/// by a client; a partition's dropped offsets are reported the first time its low watermark
/// is above 0, then whenever it moved, at most once per `interval` per partition (a steady
/// producer moves it on every poll).
package struct MockClusterWatch: Sendable {
    private var knownTopics: Set<String>
    private var reportedLow: [TopicPartition: Int64] = [:]
    private var pendingLow: [TopicPartition: Int64] = [:]
    private var lastReport: [TopicPartition: ContinuousClock.Instant] = [:]
    private let interval: Duration

    /// A watch of a cluster whose topics are `createdTopics` so far (they are not reported).
    package init(createdTopics: Set<String>, interval: Duration = .seconds(2)) {
        knownTopics = createdTopics
        self.interval = interval
    }

    /// The events since the previous poll, given the cluster's topics (name → partitions)
    /// and low watermarks now. `flush` reports every pending drop regardless of `interval`.
    package mutating func observe(
        topics: [String: Int], lowWatermarks: [TopicPartition: Int64], at now: ContinuousClock.Instant, flush: Bool = false
    ) -> [MockClusterEvent] {
        var events: [MockClusterEvent] = []
        for (topic, partitions) in topics.sorted(by: { $0.key < $1.key }) where !knownTopics.contains(topic) {
            knownTopics.insert(topic)
            events.append(.topicAutoCreated(topic: topic, partitions: partitions))
        }
        for (partition, low) in lowWatermarks where low > (reportedLow[partition] ?? 0) {
            pendingLow[partition] = low
        }
        for (partition, low) in pendingLow.sorted(by: { $0.key < $1.key }) {
            if !flush, let last = lastReport[partition], last.duration(to: now) < interval { continue }
            events.append(.offsetsDropped(partition, firstKept: low))
            reportedLow[partition] = low
            lastReport[partition] = now
            pendingLow[partition] = nil
        }
        return events
    }
}
