import ArgumentParser

/// `kbench partitions`: where keys land under every client's partitioner.
struct PartitionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partitions",
        abstract: "Predict key→partition placement under every major Kafka client."
    )
}
