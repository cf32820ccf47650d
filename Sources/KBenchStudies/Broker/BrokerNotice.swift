import KBenchReports
import KBenchTerminal
import KafkaLive

/// What `kbench broker` says on stderr: its banner, and what its watcher sees (topics clients
/// auto-created, offsets the mock cluster dropped). Topic names come from clients: they are
/// shown with control characters escaped.
package enum BrokerNotice {
    /// The banner lines: where the cluster is, its topics (`NAME:PARTITIONS`), and the mock
    /// cluster's bounds; `autoCreatePartitions` is set when kbench's relay gives topics clients
    /// auto-create that count (nil: the mock cluster's fixed one).
    package static func banner(
        brokers: Int, bootstrap: String, topics: [(name: String, partitions: Int)], autoCreatePartitions: Int? = nil
    ) -> [String] {
        let created = topics.isEmpty
            ? "no topics created up front"
            : "topics " + topics.map { "\(TerminalText.escaped($0.name)):\($0.partitions)" }.joined(separator: ", ")
        return [
            "\(brokers) broker(s) at \(bootstrap); \(created); stop with Ctrl-C or SIGTERM",
            "\(MockCluster.retentionDescription), and said here when they are; "
                + autoCreated(autoCreatePartitions),
        ]
    }

    /// What partition count topics clients auto-create get.
    private static func autoCreated(_ partitions: Int?) -> String {
        guard let partitions else {
            return "topics clients auto-create get the mock cluster's fixed \(MockCluster.autoCreatedPartitions) partitions"
        }
        return "topics clients auto-create get \(partitions) partitions (through kbench's relay in front of the mock brokers)"
    }

    /// One line for a watcher event; `autoCreatePartitions` as in ``banner(brokers:bootstrap:topics:autoCreatePartitions:)``.
    package static func line(_ event: MockClusterEvent, autoCreatePartitions: Int? = nil) -> String {
        switch event {
        case .topicAutoCreated(let topic, let partitions):
            "topic '\(TerminalText.escaped(topic))' auto-created by a client with \(partitions) partitions "
                + (autoCreatePartitions == nil
                    ? "(the mock cluster's fixed default; create topics up front with --topic NAME:PARTITIONS)"
                    : "(--auto-create-partitions, through kbench's relay)")
        case .offsetsDropped(let partition, let firstKept):
            "\(TerminalText.escaped(partition.topic))[\(partition.partition)] dropped offsets 0…\(NumberText.grouped(firstKept - 1)) "
                + "(the mock cluster keeps the newest \(MockCluster.retainedBytesPerPartition >> 20) MiB of record batches per partition)"
        }
    }
}
