import Foundation
import KafkaLive
import KafkaLiveTestSupport
import KafkaRecords
import Synchronization
import Testing

@Suite("MockClusterWatch and MockClusterWatcher: auto-created topics and dropped offsets")
struct MockClusterWatchTests {
    @Test("new topics are reported once; a partition's drop at once, then at most once per interval, then on flush")
    func stateMachine() {
        let clock = ContinuousClock()
        let start = clock.now
        var watch = MockClusterWatch(createdTopics: ["orders"], interval: .seconds(2))
        let p0 = TopicPartition("orders", 0)
        #expect(watch.observe(topics: ["orders": 2], lowWatermarks: [p0: 0], at: start).isEmpty)
        #expect(watch.observe(topics: ["orders": 2, "auto": 4], lowWatermarks: [p0: 0], at: start + .milliseconds(250))
            == [.topicAutoCreated(topic: "auto", partitions: 4)])
        #expect(watch.observe(topics: ["orders": 2, "auto": 4], lowWatermarks: [p0: 100], at: start + .milliseconds(500))
            == [.offsetsDropped(p0, firstKept: 100)])
        // Within the interval: held back, the newest watermark kept.
        #expect(watch.observe(topics: ["orders": 2, "auto": 4], lowWatermarks: [p0: 150], at: start + .milliseconds(750)).isEmpty)
        #expect(watch.observe(topics: ["orders": 2, "auto": 4], lowWatermarks: [p0: 180], at: start + .seconds(1)).isEmpty)
        #expect(watch.observe(topics: ["orders": 2, "auto": 4], lowWatermarks: [p0: 180], at: start + .milliseconds(2_600))
            == [.offsetsDropped(p0, firstKept: 180)])
        // Unchanged: nothing; a flush reports what is pending at once.
        #expect(watch.observe(topics: ["orders": 2, "auto": 4], lowWatermarks: [p0: 180], at: start + .seconds(5)).isEmpty)
        #expect(watch.observe(topics: ["orders": 2, "auto": 4], lowWatermarks: [p0: 190], at: start + .milliseconds(5_100))
            == [.offsetsDropped(p0, firstKept: 190)])
        #expect(watch.observe(topics: ["orders": 2, "auto": 4], lowWatermarks: [p0: 195], at: start + .milliseconds(5_200)).isEmpty)
        #expect(watch.observe(topics: ["orders": 2, "auto": 4], lowWatermarks: [p0: 195], at: start + .milliseconds(5_300), flush: true)
            == [.offsetsDropped(p0, firstKept: 195)])
    }

    @Test("the watcher sees a client's auto-created topic and the offsets a full partition dropped")
    func watcherOnACluster() throws {
        let cluster = try MockCluster(brokers: 1)
        let kept = Live.topic("kept")
        try cluster.createTopic(kept, partitions: 1)
        let events = Mutex([MockClusterEvent]())
        let watcher = try MockClusterWatcher(cluster: cluster, createdTopics: [kept], pollInterval: .milliseconds(50)) { event in
            events.withLock { $0.append(event) }
        }
        defer { watcher.stop() }
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration)
        // 7 MiB into the created topic's one partition: more than the 5 MiB it keeps.
        let value = [UInt8](repeating: 0x41, count: 10_240)
        for _ in 0..<700 { try producer.produce(ProducerMessage(topic: kept, key: nil, value: value), blockWhenQueueFull: true) }
        let auto = Live.topic("auto")
        try producer.produce(ProducerMessage(topic: auto, key: nil, value: value), blockWhenQueueFull: true)
        try producer.flush(timeoutMilliseconds: Live.timeoutMilliseconds)
        let low = try #require(try producer.lowWatermarks(of: [kept: 1], timeoutMilliseconds: Live.timeoutMilliseconds)[TopicPartition(kept, 0)])
        #expect(low > 0, "the mock cluster dropped the oldest batches")
        let deadline = Date().addingTimeInterval(15)
        func seen() -> [MockClusterEvent] { events.withLock { $0 } }
        while Date() < deadline, !(seen().contains(.offsetsDropped(TopicPartition(kept, 0), firstKept: low))
                                   && seen().contains(.topicAutoCreated(topic: auto, partitions: MockCluster.autoCreatedPartitions))) {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(seen().contains(.offsetsDropped(TopicPartition(kept, 0), firstKept: low)), "\(seen())")
        #expect(seen().contains(.topicAutoCreated(topic: auto, partitions: MockCluster.autoCreatedPartitions)), "\(seen())")
        #expect(!seen().contains { if case .topicAutoCreated(kept, _) = $0 { true } else { false } }, "created topics are not reported")
    }
}
