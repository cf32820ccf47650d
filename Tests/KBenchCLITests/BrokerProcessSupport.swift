import Foundation
import TestSupport

/// A kbench process running in the background (a broker, a chat participant): its output is
/// collected as it comes, every wait is bounded, and it is killed if a test forgets it.
final class BackgroundKBench: @unchecked Sendable {
    enum Stream { case stdout, stderr }

    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private var collectedOut = Data()
    private var collectedErr = Data()

    convenience init(_ arguments: [String]) throws {
        try self.init(executable: try KBenchExecutable.path(), arguments, environment: nil)
    }

    /// Starts `executable` (kbench, or a shell running it) with `environment` (nil: the test's).
    init(executable: String, _ arguments: [String], environment: [String: String]?) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, to: .stdout) }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, to: .stderr) }
        try process.run()
    }

    deinit {
        if process.isRunning { process.interrupt(); kill(process.processIdentifier, SIGKILL) }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
    }

    private func append(_ data: Data, to stream: Stream) {
        lock.lock()
        defer { lock.unlock() }
        switch stream {
        case .stdout: collectedOut.append(data)
        case .stderr: collectedErr.append(data)
        }
    }

    /// Everything written so far.
    func text(_ stream: Stream) -> String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: stream == .stdout ? collectedOut : collectedErr, as: UTF8.self)
    }

    /// Waits until `stream` contains `needle` (at most `seconds`, looking every `interval` s).
    @discardableResult
    func wait(for needle: String, in stream: Stream = .stdout, seconds: Double = 15, interval: Double = 0.02) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let text = self.text(stream)
            if text.contains(needle) { return text }
            if !process.isRunning, !self.text(stream).contains(needle) {
                throw Timeout(description: "process exited (\(process.terminationStatus)) before printing '\(needle)'; stderr: \(self.text(.stderr))")
            }
            Thread.sleep(forTimeInterval: interval)
        }
        throw Timeout(description: "no '\(needle)' on \(stream) within \(seconds) s; stdout: \(text(.stdout)) stderr: \(text(.stderr))")
    }

    /// The first line of stdout (waits for it).
    func firstLine(seconds: Double = 15) throws -> String {
        let text = try wait(for: "\n", seconds: seconds)
        return String(text.split(separator: "\n", omittingEmptySubsequences: false)[0])
    }

    /// Writes a line to its stdin.
    func send(_ line: String) {
        input.fileHandleForWriting.write(Data("\(line)\n".utf8))
    }

    /// Closes its stdin (end of input).
    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Its process id.
    var pid: pid_t { process.processIdentifier }

    /// Sends `signal`.
    func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the exit (at most `seconds`) and returns the status; kills it and throws on timeout.
    func waitForExit(seconds: Double = 15) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            throw Timeout(description: "process still running after \(seconds) s")
        }
        Thread.sleep(forTimeInterval: 0.05)  // let the readers drain
        return process.terminationStatus
    }

    /// Whether it ended by a signal rather than exiting.
    var endedBySignal: Bool { process.terminationReason == .uncaughtSignal }
}

extension BackgroundKBench {
    /// Runs `body` with the bootstrap of a `kbench broker` started with `arguments` (after
    /// `broker`), stopped with SIGTERM afterwards.
    static func withBroker<T>(_ arguments: [String], _ body: (_ bootstrap: String) throws -> T) throws -> T {
        let broker = try BackgroundKBench(["broker"] + arguments)
        defer {
            broker.signal(SIGTERM)
            _ = try? broker.waitForExit()
        }
        return try body(try broker.firstLine())
    }
}
