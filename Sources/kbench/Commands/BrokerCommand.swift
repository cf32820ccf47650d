import ArgumentParser
import Foundation
import KafkaLive
import KBenchReports
import KBenchStudies

/// `kbench broker`: an embedded Kafka cluster (librdkafka's mock cluster) for other processes.
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run an embedded Kafka cluster (librdkafka's mock cluster) until interrupted.",
        discussion: """
            Starts librdkafka's mock cluster: real Kafka protocol on 127.0.0.1 ports, no JVM, \
            no disk. Prints its bootstrap address as the only line on stdout (so scripts can \
            read it), then serves until SIGINT or SIGTERM and shuts down cleanly (exit 0). \
            Any Kafka client can use it: other kbench commands (--bootstrap), kcat, \
            confluent-kafka, kafka-python.

            Topics: create them up front with --topic NAME:PARTITIONS, or --topic NAME for \
            --partitions partitions (default 6). The mock cluster does not serve CreateTopics \
            (so `kbench produce --bootstrap … --partitions N` stops unless the topic has N \
            partitions), and a topic a client auto-creates gets its fixed \
            \(MockCluster.autoCreatedPartitions) partitions: kbench broker says so on stderr \
            when that happens. With --auto-create-partitions N, clients reach the mock \
            brokers through a relay of kbench's (the address printed is the relay's), which \
            creates every topic a client's metadata request names with N partitions first.

            Retention: \(MockCluster.retentionDescription). kbench broker says on stderr \
            which offsets of which partition are gone, when it happens (it reads every \
            partition's low watermark 4 times a second).

            Examples:
              kbench broker --topic orders:12 --topic chat.alice:1 --topic chat.bob:1
              kbench broker --brokers 1 --partitions 12 --topic orders --topic payments
              kbench broker --auto-create-partitions 12
            """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of brokers (1…32).", valueName: "n"))
    var brokers: CountArgument = 3

    @Option(name: .customLong("topic"), help: ArgumentHelp("A topic to create, NAME:PARTITIONS or NAME for --partitions partitions (repeatable).", valueName: "name[:partitions]"))
    var topics: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Partitions of each --topic given without :PARTITIONS (topics clients auto-create get the mock cluster's fixed \(MockCluster.autoCreatedPartitions), or --auto-create-partitions).", valueName: "n"))
    var partitions: CountArgument = 6

    @Option(name: .customLong("auto-create-partitions"), parsing: .unconditional, help: ArgumentHelp("Partitions of topics clients auto-create (1…100000), through a relay in front of the mock brokers (default: the mock cluster's fixed \(MockCluster.autoCreatedPartitions), no relay).", valueName: "n"))
    var autoCreatePartitions: CountArgument?

    @Option(name: .customLong("replication-factor"), parsing: .unconditional, help: ArgumentHelp("Replication factor of the created topics (at most --brokers).", valueName: "n"))
    var replicationFactor: CountArgument = 1

    func validate() throws {
        try brokers.check("--brokers", in: 1...32)
        try replicationFactor.check("--replication-factor", in: 1...brokers.value)
        try partitions.check("--partitions", in: 1...100_000)
        try autoCreatePartitions?.check("--auto-create-partitions", in: 1...100_000)
        for topic in topics { _ = try parseTopic(topic) }
    }

    /// `NAME:PARTITIONS` or `NAME` (with --partitions) → its parts (usage error otherwise).
    func parseTopic(_ text: String) throws -> (name: String, partitions: Int) {
        guard let colon = text.lastIndex(of: ":") else {
            guard !text.isEmpty else { throw ValidationError("--topic expects NAME or NAME:PARTITIONS, got an empty name") }
            return (text, partitions.value)
        }
        let name = String(text[..<colon])
        guard !name.isEmpty, let count = CountArgument(argument: String(text[text.index(after: colon)...])) else {
            throw ValidationError("--topic expects NAME or NAME:PARTITIONS with 1…100000 partitions, got '\(text)'")
        }
        try count.check("--topic \(name):PARTITIONS", in: 1...100_000)
        return (name, count.value)
    }

    func run() async throws {
        // Caught from here on: a SIGTERM that arrives while the cluster starts is kept, not fatal.
        let termination = TerminationSignal.listen()
        let cluster: MockCluster
        var created: [(name: String, partitions: Int)] = []
        do {
            cluster = try MockCluster(brokers: brokers.value)
            for topic in topics {
                let (name, partitions) = try parseTopic(topic)
                try cluster.createTopic(name, partitions: partitions, replicationFactor: replicationFactor.value)
                created.append((name, partitions))
            }
        } catch let error as KafkaLiveError {
            throw CLIFailure("cannot start the embedded cluster: \(error)")
        }
        let autoCreate = autoCreatePartitions?.value
        let relay: MetadataRelay?
        do {
            relay = try autoCreate.map { partitions throws(KafkaLiveError) in
                try cluster.startAutoCreateRelay(partitions: partitions, replicationFactor: replicationFactor.value)
            }
        } catch {
            cluster.shutdown()
            throw CLIFailure("cannot start the relay in front of the embedded cluster: \(error)")
        }
        let watcher: MockClusterWatcher
        do {
            watcher = try MockClusterWatcher(cluster: cluster, createdTopics: Set(created.map(\.name))) { event in
                ReportOutput.note("kbench broker: \(BrokerNotice.line(event, autoCreatePartitions: autoCreate))")
            }
        } catch {
            relay?.stop()
            cluster.shutdown()
            throw CLIFailure("cannot watch the embedded cluster: \(error)")
        }
        let bootstrap = relay?.bootstrapServers ?? cluster.bootstrapServers
        writeLine(bootstrap)
        for line in BrokerNotice.banner(brokers: brokers.value, bootstrap: bootstrap, topics: created, autoCreatePartitions: autoCreate) {
            ReportOutput.note("kbench broker: \(line)")
        }
        let signal = await termination.wait()
        watcher.stop()
        relay?.stop()
        cluster.shutdown()
        ReportOutput.note("kbench broker: \(signal) received, cluster shut down")
    }
}
