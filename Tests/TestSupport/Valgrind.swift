import Foundation

/// valgrind, for the tests that count instructions under callgrind: missing is an error that
/// says what to install, never a skip.
package enum Valgrind {
    /// Throws ``MissingDependency`` naming the package when no `valgrind` is on `PATH`.
    package static func require() throws {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard directories.contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/valgrind") }) else {
            throw MissingDependency(description: "valgrind is not installed: apt-get install valgrind (scripts/setup.sh installs it)")
        }
    }
}
