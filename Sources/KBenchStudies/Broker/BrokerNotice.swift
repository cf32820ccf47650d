import KBenchReports
import KBenchTerminal
import KafkaLive

/// What `kbench broker` says on stderr: its banner, and what its watcher sees (topics clients
/// auto-created, offsets the mock cluster dropped). Topic names come from clients: they are
/// shown with control characters escaped.
public enum BrokerNotice {
    /// The banner lines: where the cluster is, its topics (`NAME:PARTITIONS`), and the mock
    /// cluster's bounds.
    public static func banner(brokers: Int, bootstrap: String, topics: [(name: String, partitions: Int)]) -> [String] {
        let created = topics.isEmpty
            ? "no topics created up front"
            : "topics " + topics.map { "\(TerminalText.escaped($0.name)):\($0.partitions)" }.joined(separator: ", ")
        return [
            "\(brokers) broker(s) at \(bootstrap); \(created); stop with Ctrl-C or SIGTERM",
            "\(MockCluster.retentionDescription), and said here when they are; "
                + "topics clients auto-create get the mock cluster's fixed \(MockCluster.autoCreatedPartitions) partitions",
        ]
    }

    /// One line for a watcher event.
    public static func line(_ event: MockClusterEvent) -> String {
        switch event {
        case .topicAutoCreated(let topic, let partitions):
            "topic '\(TerminalText.escaped(topic))' auto-created by a client with \(partitions) partitions "
                + "(the mock cluster's fixed default; create topics up front with --topic NAME:PARTITIONS)"
        case .offsetsDropped(let partition, let firstKept):
            "\(TerminalText.escaped(partition.topic))[\(partition.partition)] dropped offsets 0…\(NumberText.grouped(firstKept - 1)) "
                + "(the mock cluster keeps the newest \(MockCluster.retainedBytesPerPartition >> 20) MiB of record batches per partition)"
        }
    }
}
