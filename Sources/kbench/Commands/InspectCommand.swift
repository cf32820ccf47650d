import ArgumentParser

/// `kbench inspect`: look inside messages, batches and log segments.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Decode and explain Kafka messages, record batches and log segments.",
        subcommands: [
            InspectMessageCommand.self,
            InspectBatchCommand.self,
            InspectSegmentCommand.self,
            InspectDirCommand.self,
        ]
    )
}
