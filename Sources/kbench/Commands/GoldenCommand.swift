import ArgumentParser
import Foundation
import KafkaPartitioning
import KBenchReports
import KBenchTerminal

/// `kbench golden`: writes or checks the published partitioning vectors.
struct GoldenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "golden",
        abstract: "Write or check the published partitioning vectors (results/golden/).",
        discussion: """
            Writes \(GoldenVectors.keysFileName) (\(GoldenVectors.rowCount) keys: hex, murmur2, crc32, fnv1a, \
            KafkaJS legacy murmur2, and every key rule's partition for \
            \(GoldenVectors.partitionCounts.map(String.init).joined(separator: ", ")) partitions) and \
            \(GoldenVectors.strategiesFileName) (each strategy's rule and its null/empty-key placement).
            The test suite recomputes both; a changed value fails it. Regenerate only for an \
            intended change, and say why in the commit.

            Examples:
              kbench golden                      # rewrite results/golden/*.csv
              kbench golden --check              # exit 1 naming the first differing row and column
              kbench golden --output /tmp/golden
            """
    )

    @Option(name: .long, help: ArgumentHelp("Directory of the two files.", valueName: "directory"))
    var output: String = "results/golden"

    @Flag(name: .long, help: "Compare with the files instead of writing them.")
    var check = false

    func run() throws {
        let directory = URL(fileURLWithPath: output, isDirectory: true)
        let files = [
            (GoldenVectors.keysFileName, GoldenVectors.keysCSV()),
            (GoldenVectors.strategiesFileName, GoldenVectors.strategiesCSV()),
        ]
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            if check {
                let data: Data
                do {
                    data = try Data(contentsOf: url)
                } catch {
                    guard FileManager.default.fileExists(atPath: url.path) else {
                        throw CLIFailure("\(url.path) not found; run `kbench golden` to write it")
                    }
                    throw CLIFailure("cannot read \(url.path): \(fileErrorReason(error))")
                }
                if let difference = GoldenVectors.firstDifference(expected: String(decoding: data, as: UTF8.self), actual: text) {
                    throw CLIFailure("\(url.path) differs at \(difference)")
                }
                print(TerminalText.escaped("\(url.path): identical"))
            } else {
                do {
                    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: url, options: .atomic)
                } catch {
                    throw CLIFailure("cannot write \(url.path): \(fileErrorReason(error))")
                }
                print(TerminalText.escaped("wrote \(url.path) (\(text.utf8.count) bytes)"))
            }
        }
    }
}
