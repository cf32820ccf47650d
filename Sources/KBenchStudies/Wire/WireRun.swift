import KafkaCompression
import KafkaLive
import KafkaRecords
import Synchronization

/// Records produced through librdkafka to a one-partition topic of an embedded mock cluster of
/// one broker (started for the run), in full batches, to read from librdkafka's statistics what
/// its batches put on the wire. The mock cluster has no disk and no network (127.0.0.1 in this
/// process) and keeps only the newest 5 MiB of a partition: the figures are librdkafka's batches
/// as sent, not what a Kafka broker stores.
///
/// Every batch but the last is full, whatever the timing: the broker is set down
/// while the records are queued (librdkafka builds no ProduceRequest for a broker that is not
/// up), then up again; librdkafka then drains the queue into as many batches as it takes, each
/// filled by its own rule, and the flush sends the last one without waiting for `linger.ms`.
/// Keys, values and timestamps are the records' own, so the batches are byte for byte the
/// ones a prediction builds from the same records.
package struct WireRun: Sendable {
    /// The librdkafka properties every run sets besides the codec and batch size: reconnect
    /// fast once the leader is back, no idempotence (the study's batches carry no producer id).
    package static let baseProperties: [String: String] = [
        "linger.ms": "1000",
        "reconnect.backoff.ms": "10",
        "reconnect.backoff.max.ms": "50",
        "enable.idempotence": "false",
        "log_level": "2",
    ]

    /// The codec and level (kbench's level scale, nil = the codec default).
    package var setting: CompressionSetting
    /// librdkafka's `batch.size`.
    package var batchSize: Int
    /// The topic produced to (created with one partition); its name's length is part of
    /// librdkafka's per-request overhead in its batch filling rule.
    package var topic: String
    /// Bound on every wait (metadata, delivery, the final statistics emission).
    package var timeoutMilliseconds: Int

    /// A run of `setting` at `batchSize` to `topic`.
    package init(setting: CompressionSetting, batchSize: Int, topic: String, timeoutMilliseconds: Int = 20_000) {
        self.setting = setting
        self.batchSize = batchSize
        self.topic = topic
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// The broker id of the one-broker cluster (partition 0's leader).
    static let broker: Int32 = 1

    /// The librdkafka configuration of the run against `cluster`.
    package func configuration(_ cluster: MockCluster) -> KafkaConfiguration {
        var configuration = cluster.clientConfiguration
        for (property, value) in Self.baseProperties { configuration[property] = value }
        configuration["batch.size"] = String(batchSize)
        // The default level is left unset, as a default configuration leaves it.
        let levels = setting.client.levels(setting.type)
        return configuration.compression(setting.type, level: setting.level == levels.defaultLevel ? nil : setting.level)
    }

    /// Produces `records[range]` (keys, values and timestamps as they are) to partition 0 of
    /// the run's topic on a new one-broker mock cluster and returns librdkafka's totals for it
    /// (from a run in which no record was sent twice, if one of ``attempts`` was).
    /// The records must fit librdkafka's queue at once (`queue.buffering.max.messages`, default
    /// 100,000; `queue.buffering.max.kbytes`, default 1 GiB): they are all queued before the
    /// first is sent.
    ///
    /// - Throws: ``KafkaLiveError`` when the cluster cannot be started or reached, or a message
    ///   is refused (`_QUEUE_FULL`: too many records) or not delivered in time.
    package func produce(_ records: StudyRecords, _ range: Range<Int>) throws(KafkaLiveError) -> WireTotals {
        // A batch sent twice (the first connection after the broker came back can drop a
        // request, which librdkafka retries) counts twice in the statistics: run again.
        var totals = WireTotals()
        for _ in 0..<Self.attempts {
            totals = try produceOnce(records, range)
            if totals.transmittedRecords == range.count { break }
        }
        return totals
    }

    /// Runs made at most until no record was sent twice.
    static let attempts = 3

    private func produceOnce(_ records: StudyRecords, _ range: Range<Int>) throws(KafkaLiveError) -> WireTotals {
        let cluster = try MockCluster(brokers: 1)
        defer { cluster.shutdown() }
        try cluster.createTopic(topic, partitions: 1)
        let statistics = WireStatistics(topic: topic, intervalMilliseconds: 50)
        let failures = DeliveryFailures()
        let producer = try KafkaProducer(
            configuration: configuration(cluster), partitioner: nil, wireStatistics: statistics,
            onDelivery: failures.record)
        // The partition's leader known first, so the records queue on it while it is down.
        _ = try producer.metadata(topic: topic, timeoutMilliseconds: timeoutMilliseconds)
        try cluster.setBrokerDown(Self.broker)
        for index in range {
            try producer.produce(
                ProducerMessage(topic: topic, partition: 0, key: records.keys[index], value: records.values[index],
                                timestamp: records.timestamps[index]),
                blockWhenQueueFull: false)
        }
        try cluster.setBrokerUp(Self.broker)
        try producer.flush(timeoutMilliseconds: timeoutMilliseconds)
        if let failure = failures.first { throw failure }
        return statistics.awaitFinalEmission(from: producer, timeoutMilliseconds: timeoutMilliseconds)
    }
}

/// The first delivery failure of a run (delivery reports arrive on the polling thread).
private final class DeliveryFailures: Sendable {
    private let failure = Mutex<KafkaLiveError?>(nil)

    func record(_ report: DeliveryReport) {
        guard let error = report.error else { return }
        failure.withLock { if $0 == nil { $0 = error } }
    }

    var first: KafkaLiveError? { failure.withLock { $0 } }
}
