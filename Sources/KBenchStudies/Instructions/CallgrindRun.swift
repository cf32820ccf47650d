import CInstructionCount
import Foundation
import KBenchReports

/// A command re-run under valgrind's callgrind with collection off until the command's own
/// client requests switch it on (``CallgrindSection``): each counted stretch becomes one
/// profile part named by its label, and only the instructions inside it are counted.
struct CallgrindRun {
    /// valgrind's executable.
    let valgrind: String

    /// valgrind on `PATH`, or why there is none.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<CallgrindRun, InstructionCountError> {
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/valgrind"
            if FileManager.default.isExecutableFile(atPath: candidate) { return .success(CallgrindRun(valgrind: candidate)) }
        }
        return .failure(InstructionCountError("valgrind is not installed (apt-get install valgrind)"))
    }

    /// Runs `executable` with `arguments` under callgrind and returns the instructions of each
    /// labelled part. Throws when valgrind fails or the command exits non-zero.
    func count(executable: String, arguments: [String]) throws(InstructionCountError) -> [String: Int64] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-callgrind-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw InstructionCountError("callgrind: cannot create a temporary directory: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("callgrind.out")
        let counted = Self.withoutDebugInfo(executable, in: directory)
        let (status, messages) = try Self.run(valgrind, ["-q", "--tool=callgrind", "--collect-atstart=no", "--callgrind-out-file=\(output.path)", counted] + arguments)
        guard status == 0 else {
            let reason = messages.split(separator: "\n").first.map { ": " + Escaping.singleLine(String($0)) } ?? ""
            throw InstructionCountError("callgrind run failed (exit \(status))\(reason)")
        }
        var counts: [String: Int64] = [:]
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for file in files where file.hasPrefix("callgrind.out.") {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8),
                  let part = CallgrindProfilePart(parsing: text) else { continue }
            counts[part.label] = part.instructions
        }
        return counts
    }

    /// A copy of `executable` in `directory` without its debug information, or `executable`
    /// itself when no `strip` is on `PATH`: valgrind 3.19 stops at the DWARF 5 the Swift
    /// toolchain writes ("unhandled dwarf2 abbrev form code 0x25"), and counting needs no symbols.
    static func withoutDebugInfo(_ executable: String, in directory: URL) -> String {
        let copy = directory.appendingPathComponent("kbench").path
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for tool in ["strip", "llvm-strip"] {
            guard let path = directories.map({ "\($0)/\(tool)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { continue }
            if let (status, _) = try? run(path, ["--strip-debug", "-o", copy, executable]), status == 0 { return copy }
        }
        return executable
    }

    /// Runs `executable` with `arguments` (no input, output discarded) and returns its exit
    /// status and standard error.
    private static func run(_ executable: String, _ arguments: [String]) throws(InstructionCountError) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw InstructionCountError("cannot start \(executable): \(error.localizedDescription)")
        }
        let messages = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: messages, as: UTF8.self))
    }
}

/// The head of one callgrind profile part dumped by a client request: its label and the
/// instructions it counted.
struct CallgrindProfilePart: Hashable {
    /// The label given to the dump (`desc: Trigger: Client Request: <label>`).
    let label: String
    /// Instructions counted (`summary:` / `totals:`, the Ir event).
    let instructions: Int64

    /// The part in `text`, or `nil` when it was not dumped by a client request or has no count.
    init?(parsing text: String) {
        let trigger = "desc: Trigger: Client Request: "
        var label: String?
        var instructions: Int64?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix(trigger) {
                label = String(line.dropFirst(trigger.count))
            } else if line.hasPrefix("summary: ") || line.hasPrefix("totals: ") {
                instructions = line.split(separator: " ").dropFirst().first.flatMap { Int64($0) }
            }
            if label != nil, instructions != nil { break }
        }
        guard let label, let instructions else { return nil }
        self.label = label
        self.instructions = instructions
    }
}

/// One counted stretch inside a process run by ``CallgrindRun``: collection switched on,
/// the operation run, collection off and the counts dumped under a label.
enum CallgrindSection {
    /// Runs `operation` once uncounted (warm-up: lazy symbol binding, first-touch faults),
    /// then once counted, dumped as `label`.
    static func count(_ label: String, _ operation: () -> Void) {
        operation()
        kbench_callgrind_begin()
        operation()
        label.withCString { kbench_callgrind_end($0) }
    }
}
