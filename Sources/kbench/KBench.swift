import ArgumentParser
import Foundation

/// The `kbench` root command: every subcommand is one type under `Commands/`.
struct KBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kbench",
        abstract: "Kafka producer toolkit: partitioners of every client, batches, codecs, benchmarks.",
        discussion: """
            Which partition will this key land on under every client? How evenly do my keys \
            spread? Which codec suits my payloads? What is inside this batch or segment?
            Run `kbench help <subcommand>` for each command's options and examples.
            """,
        version: KBenchVersion.current,
        subcommands: [
            CompressCommand.self,
            HashCommand.self,
            ReportCommand.self,
            InspectCommand.self,
            PartitionsCommand.self,
            GoldenCommand.self,
            BrokerCommand.self,
            ProduceCommand.self,
            ConsumeCommand.self,
            MergeCommand.self,
            AuditCommand.self,
            ChatCommand.self,
        ]
    )
}

/// kbench's version string, shown by `--version` and written into reports.
enum KBenchVersion {
    static let current = "0.1.0"
}

/// A runtime failure with a one-line message (exit status 1).
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Entry point: runs the command; any error becomes one line on stderr.
/// Exit status 2 for usage errors, 1 for failures, 0 for help and version.
@main
enum KBenchMain {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try KBench.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(reporting: error)
        }
    }

    /// Prints `error` as one line on stderr (help and version go to stdout) and exits. The
    /// line goes through ``ReportOutput/note(_:)``, so input it quotes (a bad key, a file
    /// name, a topic) is shown escaped (``TerminalText``).
    static func exit(reporting error: any Error) -> Never {
        let code = KBench.exitCode(for: error)
        if code == .success {
            KBench.exit(withError: error)  // --help, --version: ArgumentParser prints them.
        }
        let isUsage = code == .validationFailure || error is ValidationError
        let message: String
        if isUsage {
            let full = KBench.message(for: error)
            let firstLine = full.split(separator: "\n").first.map(String.init) ?? full
            message = firstLine.hasPrefix("Error: ") ? String(firstLine.dropFirst(7)) : firstLine
        } else {
            message = String(describing: error).replacingOccurrences(of: "\n", with: " ")
        }
        ReportOutput.note("kbench: \(message)\(isUsage ? " (see kbench --help)" : "")")
        Foundation.exit(isUsage ? 2 : 1)
    }
}
