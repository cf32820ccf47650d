import KBenchTerminal
import KafkaLive
@testable import KBenchReports
@testable import KBenchStudies
import Testing

@Suite("BrokerNotice: kbench broker's banner and watcher lines, topic names escaped")
struct BrokerNoticeTests {
    @Test("the banner states the topics, the retention bound and the auto-created partition count")
    func banner() {
        let lines = BrokerNotice.banner(brokers: 1, bootstrap: "127.0.0.1:9", topics: [("orders", 12), ("t", 1)])
        #expect(lines.count == 2)
        #expect(lines[0] == "1 broker(s) at 127.0.0.1:9; topics orders:12, t:1; stop with Ctrl-C or SIGTERM")
        #expect(lines[1].hasPrefix("each partition keeps its newest 5 MiB of record batches"))
        #expect(lines[1].hasSuffix("topics clients auto-create get the mock cluster's fixed 4 partitions"))
        #expect(BrokerNotice.banner(brokers: 3, bootstrap: "b", topics: [])[0].contains("no topics created up front"))
    }

    @Test("watcher events: dropped offsets grouped, auto-created topics named")
    func events() {
        #expect(BrokerNotice.line(.offsetsDropped(TopicPartition("orders", 3), firstKept: 42_000))
            == "orders[3] dropped offsets 0…41,999 (the mock cluster keeps the newest 5 MiB of record batches per partition)")
        #expect(BrokerNotice.line(.topicAutoCreated(topic: "auto", partitions: 4)).hasPrefix("topic 'auto' auto-created by a client with 4 partitions"))
    }

    @Test("with kbench's relay (--auto-create-partitions): the banner and the watcher state the relay's count")
    func relay() {
        let lines = BrokerNotice.banner(brokers: 2, bootstrap: "127.0.0.1:7", topics: [], autoCreatePartitions: 12)
        #expect(lines[1].hasSuffix("topics clients auto-create get 12 partitions (through kbench's relay in front of the mock brokers)"))
        #expect(!lines[1].contains("fixed 4"))
        #expect(BrokerNotice.line(.topicAutoCreated(topic: "fresh", partitions: 12), autoCreatePartitions: 12)
            == "topic 'fresh' auto-created by a client with 12 partitions (--auto-create-partitions, through kbench's relay)")
    }

    @Test("a topic name from a client never reaches the terminal raw")
    func escaping() {
        let hostile = "evil\u{1B}[2J\n\u{7}x\\y\u{202E}"
        let line = BrokerNotice.line(.topicAutoCreated(topic: hostile, partitions: 4))
        #expect(line.hasPrefix(#"topic 'evil\x1b[2J\x0a\x07x\y\u202e' auto-created"#), "\(line)")
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(TerminalText.escaped("plain-topic.1 ẞ 東京") == "plain-topic.1 ẞ 東京")
        #expect(TerminalText.escaped("a\u{9B}b\u{7F}") == #"a\u009bb\x7f"#)
    }
}
