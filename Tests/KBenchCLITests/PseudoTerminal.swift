import Foundation
import TestSupport

/// Runs the built kbench on a pseudo-terminal, as a user at a terminal would: the child gets
/// the slave side as stdin, stdout and stderr, in a new session with the slave as its
/// controlling terminal (80×24). The test types bytes into the master side and reads what
/// the child draws; every wait is bounded, and the child is killed if a test forgets it.
final class PseudoTerminal {
    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    private let master: Int32
    private let pid: pid_t
    private var collected: [UInt8] = []
    private var exitStatus: Int32?

    /// `TIOCSPTLCK` and `TIOCGPTN` (`_IOW`/`_IOR` macros, not imported).
    private static let setPTYLock: UInt = 0x4004_5431
    private static let getPTYNumber: UInt = 0x8004_5430
    /// `POSIX_SPAWN_SETSID` (glibc ≥ 2.26; the macro is not imported).
    private static let spawnSetSID: Int16 = 0x80

    init(_ arguments: [String]) throws {
        // posix_openpt/grantpt/unlockpt/ptsname are not visible to Swift in glibc's headers
        // (they need _XOPEN_SOURCE): the Linux calls they wrap, spelled out.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, Self.setPTYLock, &unlock) == 0, ioctl(master, Self.getPTYNumber, &number) == 0 else {
            throw TestSetupFailure("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        self.master = master

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.spawnSetSID)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid without O_NOCTTY: the slave becomes the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        let executable = try KBenchExecutable.path()
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            close(master)
            throw TestSetupFailure("cannot start kbench on a pseudo-terminal: \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Everything the child drew so far (bytes as text; invalid UTF-8 as U+FFFD).
    var text: String {
        drain(waitingMilliseconds: 0)
        return String(decoding: collected, as: UTF8.self)
    }

    /// Everything the child drew so far, as bytes.
    var bytes: [UInt8] {
        drain(waitingMilliseconds: 0)
        return collected
    }

    /// Types `text` (bytes as they are: `\u{7F}` is Backspace, `\u{1B}[D` is ←).
    func type(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Waits until the output contains `needle` after position `after` (a byte offset, e.g.
    /// an earlier ``mark`` or result); returns the offset just past the first such match.
    @discardableResult
    func wait(for needle: String, after: Int = 0, seconds: Double = 15) throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        let needleBytes = Array(needle.utf8)
        while true {
            drain(waitingMilliseconds: 20)
            if collected.count >= after, let end = Self.end(of: needleBytes, in: collected[after...]) {
                return end
            }
            if Date() >= deadline || hasExited {
                throw Timeout(description: "no '\(needle)' on the terminal within \(seconds) s\(hasExited ? " (kbench exited)" : ""); got: \(String(decoding: collected, as: UTF8.self).debugDescription)")
            }
        }
    }

    /// The current output length: pass it as `after` to wait only for newer output.
    var mark: Int {
        drain(waitingMilliseconds: 0)
        return collected.count
    }

    /// Waits for the exit (at most `seconds`) and returns the status (128 + signal when
    /// killed); kills the child and throws on timeout.
    func waitForExit(seconds: Double = 15) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while !hasExited {
            if Date() >= deadline {
                kill(pid, SIGKILL)
                throw Timeout(description: "kbench still running after \(seconds) s; output: \(text.debugDescription)")
            }
            drain(waitingMilliseconds: 20)
        }
        drain(waitingMilliseconds: 50)
        return exitStatus ?? -1
    }

    /// The terminal's local mode flags (`c_lflag`: ICANON, ECHO, …), read through the master.
    var localFlags: tcflag_t {
        var settings = termios()
        _ = tcgetattr(master, &settings)
        return settings.c_lflag
    }

    /// Sends `signal` to the child.
    func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    private var hasExited: Bool {
        if exitStatus != nil { return true }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return false }
        let signal = status & 0x7F
        exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return true
    }

    /// Reads what is available, waiting at most `waitingMilliseconds` for the first byte.
    private func drain(waitingMilliseconds: Int32) {
        var wait = waitingMilliseconds
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, wait) > 0, descriptor.revents & Int16(POLLIN) != 0 else { return }
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return }  // EIO once the child closed the slave
            collected.append(contentsOf: buffer[..<count])
            wait = 0
        }
    }

    /// The index just past the first occurrence of `needle` in `haystack`.
    private static func end(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index <= haystack.endIndex - needle.count {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }
}
