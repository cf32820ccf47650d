import Foundation
import Testing
import TestSupport

/// Every command the README and the `--help` texts show runs as written, so none can drift.
///
/// Each runs in a scratch folder holding the files the examples name (`keys.txt`, `users.txt`,
/// `records.tsv`, `events.jsonl`, `records.bin`, `results/samples/…`, a segment under the path the segment
/// help shows); an example addressed to a cluster (`broker:9092`, `HOST:9092`,
/// `127.0.0.1:PORT`, `127.0.0.1:9092`, `ADDR`) gets a `kbench broker` whose `orders` topic holds 20,000 keyed records.
/// `kbench broker` examples are started, must print their address, and stop on SIGTERM with
/// exit 0; `kbench chat` examples run with an empty stdin (the end of input ends them).
///
/// Run against the release build by `./dev.sh test` (the studies the examples start take
/// minutes in a debug build); `swift test` runs it against whatever binary it finds.
@Suite("Documented examples: README and --help commands run as written")
struct DocumentedExamplesTests {
    @Test("every README and --help example runs and exits 0", arguments: try DocumentedExamples.all())
    func example(_ example: DocumentedExample) throws {
        let workspace = try ExampleWorkspace()
        var command = example.command
        var cluster: BackgroundKBench?
        if example.needsCluster {
            let broker = try workspace.startCluster()
            cluster = broker.process
            for placeholder in DocumentedExample.clusterPlaceholders {
                command = command.replacingOccurrences(of: placeholder, with: broker.address)
            }
        }
        defer {
            cluster?.signal(SIGTERM)
            _ = try? cluster?.waitForExit()
        }
        switch example.kind {
        case .server:
            let server = try BackgroundKBench(shell: command, in: workspace)
            let address = try server.firstLine(seconds: 60)
            #expect(address.wholeMatch(of: #/127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+)*/#) != nil, "\(example): first line '\(address)'")
            // Signalled as soon as the address is out: the broker catches SIGTERM before it starts.
            server.signal(SIGTERM)
            #expect(try server.waitForExit(seconds: 30) == 0, "\(example)")
        case .interactive, .batch:
            let result = try workspace.run(command)
            #expect(result.status == 0, "\(example) exited \(result.status); stderr: \(result.err.suffix(2000))")
            #expect(!result.timedOut, "\(example) did not finish")
        }
    }

    @Test("the catalogue finds the examples of every subcommand, README rows included")
    func catalogue() throws {
        let examples = try DocumentedExamples.all()
        let sources = Set(examples.map(\.source))
        for expected in ["README.md", "kbench help produce", "kbench help partitions", "kbench help inspect batch", "kbench help audit", "kbench help chat"] {
            #expect(sources.contains(expected), "no example found in \(expected)")
        }
        #expect(examples.filter { $0.source == "README.md" }.count >= 10)
        #expect(examples.allSatisfy { !$0.command.hasSuffix("\\") && !$0.command.contains("#") })
    }

    @Test("help blocks: continuation lines joined, sample output and comments dropped")
    func parsing() {
        let help = """
            OVERVIEW: x

            Examples:
              $ kbench inspect batch f.bin \\
                  --print-data-log
              Dumping f.bin
              kbench golden --check     # exit 1 on a difference
              cat k.txt | kbench partitions --keys - -n 3

            USAGE: kbench x
            """
        #expect(DocumentedExamples.help(help, source: "s").map(\.command) == [
            "kbench inspect batch f.bin --print-data-log", "kbench golden --check", "cat k.txt | kbench partitions --keys - -n 3",
        ])
    }
}

/// A scratch folder with the files the documented examples name and a `kbench` on PATH.
final class ExampleWorkspace {
    let folder: URL
    let binFolder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-examples-\(UUID().uuidString)")
        binFolder = folder.appendingPathComponent(".bin")
        let manager = FileManager.default
        try manager.createDirectory(at: binFolder, withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: binFolder.appendingPathComponent("kbench").path, withDestinationPath: try KBenchExecutable.path())
        // Read-only samples are linked; folders an example writes (results/golden) are copies.
        try manager.createDirectory(at: folder.appendingPathComponent("results"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(
            atPath: folder.appendingPathComponent("results/samples").path,
            withDestinationPath: Repository.file("results/samples").path)
        try manager.copyItem(at: Repository.file("results/golden"), to: folder.appendingPathComponent("results/golden"))
        let keys = (1...20_000).map { "user-\($0)" }.joined(separator: "\n") + "\n"
        try write(keys, to: "keys.txt")
        try write(keys, to: "users.txt")
        try write((1...2_000).map { "user-\($0)\t\($0 % 12)" }.joined(separator: "\n") + "\n", to: "records.tsv")
        try write((1...2_000).map { #"{"event":"click","user":"user-\#($0)","n":\#($0 % 97)}"# }.joined(separator: "\n") + "\n", to: "events.jsonl")
        var records = Data()
        for index in 0..<2_000 {
            let payload = Data("record \(index) of a length-delimited file".utf8)
            withUnsafeBytes(of: UInt32(payload.count).bigEndian) { records.append(contentsOf: $0) }
            records.append(payload)
        }
        try records.write(to: folder.appendingPathComponent("records.bin"))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    private func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// Paths the help shows that exist only on a broker machine, mapped to the samples.
    static let pathStandIns = ["/var/lib/kafka/orders-0/00000000000000000000.log": "results/samples/00000000000000000000.log"]

    /// The command with stand-ins for machine paths and scratch paths for `/tmp/…` outputs.
    func localized(_ command: String) -> String {
        var command = command
        for (path, standIn) in Self.pathStandIns { command = command.replacingOccurrences(of: path, with: standIn) }
        return command.replacingOccurrences(of: " /tmp/", with: " \(folder.path)/tmp/")
    }

    /// The environment of an example: PATH starting with the scratch `kbench`.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binFolder.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return environment
    }

    /// Runs `command` through bash (pipefail) in the folder, with a 10-minute watchdog.
    func run(_ command: String) throws -> ChildProcess.Result {
        try ChildProcess.run(
            "/bin/bash", ["-c", "set -o pipefail; cd '\(folder.path)' && mkdir -p tmp && \(localized(command))"],
            deadline: 600, environment: environment)
    }

    /// A `kbench broker` with an `orders` topic of 12 partitions holding 20,000 keyed records.
    func startCluster() throws -> (process: BackgroundKBench, address: String) {
        let broker = try BackgroundKBench(["broker", "--brokers", "1", "--topic", "orders:12"])
        let address = try broker.firstLine(seconds: 60)
        let fill = try run("kbench produce --bootstrap \(address) --topic orders --generate seq:order-:20000 --partitioner java")
        guard fill.status == 0 else { throw TestSetupFailure("filling orders failed (\(fill.status)): \(fill.err)") }
        return (broker, address)
    }
}

extension BackgroundKBench {
    /// Runs a documented shell command line in the workspace, in the background.
    convenience init(shell command: String, in workspace: ExampleWorkspace) throws {
        try self.init(
            executable: "/bin/bash", ["-c", "cd '\(workspace.folder.path)' && exec \(workspace.localized(command))"],
            environment: workspace.environment)
    }
}
