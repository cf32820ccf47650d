import Testing
import TestSupport

@Suite("kbench exit codes and error lines")
struct ExitCodeTests {
    @Test("an unknown subcommand is a usage error: one line on stderr, exit 2")
    func unknownSubcommand() throws {
        let result = try KBenchExecutable.run(["no-such-command"])
        #expect(result.status == 2)
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.hasPrefix("kbench: "))
    }

    @Test("--help prints the subcommands and exits 0")
    func help() throws {
        let result = try KBenchExecutable.run(["--help"])
        #expect(result.status == 0)
        #expect(result.out.contains("inspect"))
        #expect(result.out.contains("partitions"))
    }
}
