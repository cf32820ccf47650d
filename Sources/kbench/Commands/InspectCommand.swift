import ArgumentParser

/// `kbench inspect`: look inside messages, batches and log segments.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Decode and explain Kafka messages, record batches, log segments and broker data directories.",
        subcommands: [
            InspectMessageCommand.self,
            InspectBatchCommand.self,
            InspectSegmentCommand.self,
            InspectDirCommand.self,
        ]
    )
}
