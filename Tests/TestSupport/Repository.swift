import Foundation

/// Paths and helpers shared by kbench's test suites.
package enum Repository {
    /// The repository root (the folder holding Package.swift), found from this source file.
    package static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// A file under the repository root.
    package static func file(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}

/// Why a test helper could not run: always a failure, with what to install.
package struct MissingDependency: Error, CustomStringConvertible {
    /// What is missing and how to install it.
    package let description: String
}

/// The Python interpreter of the test virtual environment (kafka-python and its codecs).
///
/// `KBENCH_PYTHON` overrides; otherwise `<repo>/.venv/bin/python3`, which `./dev.sh test`
/// creates. A missing interpreter is an error that says what to run, never a skip.
package enum PythonHelper {
    /// Path of the interpreter, or an error telling how to create it.
    package static func interpreter() throws -> String {
        if let override = ProcessInfo.processInfo.environment["KBENCH_PYTHON"], !override.isEmpty {
            return override
        }
        let venv = Repository.file(".venv/bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: venv) else {
            throw MissingDependency(description: "Python test helpers missing: \(venv) not found; run `./dev.sh test` (or scripts/setup.sh) to create the venv with kafka-python")
        }
        return venv
    }

    /// Runs a script from `Tests/python/` with arguments, feeding `input` on stdin, and returns stdout.
    /// Throws with the script's stderr when it exits non-zero.
    package static func run(script: String, arguments: [String] = [], input: Data = Data()) throws -> Data {
        let result = try ProcessRunner.run(
            executable: try interpreter(),
            arguments: [Repository.file("Tests/python/\(script)").path] + arguments,
            input: input
        )
        guard result.status == 0 else {
            throw MissingDependency(description: "python \(script) failed (\(result.status)): \(String(decoding: result.stderr, as: UTF8.self))")
        }
        return result.stdout
    }
}

/// Runs a child process to completion, collecting its output.
package enum ProcessRunner {
    /// Exit status and collected output of a finished process.
    package struct Result: Sendable {
        /// Exit status (or the terminating signal number).
        package let status: Int32
        /// Everything written to standard output.
        package let stdout: Data
        /// Everything written to standard error.
        package let stderr: Data
        /// Standard output as UTF-8 text.
        package var out: String { String(decoding: stdout, as: UTF8.self) }
        /// Standard error as UTF-8 text.
        package var err: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments`, writing `input` to its stdin.
    package static func run(executable: String, arguments: [String], input: Data = Data(), environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        // Drain both pipes concurrently so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data()
        nonisolated(unsafe) var err = Data()
        group.enter()
        DispatchQueue.global().async { out = stdoutPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { err = stderrPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if !input.isEmpty { stdinPipe.fileHandleForWriting.write(input) }
        try? stdinPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: out, stderr: err)
    }
}

/// The `kbench` executable built alongside the tests.
package enum KBenchExecutable {
    /// Path of the built `kbench` binary (next to the test bundle in the build folder).
    package static func path() throws -> String {
        if let override = ProcessInfo.processInfo.environment["KBENCH_BINARY"], !override.isEmpty {
            return override
        }
        // The test bundle lives in .build/<triple>/<config>/; kbench is built into the same folder.
        let bundle = Bundle.main.bundleURL
        for candidate in [bundle.appendingPathComponent("kbench"), bundle.deletingLastPathComponent().appendingPathComponent("kbench")] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
        }
        throw MissingDependency(description: "kbench binary not found next to the tests (\(bundle.path)); build it with `swift build` first, or set KBENCH_BINARY")
    }

    /// Runs kbench with `arguments`.
    package static func run(_ arguments: [String], input: Data = Data()) throws -> ProcessRunner.Result {
        try ProcessRunner.run(executable: try path(), arguments: arguments, input: input)
    }
}
