import Foundation
import TestSupport

/// Runs the built kbench as a child process with a watchdog: exit status, output, whether the
/// watchdog had to kill it, and its peak RSS.
///
/// Output goes to temporary files (no pipe to drain), so a child that never exits cannot
/// block the test: after `deadline` it is killed with SIGKILL and ``Result/timedOut`` is set.
enum ChildProcess {
    struct Result {
        /// Exit status, or 128 + signal when killed.
        var status: Int32
        var out: String
        var err: String
        /// The watchdog killed the child.
        var timedOut: Bool
        /// Peak resident set size of the child's own image in bytes: its VmHWM, sampled every
        /// 10 ms while it runs (0 when it ended before the first sample). Not wait4's ru_maxrss:
        /// Linux carries the maximum across execve, and posix_spawn's child starts on the
        /// parent's memory (vfork), so ru_maxrss is at least the test process's own RSS.
        var peakRSS: Int
        /// Non-empty lines on stderr.
        var errorLines: [Substring] { err.split(separator: "\n") }
    }

    /// Runs `executable` with `arguments`; `stdinPath` feeds standard input (default /dev/null);
    /// `environment` replaces the test's own when given.
    static func run(
        _ executable: String, _ arguments: [String], stdinPath: String = "/dev/null", deadline: Double = 120,
        environment: [String: String]? = nil
    ) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("out").path, errPath = folder.appendingPathComponent("err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = envp.map { envp in posix_spawn(&pid, executable, &actions, nil, argv, envp) }
            ?? posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw TestSetupFailure("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }

        let start = Date()
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        var peak = 0
        while true {
            peak = Swift.max(peak, Self.highWaterMark(of: pid) ?? 0)
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited < 0, errno != EINTR {
                throw TestSetupFailure("wait4 failed: \(String(cString: strerror(errno)))")
            }
            if !timedOut, Date().timeIntervalSince(start) > deadline {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(10_000)
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (the macros are not imported).
        let signal = status & 0x7F
        let exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return Result(
            status: exitStatus,
            out: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            err: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
            timedOut: timedOut,
            peakRSS: peak
        )
    }

    /// `VmHWM` of a running process in bytes, from /proc/<pid>/status (nil once it has exited).
    static func highWaterMark(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }

    /// Runs kbench with `arguments`.
    static func kbench(_ arguments: [String], stdinPath: String = "/dev/null", deadline: Double = 120) throws -> Result {
        try run(try KBenchExecutable.path(), arguments, stdinPath: stdinPath, deadline: deadline)
    }
}

/// A test could not set up what it checks (a tool missing, a socket refused): a failure that
/// says why, never a skip.
struct TestSetupFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
