import KafkaLive
import KafkaLiveTestSupport
import KBenchStudies
import Testing

@Suite("ProduceBenchmark under the mock cluster's fault injection")
struct ProduceFaultTests {
    @Test("ProduceBenchmark reports failures by error name and never counts them as delivered")
    func benchmarkCountsFailures() throws {
        let cluster = try MockCluster(brokers: 1)
        let topic = Live.topic("benchfail")
        try cluster.createTopic(topic, partitions: 2)
        // The first two produce requests (whole batches) are refused for good.
        try cluster.pushRequestErrors(.produce, [.topicAuthorizationFailed, .topicAuthorizationFailed])
        let settings = ProduceSettings(
            topic: topic, limit: .messages(500), keys: .generated(.sequence(prefix: "k", count: 500), seed: 0),
            partitioner: .librdkafka("murmur2"),
            configuration: cluster.clientConfiguration.setting("log_level", "0").setting("linger.ms", "20"),
            mockCluster: cluster, connectTimeout: .seconds(10), flushTimeout: .seconds(15))
        let result = try ProduceBenchmark.run(settings)
        #expect(result.sent == 500)
        #expect(!result.allDelivered)
        #expect(result.failed > 0)
        #expect(result.delivered + result.failed == 500)
        #expect(result.failures.map(\.error) == ["TOPIC_AUTHORIZATION_FAILED"])
        #expect(result.deliveredPerPartition.reduce(0, +) == result.delivered)
        #expect(result.check.checked == result.delivered)
    }
}
