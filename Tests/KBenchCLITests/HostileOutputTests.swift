import Foundation
import KafkaRecords
import Testing
import TestSupport

/// Issue 24's acceptance test: every subcommand that prints data it did not write, fed every
/// byte 0x00–0xFF, ESC/CSI/OSC sequences, C1 and bidi controls (in keys, values, header keys,
/// payloads, file names and option values), in every `--format`, through the real executable:
/// neither stdout nor stderr carries a byte below 0x20 other than newline and tab (CSV: CR
/// only in its CRLF record ends), 0x7F, invalid UTF-8, a C1 control or a bidi control
/// (``TerminalSafety``).
@Suite("Hostile output: no control character reaches stdout or stderr", .serialized)
struct HostileOutputTests {
    static let formats = ["table", "json", "csv", "markdown"]

    /// Hostile byte strings: every byte but the line feed (key files and payload files are
    /// line-based), then ``TerminalSafety/hostileStrings`` as UTF-8 (no line feeds in them).
    static let hostileBytes: [[UInt8]] = [Array(UInt8.min...UInt8.max).filter { $0 != 0x0A }]
        + TerminalSafety.hostileStrings.dropFirst().map { Array($0.utf8).filter { $0 != 0x0A } }

    /// Command-line-safe hostile text (argv cannot hold NUL).
    static let hostileArgument = "k \u{1B}]0;PWNED\u{07} \u{1B}[31mRED\u{1B}[0m \u{9B}2J \u{202E}x \u{7F}\u{01}\r\t"

    /// The escaped form of the OSC title sequence every escaping path must print.
    static let escapedTitle = "\\x1b]0;PWNED\\x07"

    /// One line per hostile string, each `repeats` times (hot keys need repeated keys).
    static func lineFile(repeats: Int) -> Data {
        var data = Data()
        for _ in 0..<repeats {
            for line in hostileBytes { data += line + [0x0A] }
        }
        return data
    }

    /// A batch whose keys, values and header keys are the hostile strings (header values too).
    static func hostileBatch(baseTimestamp: Int64) throws -> [UInt8] {
        var builder = RecordBatchBuilder()
        for (index, bytes) in hostileBytes.enumerated() {
            let headers = [RecordHeader(key: TerminalSafety.hostileStrings[index % TerminalSafety.hostileStrings.count], value: bytes)]
            try bytes.withUnsafeBytes { key in
                try bytes.withUnsafeBytes { value in
                    try builder.append(keyBytes: key, valueBytes: value, headers: headers, timestamp: baseTimestamp + Int64(index))
                }
            }
        }
        _ = try builder.finish()
        return builder.bytes
    }

    /// Fails the test with what leaked (and the command) when either stream holds one.
    static func expectSafe(_ result: ProcessRunner.Result, _ label: String, csv: Bool = false,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let out = TerminalSafety.violation(in: [UInt8](result.stdout), allowingCRLF: csv)
        let err = TerminalSafety.violation(in: [UInt8](result.stderr))
        #expect(out == nil, "\(label): stdout has \(out ?? "")", sourceLocation: sourceLocation)
        #expect(err == nil, "\(label): stderr has \(err ?? "")", sourceLocation: sourceLocation)
    }

    /// Runs kbench with `arguments`, expects exit `status` and ``expectSafe(_:_:csv:sourceLocation:)``.
    @discardableResult
    static func runChecked(_ arguments: [String], status: Int32 = 0, csv: Bool = false,
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessRunner.Result {
        let result = try KBenchExecutable.run(arguments)
        let label = arguments.joined(separator: " ")
        #expect(result.status == status, "\(label): exit \(result.status), \(result.err)", sourceLocation: sourceLocation)
        expectSafe(result, label, csv: csv, sourceLocation: sourceLocation)
        return result
    }

    /// `arguments` name a missing file whose name holds an OSC title sequence: exit 1 with
    /// one error line quoting the name escaped.
    static func expectMissingFileQuotedEscaped(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try runChecked(arguments, status: 1, sourceLocation: sourceLocation)
        #expect(result.err.contains(escapedTitle), "\(result.err)", sourceLocation: sourceLocation)
        #expect(result.err.split(separator: "\n").count == 1, "\(result.err)", sourceLocation: sourceLocation)
    }

    /// A folder whose own name is hostile (file names are quoted in output and errors).
    static func hostileFolder(in folder: TemporaryFolder) throws -> String {
        let path = folder.path("dir \u{1B}[2J\u{9B}31m\u{202E}")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("inspect batch and segment: hostile keys, values and header keys, hostile file names; every detail level")
    func inspectDump() throws {
        let folder = try TemporaryFolder()
        let directory = try Self.hostileFolder(in: folder)
        let batch = directory + "/hostile.bin"
        try Data(try Self.hostileBatch(baseTimestamp: 1_700_000_000_000)).write(to: URL(fileURLWithPath: batch))
        // Two batches both starting at offset 0: the segment's offset-gap report (stderr) quotes the path.
        let segment = directory + "/00000000000000000000.log"
        try Data(try Self.hostileBatch(baseTimestamp: 1) + Self.hostileBatch(baseTimestamp: 2)).write(to: URL(fileURLWithPath: segment))
        for (command, file) in [("batch", batch), ("segment", segment)] {
            for flags in [[], ["--deep-iteration"], ["--print-data-log"]] {
                let result = try Self.runChecked(["inspect", command, file] + flags)
                let label = "inspect \(command) \(flags.joined(separator: " "))"
                #expect(result.out.contains("Dumping \(folder.url.path)/dir \\x1b[2J\\u009b31m\\u202e/"), "\(label)")
                if flags == ["--print-data-log"] {
                    #expect(result.out.contains("key: k \(Self.escapedTitle)"), "\(label)")
                    #expect(result.out.contains("headerKeys: [v \\x1b[31mRED\\x1b[0m]"), "\(label)")
                    #expect(result.out.contains("payload: \(TerminalSafety.printable)"), "\(label): printable text kept")
                }
                if command == "segment", flags != [] {
                    #expect(result.err.contains("Non-consecutive offsets in \(folder.url.path)/dir \\x1b[2J"), "\(label): \(result.err)")
                }
            }
        }
        try Self.expectMissingFileQuotedEscaped(["inspect", "batch", directory + "/missing \u{1B}]0;PWNED\u{07}.bin"])
    }

    @Test("inspect batch --raw-payload writes keys, payloads and header keys byte-exact to a pipe")
    func rawPayload() throws {
        let folder = try TemporaryFolder()
        let batch = folder.path("hostile.bin")
        try Data(try Self.hostileBatch(baseTimestamp: 1_700_000_000_000)).write(to: URL(fileURLWithPath: batch))
        let result = try KBenchExecutable.run(["inspect", "batch", batch, "--print-data-log", "--raw-payload"])
        #expect(result.status == 0, "\(result.err)")
        let out = [UInt8](result.stdout)
        let allBytes = Self.hostileBytes[0]
        let expectedLine = Array("| offset: 0 CreateTime: 1700000000000 keySize: \(allBytes.count) valueSize: \(allBytes.count) sequence: -1 headerKeys: [".utf8)
            + Array(String(decoding: Array(UInt8.min...UInt8.max), as: UTF8.self).utf8)
            + Array("] key: ".utf8) + allBytes + Array(" payload: ".utf8) + allBytes + [0x0A]
        #expect(out.firstRange(of: expectedLine) != nil, "the all-bytes record is written byte for byte")
        #expect(TerminalSafety.violation(in: out) != nil, "raw output really is raw")
    }

    @Test("--raw-payload is refused (exit 2, one line) when stdout is a terminal")
    func rawPayloadRefusedOnTerminal() throws {
        let (master, terminal) = try Self.openPseudoTerminal()
        defer { close(master) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try KBenchExecutable.path())
        process.arguments = ["inspect", "batch", Repository.file("results/samples/kafka-python-batches.bin").path, "--print-data-log", "--raw-payload"]
        let errors = Pipe()
        process.standardOutput = FileHandle(fileDescriptor: terminal, closeOnDealloc: true)
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(err.split(separator: "\n").count == 1, "\(err)")
        #expect(err.contains("--raw-payload writes unescaped bytes: redirect stdout to a file or a pipe"), "\(err)")
    }

    /// A pseudo-terminal pair (Linux: /dev/ptmx, unlocked with TIOCSPTLCK, its number from
    /// TIOCGPTN; Glibc does not import posix_openpt and its friends into Swift).
    static func openPseudoTerminal() throws -> (master: Int32, terminal: Int32) {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw TestSetupFailure("cannot open /dev/ptmx: \(String(cString: strerror(errno)))") }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        let tiocsptlck: UInt = 0x4004_5431, tiocgptn: UInt = 0x8004_5430
        guard ioctl(master, tiocsptlck, &unlock) == 0, ioctl(master, tiocgptn, &number) == 0 else {
            close(master)
            throw TestSetupFailure("cannot unlock the pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let terminal = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard terminal >= 0 else {
            close(master)
            throw TestSetupFailure("cannot open /dev/pts/\(number): \(String(cString: strerror(errno)))")
        }
        return (master, terminal)
    }

    @Test("the --help example: --raw-payload > dump.txt gives the escaped dump's bytes for printable data")
    func rawPayloadHelpExample() throws {
        let help = try KBenchExecutable.run(["inspect", "batch", "--help"])
        #expect(help.out.contains("--print-data-log --raw-payload > dump.txt"))
        let sample = Repository.file("results/samples/kafka-python-batches.bin").path
        let raw = try KBenchExecutable.run(["inspect", "batch", sample, "--print-data-log", "--raw-payload"])
        let escaped = try KBenchExecutable.run(["inspect", "batch", sample, "--print-data-log"])
        #expect(raw.status == 0 && escaped.status == 0, "\(raw.err) \(escaped.err)")
        #expect(raw.stdout == escaped.stdout, "no control in the sample: both spellings agree")
        #expect(raw.out.contains("key: user-42 payload: {\"total\":12}"))
    }

    @Test("inspect message: hostile key, value, header and topic in every format; a hostile bad key in the error line", arguments: formats)
    func inspectMessage(format: String) throws {
        try Self.runChecked([
            "inspect", "message", "--key", Self.hostileArgument, "--value", Self.hostileArgument,
            "--header", Self.hostileArgument + "=" + Self.hostileArgument, "--topic", Self.hostileArgument, "--format", format,
        ], csv: format == "csv")
        let bad = try Self.runChecked(["inspect", "message", "--key", Self.hostileArgument, "--key-type", "int32", "--format", format], status: 2)
        #expect(bad.err.contains(Self.escapedTitle), "\(bad.err)")
    }

    @Test("partitions: hostile --keys file with hot keys, a hostile --key, SVG charts, in every format", arguments: formats)
    func partitions(format: String) throws {
        let folder = try TemporaryFolder()
        let keys = folder.path("keys \u{1B}[2J.txt")
        try Self.lineFile(repeats: 30).write(to: URL(fileURLWithPath: keys))
        let charts = folder.path("charts")
        try Self.runChecked(["partitions", "--keys", keys, "-n", "3", "--hot-keys", "3", "--format", format, "--charts", charts], csv: format == "csv")
        let svgs = try FileManager.default.contentsOfDirectory(atPath: charts)
        #expect(!svgs.isEmpty)
        for svg in svgs {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: charts + "/" + svg)))
            #expect(TerminalSafety.violation(in: bytes) == nil, "\(svg)")
        }
        try Self.runChecked(["partitions", "--key", Self.hostileArgument, "-n", "3", "--format", format], csv: format == "csv")
        try Self.expectMissingFileQuotedEscaped(["partitions", "--keys", keys + "\u{1B}]0;PWNED\u{07}", "--format", format])
    }

    @Test("compress --payload: a hostile payload file and file name, in every format", arguments: formats)
    func compress(format: String) throws {
        let folder = try TemporaryFolder()
        let payload = folder.path("payload \u{1B}[31m.txt")
        try Self.lineFile(repeats: 20).write(to: URL(fileURLWithPath: payload))
        try Self.runChecked([
            "compress", "--payload", payload, "--codecs", "none,lz4", "--batch-sizes", "16KiB",
            "--sample-bytes", "64KiB", "--min-time", "0", "--format", format,
        ], csv: format == "csv")
        try Self.expectMissingFileQuotedEscaped(["compress", "--payload", payload + "\u{1B}]0;PWNED\u{07}", "--format", format])
    }

    @Test("report: a hostile --output-dir is quoted escaped in every progress line")
    func report() throws {
        let folder = try TemporaryFolder()
        let directory = try Self.hostileFolder(in: folder) + "/out \u{1B}]0;PWNED\u{07}"
        let result = try Self.runChecked(["report", "--quick", "--only", "partitions", "--output-dir", directory])
        #expect(result.err.contains("out \(Self.escapedTitle)/index.html"), "\(result.err)")
    }

    @Test("golden: a hostile --output directory is escaped in the lines naming the files written and checked")
    func golden() throws {
        let folder = try TemporaryFolder()
        let directory = try Self.hostileFolder(in: folder) + "/golden \u{1B}]0;PWNED\u{07}"
        for arguments in [["golden", "--output", directory], ["golden", "--output", directory, "--check"]] {
            let result = try Self.runChecked(arguments)
            #expect(result.out.contains("golden \(Self.escapedTitle)/"), "\(result.out)")
        }
    }

    @Test("usage errors quoting a hostile value: one escaped line")
    func usageErrors() throws {
        for arguments in [["partitions", "--key", "k", "--format", Self.hostileArgument], ["inspect", "message", "--codec", Self.hostileArgument], [Self.hostileArgument]] {
            let result = try Self.runChecked(arguments, status: 2)
            #expect(result.err.split(separator: "\n").count == 1, "\(result.err)")
        }
    }

    @Test("produce --keys and audit's breaking keys against a kbench broker, in every format")
    func produceAndAudit() throws {
        let folder = try TemporaryFolder()
        let keys = folder.path("keys \u{1B}[2J.txt")
        try Self.lineFile(repeats: 1).write(to: URL(fileURLWithPath: keys))
        let broker = try BackgroundKBench(["broker", "--brokers", "1", "--topic", "hostile:4"])
        let bootstrap = try broker.firstLine()
        // Two partitioners on one topic: the audit lists breaking keys (the hostile ones).
        for (format, partitioner) in [("table", "java"), ("json", "random")] {
            try Self.runChecked([
                "produce", "--bootstrap", bootstrap, "--topic", "hostile", "--keys", keys,
                "--messages", "40", "--partitioner", partitioner, "--format", format,
            ])
        }
        try Self.expectMissingFileQuotedEscaped(["produce", "--bootstrap", bootstrap, "--topic", "hostile", "--keys", keys + "\u{1B}]0;PWNED\u{07}", "--messages", "1"])
        for format in Self.formats {
            let audit = try Self.runChecked(["audit", "--bootstrap", bootstrap, "--topic", "hostile", "--format", format], csv: format == "csv")
            if format == "table" { #expect(audit.out.contains("breaking keys"), "breaking keys listed: \(audit.out)") }
        }
        broker.signal(SIGTERM)
        #expect(try broker.waitForExit() == 0)
    }
}
