import Testing
import TestSupport

/// The CLI's usage-error contract for one command line: exit 2, one line on stderr that
/// mentions `mention`, nothing on stdout.
func expectUsageError(_ arguments: [String], mentions mention: String) throws {
    let result = try KBenchExecutable.run(arguments)
    #expect(result.status == 2, "\(arguments): \(result.err)")
    #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
    #expect(result.err.contains(mention), "\(result.err)")
    #expect(result.out.isEmpty)
}
