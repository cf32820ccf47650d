import Foundation
import TestSupport

/// One command a user is shown: a row of the README's command table or a line of a
/// subcommand's `--help` examples, exactly as printed (continuation lines joined).
struct DocumentedExample: Sendable, CustomStringConvertible {
    /// Where it is shown: `README.md` or `kbench help produce`.
    var source: String
    /// The shell command line, with its trailing `# comment` removed.
    var command: String

    var description: String { "\(source): \(command)" }

    /// What kind of process the example starts, which decides how it is run.
    enum Kind {
        /// Serves until interrupted (`kbench broker`): started, its address awaited, then SIGTERM.
        case server
        /// Reads standard input until its end (`kbench chat`): run with an empty stdin.
        case interactive
        /// Runs to completion.
        case batch
    }

    /// How the example is run.
    var kind: Kind {
        if command.hasPrefix("kbench broker") { return .server }
        if command.hasPrefix("kbench chat") { return .interactive }
        return .batch
    }

    /// The placeholders of a cluster address the documentation uses.
    static let clusterPlaceholders = ["broker:9092", "HOST:9092", "127.0.0.1:PORT", "127.0.0.1:9092", "ADDR"]

    /// Whether it talks to a cluster given by a placeholder address.
    var needsCluster: Bool { Self.clusterPlaceholders.contains { command.contains($0) } }
}

/// Reads the examples out of the README and out of every subcommand's help, as printed.
enum DocumentedExamples {
    /// Every example: README first, then each subcommand's help.
    static func all() throws -> [DocumentedExample] {
        var examples = readme(try String(contentsOf: Repository.file("README.md"), encoding: .utf8))
        for command in try subcommands() {
            let help = try KBenchExecutable.runWide(["help"] + command.split(separator: " ").map(String.init))
            examples += self.help(help, source: "kbench help \(command)")
        }
        return examples
    }

    /// The `kbench …` commands of the README: backticked first cells of table rows, and lines of
    /// fenced code blocks that start with `kbench`.
    static func readme(_ text: String) -> [DocumentedExample] {
        var examples: [DocumentedExample] = []
        var inCode = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") { inCode.toggle(); continue }
            if inCode {
                if line.hasPrefix("kbench ") { examples.append(DocumentedExample(source: "README.md", command: stripComment(line))) }
            } else if line.hasPrefix("| `kbench ") {
                let cell = line.dropFirst(3).prefix { $0 != "`" }
                examples.append(DocumentedExample(source: "README.md", command: String(cell)))
            }
        }
        return examples
    }

    /// The commands of a help text's `Example:`/`Examples:` block (or `Examples (…):`): lines starting with `kbench`
    /// (or `$ kbench`), or a shell line running it (`cat f | kbench …`, `addr=$(kbench …)`),
    /// continuation lines (`\`) joined; other lines (sample output) skipped.
    static func help(_ text: String, source: String) -> [DocumentedExample] {
        var examples: [DocumentedExample] = []
        var inBlock = false
        var pending: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if (line.hasPrefix("Examples") || line.hasPrefix("Example")) && line.hasSuffix(":") { inBlock = true; continue }
            guard inBlock else { continue }
            if line.hasPrefix("USAGE:") || line.hasSuffix("OPTIONS:") { break }
            if var command = pending {
                command += " " + line
                if command.hasSuffix("\\") {
                    pending = String(command.dropLast()).trimmingCharacters(in: .whitespaces)
                } else {
                    pending = nil
                    examples.append(DocumentedExample(source: source, command: stripComment(command)))
                }
                continue
            }
            var candidate = line
            if candidate.hasPrefix("$ ") { candidate.removeFirst(2) }
            guard candidate.hasPrefix("kbench ") || candidate == "kbench" || candidate.contains("| kbench ")
                    || candidate.contains("$(kbench ") else { continue }
            if candidate.hasSuffix("\\") {
                pending = String(candidate.dropLast()).trimmingCharacters(in: .whitespaces)
            } else {
                examples.append(DocumentedExample(source: source, command: stripComment(candidate)))
            }
        }
        return examples
    }

    /// The line without a trailing `# comment` (a `#` after whitespace, outside quotes).
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#", previous == " " {
                return line[..<index].trimmingCharacters(in: .whitespaces)
            }
            previous = character
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// The subcommand paths `kbench help` knows (`produce`, `inspect batch`, …), from the
    /// SUBCOMMANDS sections of the help texts.
    static func subcommands(of parent: [String] = []) throws -> [String] {
        let text = try KBenchExecutable.runWide(["help"] + parent)
        var names: [String] = []
        var inSection = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if rawLine.hasPrefix("SUBCOMMANDS:") { inSection = true; continue }
            guard inSection else { continue }
            if rawLine.isEmpty { break }
            // "  name    abstract" lines; wrapped abstracts are indented further.
            guard rawLine.hasPrefix("  "), !rawLine.hasPrefix("   ") else { continue }
            let name = rawLine.split(separator: " ").first.map(String.init) ?? ""
            guard !name.isEmpty, name != "help" else { continue }
            names.append(name)
        }
        var paths: [String] = []
        for name in names {
            let path = parent + [name]
            let children = try subcommands(of: path)
            paths += children.isEmpty ? [path.joined(separator: " ")] : children
        }
        return paths
    }
}

extension KBenchExecutable {
    /// The stdout of `kbench arguments` with a wide terminal, so help text is not wrapped.
    static func runWide(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "1000"
        let result = try ProcessRunner.run(executable: try path(), arguments: arguments, environment: environment)
        guard result.status == 0 else {
            throw TestSetupFailure("kbench \(arguments.joined(separator: " ")) exited \(result.status): \(result.err)")
        }
        return result.out
    }
}
