import ArgumentParser
import Foundation
import KafkaLive

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
            confluent-kafka, kafka-python. Topics not created up front are auto-created on \
            first use with the mock cluster's default partition count.

            Examples:
              kbench broker --topic orders:12 --topic chat.alice:1 --topic chat.bob:1
              addr=$(kbench broker --brokers 1 & ...)   # read the first line of its stdout
              kbench produce --bootstrap 127.0.0.1:PORT --topic orders --generate seq:order-:100000
            """
    )

    @Option(help: ArgumentHelp("Number of brokers.", valueName: "n"))
    var brokers = 3

    @Option(name: .customLong("topic"), help: ArgumentHelp("A topic to create, NAME:PARTITIONS (repeatable).", valueName: "name:partitions"))
    var topics: [String] = []

    @Option(name: .customLong("replication-factor"), help: ArgumentHelp("Replication factor of the created topics (at most --brokers).", valueName: "n"))
    var replicationFactor = 1

    func validate() throws {
        guard (1...32).contains(brokers) else { throw ValidationError("--brokers must be 1…32, got \(brokers)") }
        guard (1...brokers).contains(replicationFactor) else {
            throw ValidationError("--replication-factor must be 1…\(brokers), got \(replicationFactor)")
        }
        for topic in topics { _ = try Self.parseTopic(topic) }
    }

    /// `NAME:PARTITIONS` → its parts (usage error otherwise).
    static func parseTopic(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
              let partitions = Int(text[text.index(after: colon)...]), (1...100_000).contains(partitions)
        else {
            throw ValidationError("--topic expects NAME:PARTITIONS with 1…100000 partitions, got '\(text)'")
        }
        return (String(text[..<colon]), partitions)
    }

    func run() async throws {
        let cluster: MockCluster
        do {
            cluster = try MockCluster(brokers: brokers)
            for topic in topics {
                let (name, partitions) = try Self.parseTopic(topic)
                try cluster.createTopic(name, partitions: partitions, replicationFactor: replicationFactor)
            }
        } catch let error as KafkaLiveError {
            throw CLIFailure("cannot start the embedded cluster: \(error)")
        }
        writeLine(cluster.bootstrapServers)
        let created = topics.isEmpty ? "no topics created up front" : "topics \(topics.joined(separator: ", "))"
        FileHandle.standardError.write(Data("kbench broker: \(brokers) broker(s) at \(cluster.bootstrapServers); \(created); stop with Ctrl-C or SIGTERM\n".utf8))
        let signal = await TerminationSignal.wait()
        cluster.shutdown()
        FileHandle.standardError.write(Data("kbench broker: \(signal) received, cluster shut down\n".utf8))
    }
}
