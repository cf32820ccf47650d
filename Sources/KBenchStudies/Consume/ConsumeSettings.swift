import KafkaLive

/// What one `kbench consume` run reads and how.
package struct ConsumeSettings: Sendable {
    /// The topic read.
    package var topic: String
    /// Client configuration (`bootstrap.servers`, `-X` properties).
    package var configuration: KafkaConfiguration
    /// Consumers reading in this process, each on its own thread.
    package var consumers: Int
    /// The consumer group they join (subscribing), or nil: partitions dealt among them and
    /// assigned from the beginning, no group, nothing committed.
    package var group: String?
    /// Records to read at most (nil: everything the topic held when the run began).
    package var messages: Int?
    /// Bound on reaching the cluster and on each metadata or offset request.
    package var timeout: Duration
    /// The run gives up when no record arrived for this long.
    package var idleTimeout: Duration
    /// Progress windows' length.
    package var reportInterval: Duration
    /// librdkafka's `statistics.interval.ms` (0: no fetch figures).
    package var statisticsIntervalMilliseconds: Int

    /// Settings with kafka-consumer-perf-test-like defaults (10 s without a record ends the run).
    package init(
        topic: String, configuration: KafkaConfiguration, consumers: Int = 1, group: String? = nil, messages: Int? = nil,
        timeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(10), reportInterval: Duration = .seconds(1),
        statisticsIntervalMilliseconds: Int = 250
    ) {
        self.topic = topic
        self.configuration = configuration
        self.consumers = consumers
        self.group = group
        self.messages = messages
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.reportInterval = reportInterval
        self.statisticsIntervalMilliseconds = statisticsIntervalMilliseconds
    }
}
