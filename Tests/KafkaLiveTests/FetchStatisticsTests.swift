import Testing
@testable import KafkaLive

@Suite("Fetch figures from a consumer's librdkafka statistics")
struct FetchStatisticsTests {
    static let emission = """
        {"ts": 1, "brokers": {
          "b1:9092/1": {"nodeid": 1, "rxbytes": 1000, "req": {"Fetch": 4, "Metadata": 1}},
          "b2:9092/2": {"nodeid": 2, "rxbytes": 600, "req": {"Fetch": 4}},
          "b1:9092/bootstrap": {"nodeid": -1, "rxbytes": 99, "req": {"Fetch": 0, "Metadata": 1}}},
         "topics": {"t": {"partitions": {"0": {"rxmsgs": 30, "rxbytes": 900}, "1": {"rxmsgs": 10, "rxbytes": 300}, "-1": {"rxmsgs": 0}}},
                    "other": {"partitions": {"0": {"rxmsgs": 5, "rxbytes": 5}}}}}
        """

    @Test("brokers with a node id summed (bootstrap left out), the topic's partitions only")
    func parsed() throws {
        let statistics = try #require(FetchStatistics(json: Self.emission, topic: "t"))
        #expect(statistics.fetchRequests == 8)
        #expect(statistics.receivedBytes == 1600)
        #expect(statistics.topicRecords == 40)
        #expect(statistics.topicRecordBytes == 1200)
        #expect(statistics.bytesPerFetch == 200)
        #expect(statistics.recordsPerFetch == 5)
        #expect((statistics + statistics).fetchRequests == 16)
    }

    @Test("not statistics: nil")
    func rejected() {
        #expect(FetchStatistics(json: "[1]", topic: "t") == nil)
    }
}
