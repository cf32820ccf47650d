import KafkaLive
import Testing
import TestSupport

@Suite("kbench --version and what dev.sh package generates from the command definitions")
struct VersionAndCompletionTests {
    /// Every subcommand, as the completion scripts and the manual must name them.
    static let subcommands = [
        "compress", "hash", "report", "inspect", "partitions", "golden", "broker", "produce", "consume", "merge",
        "audit", "chat",
    ]

    @Test("--version: the version, the commit built from (or unknown) and the librdkafka loaded")
    func version() throws {
        let result = try KBenchExecutable.run(["--version"])
        #expect(result.status == 0)
        #expect(result.err.isEmpty)
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count == 4, "three lines and the final newline: \(lines)")
        #expect(lines[0].wholeMatch(of: /kbench [0-9]+\.[0-9]+\.[0-9]+/) != nil, "\(lines[0])")
        #expect(lines[1].wholeMatch(of: /commit ([0-9a-f]{40}(-dirty)?|unknown)/) != nil, "\(lines[1])")
        #expect(lines[2] == "librdkafka \(LibrdkafkaVersion.current)")
        #expect(lines[3].isEmpty)
    }

    @Test("completion scripts for bash, zsh and fish name every subcommand", arguments: ["bash", "zsh", "fish"])
    func completionScript(shell: String) throws {
        let result = try KBenchExecutable.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for subcommand in Self.subcommands {
            #expect(result.out.contains(subcommand), "\(shell) completion lacks \(subcommand)")
        }
    }

    @Test("the help dump generate-manual reads describes kbench and every subcommand")
    func manualHelpDump() throws {
        let result = try KBenchExecutable.run(["--experimental-dump-help"])
        #expect(result.status == 0)
        #expect(result.out.contains("\"serializationVersion\""))
        for subcommand in Self.subcommands {
            #expect(result.out.contains("\"commandName\" : \"\(subcommand)\""), "dump lacks \(subcommand)")
        }
    }
}
