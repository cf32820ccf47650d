import Foundation

/// This process's executable, for re-running it (under callgrind).
package enum CurrentExecutable {
    /// The resolved path of `/proc/self/exe` on Linux, else the first command-line argument.
    package static var path: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return CommandLine.arguments.first ?? "kbench"
    }
}
