import KafkaLive
import KafkaPartitioning

/// Reads a topic (or windows spread over each partition) and infers which partitioner(s)
/// wrote it: for each key rule of the registry, the keyed records whose partition it
/// predicts; then ``AuditAttribution`` finds the rules that explain significantly more than
/// chance and estimates each one's share (one: a single partitioner; several: producers with
/// different partitioners wrote to the same topic). Never creates the topic.
package enum PartitionAudit {
    /// What to read and how.
    package struct Settings: Sendable {
        /// The topic.
        package var topic: String
        /// Read at most this many records, spread evenly over the partitions and over each
        /// partition's offsets (nil: all).
        package var maxRecords: Int?
        /// librdkafka properties (`bootstrap.servers`, security, …).
        package var configuration: KafkaConfiguration
        /// Bound on reaching the cluster and on each wait for records.
        package var timeout: Duration
        /// Counterexamples kept per rule.
        package var examplesPerRule: Int

        /// Settings for `topic`.
        package init(topic: String, maxRecords: Int? = nil, configuration: KafkaConfiguration, timeout: Duration = .seconds(10), examplesPerRule: Int = 3) {
            self.topic = topic
            self.maxRecords = maxRecords
            self.configuration = configuration
            self.timeout = timeout
            self.examplesPerRule = examplesPerRule
        }
    }

    /// How a rule is told from chance, for reports and help.
    package static let significanceRule = "a rule counts as found when, among the keyed records no rule found before explains (m), the k it explains are significantly more than chance: one-sided exact binomial test of k of m against 1/partitions, p < 1e-6 ÷ rules (Bonferroni); and it explains records no other found rule explains"

    /// How shares are estimated, for reports and help.
    package static let shareRule = "shares are maximum-likelihood estimates (EM): a record several found rules explain is ambiguous and split between them by their shares, since a rule matches a record it did not write with chance 1/partitions"

    /// Consumes and analyses the topic. A topic the cluster does not have is
    /// ``AuditError/topicNotFound(topic:servers:)``: it is looked up in a metadata request
    /// for all topics and the consumer has `allow.auto.create.topics=false`, so nothing is created.
    package static func run(_ settings: Settings) throws(AuditError) -> AuditResult {
        let timeout = milliseconds(settings.timeout)
        let configuration = settings.configuration.setting("allow.auto.create.topics", "false")
        let client: KafkaProducer
        let partitionCount: Int?
        do {
            client = try KafkaProducer(configuration: configuration)
            _ = try client.metadata(timeoutMilliseconds: timeout)  // reachable (retries until the timeout)
            partitionCount = try client.topics(timeoutMilliseconds: timeout)[settings.topic]
        } catch {
            throw .kafka(error)
        }
        guard let partitionCount else {
            let servers = configuration["bootstrap.servers"] ?? "the cluster"
            throw .topicNotFound(topic: settings.topic, servers: Array(servers.utf8).withUnsafeBytes { displayKey($0) })
        }
        do {
            var watermarks: [Int32: (low: Int64, high: Int64)] = [:]
            for partition in 0..<Int32(partitionCount) {
                watermarks[partition] = try client.watermarks(topic: settings.topic, partition: partition, timeoutMilliseconds: timeout)
            }
            var plan = AuditSamplePlan(watermarks: watermarks, maxRecords: settings.maxRecords)
            var analysis = AuditAnalysis(partitionCount: Int32(partitionCount), examplesPerRule: settings.examplesPerRule)
            try read(&plan, settings: settings, configuration: configuration, into: &analysis)
            return analysis.result(topic: settings.topic, sample: plan)
        } catch {
            throw .kafka(error)
        }
    }

    /// Reads the plan's windows in rounds: round i assigns every partition at the start of its
    /// window i and polls until each of those windows is read (a record at or past a window's
    /// end also closes it: offsets without records; so does the partition's end, for windows
    /// whose last offsets hold no record, e.g. transaction markers, or whose records retention
    /// removed meanwhile).
    private static func read(
        _ plan: inout AuditSamplePlan, settings: Settings, configuration: KafkaConfiguration, into analysis: inout AuditAnalysis
    ) throws(KafkaLiveError) {
        let rounds = plan.partitions.map(\.windows.count).max() ?? 0
        guard rounds > 0 else { return }
        var consumerConfiguration = configuration.setting("enable.partition.eof", "true")
        // Each round re-assigns the partitions; librdkafka's 500 ms default fetch wait made a
        // 16-round sample take seconds on the mock cluster (measured 2.6 s vs 0.2 s at 10 ms).
        if consumerConfiguration["fetch.wait.max.ms"] == nil { consumerConfiguration["fetch.wait.max.ms"] = "20" }
        let consumer = try KafkaConsumer(configuration: consumerConfiguration)
        defer { try? consumer.close() }
        let index = Dictionary(uniqueKeysWithValues: plan.partitions.enumerated().map { ($1.partition, $0) })
        let clock = ContinuousClock()
        for round in 0..<rounds {
            var open: [Int32: AuditOffsetWindow] = [:]
            for sample in plan.partitions where round < sample.windows.count { open[sample.partition] = sample.windows[round] }
            try consumer.assign(topic: settings.topic, startOffsets: open.mapValues(\.start))
            var lastProgress = clock.now
            while !open.isEmpty {
                let outcome = try consumer.poll(timeoutMilliseconds: 200) { message in
                    guard let window = open[message.partition], message.offset >= window.start else { return }
                    if message.offset < window.end {
                        analysis.add(key: message.key, partition: message.partition)
                        if let position = index[message.partition] { plan.partitions[position].recordsRead += 1 }
                    }
                    if message.offset + 1 >= window.end {
                        open[message.partition] = nil
                    } else {
                        open[message.partition] = AuditOffsetWindow(start: message.offset + 1, end: window.end)
                    }
                }
                if case .partitionEnd(let partition, let offset) = outcome, let window = open[partition], offset >= window.start {
                    open[partition] = nil
                    lastProgress = clock.now
                } else if outcome == .message {
                    lastProgress = clock.now
                } else if lastProgress.duration(to: clock.now) > settings.timeout {
                    throw .timedOut(operation: "reading \(settings.topic) (\(open.count) partitions unfinished)", milliseconds: milliseconds(settings.timeout))
                }
            }
        }
    }
}
