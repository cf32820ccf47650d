import Foundation
import KafkaCompression
import KafkaRecords
import Testing
import TestSupport

/// The error contract of every subcommand, through the real executable: bad arguments give
/// exactly one `kbench: …` line on stderr and exit 2; a missing or unreadable file and a broker
/// that does not answer give one line and exit 1. Never a stack trace, never a hang.
@Suite("CLI error contract: one line, exit 2 for usage, exit 1 for failures")
struct CLIErrorContractTests {
    /// A bad-argument case per subcommand: arguments and a fragment the line must contain.
    static let badArguments: [(arguments: [String], mentions: String)] = [
        (["report", "--only", "nope"], "--only"),
        (["report", "--output-dir", ""], "--output-dir"),
        (["partitions", "--key", "k", "-n", "0"], "--partitions"),
        (["partitions", "--keys", "k.txt", "--partitioner", "no-such-client"], "--partitioner"),
        (["hash", "--min-time", "100"], "--min-time"),
        (["hash", "--functions", "md5"], "md5"),
        (["compress", "--batch-sizes", "0"], "--batch-sizes"),
        (["compress", "--codecs", "brotli"], "brotli"),
        (["inspect", "nope"], "nope"),
        (["inspect", "message", "--partitions", "0"], "--partitions"),
        (["inspect", "message", "--codec", "none", "--level", "3"], "--level"),
        (["inspect", "batch"], "FILE"),
        (["inspect", "batch", "--decompression-limit", "0", "x.bin"], "--decompression-limit"),
        (["inspect", "segment", "--decompression-limit", "lots", "0.log"], "--decompression-limit"),
        (["golden", "--bogus"], "--bogus"),
        (["broker", "--brokers", "0"], "--brokers"),
        (["broker", "--topic", "t:0"], "--topic"),
        (["produce", "-X", "novalue"], "-X"),
        (["produce", "--timeout", "soon"], "--timeout"),
        (["audit", "--topic", "t", "--examples", "1000"], "--examples"),
        (["audit", "--topic", "t", "--timeout", "-1s"], "--timeout"),
        (["merge", "a.json", "--format", "xml"], "xml"),
        (["merge"], "<file>"),
        (["consume", "--consumers", "0"], "--consumers"),
        (["chat", "--name", "a", "--peer", "a"], "--peer"),
        (["chat", "--name", "a", "--peer", "c", "--topic-prefix", "a b"], "a b"),
    ]

    /// Subcommands covered by ``badArguments``: every one the root command lists.
    static let subcommands = ["report", "partitions", "hash", "compress", "inspect", "golden", "broker", "produce", "consume", "merge", "audit", "chat"]

    /// Exactly one `kbench: ` line on stderr and no crash report.
    static func expectOneLine(_ result: ChildProcess.Result, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!result.timedOut, "\(label): killed by the watchdog", sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "\(label): stderr was \(result.err.debugDescription)", sourceLocation: sourceLocation)
        #expect(result.err.hasPrefix("kbench: "), "\(label): \(result.err.debugDescription)", sourceLocation: sourceLocation)
        for crash in ["Fatal error", "Stack dump", "Current stack trace", "Illegal instruction", "Segmentation fault", "0x0000"] {
            #expect(!result.err.contains(crash), "\(label): \(result.err)", sourceLocation: sourceLocation)
        }
    }

    @Test("the bad-argument table covers every subcommand")
    func everySubcommandCovered() throws {
        let help = try ChildProcess.kbench(["--help"])
        #expect(help.status == 0)
        for name in Self.subcommands {
            #expect(help.out.contains("  \(name)"), "\(name) is not a subcommand any more")
            #expect(Self.badArguments.contains { $0.arguments.first == name }, "no bad-argument case for \(name)")
        }
        let listed = help.out.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        // Subcommand lines are indented by two spaces; wrapped abstracts by more.
        let names = listed.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") && !$0.contains("kbench help") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(names.count >= Self.subcommands.count, "\(names)")
        #expect(Set(names).isSubset(of: Set(Self.subcommands + ["help"])), "subcommands without a case: \(names)")
    }

    @Test("bad arguments: one line naming the problem, exit 2, nothing on stdout", arguments: badArguments.indices)
    func badArgument(index: Int) throws {
        let (arguments, mentions) = Self.badArguments[index]
        let label = arguments.joined(separator: " ")
        let result = try ChildProcess.kbench(arguments, deadline: 60)
        #expect(result.status == 2, "\(label): exit \(result.status), \(result.err)")
        Self.expectOneLine(result, label)
        #expect(result.err.contains(mentions), "\(label): \(result.err)")
        #expect(result.out.isEmpty, "\(label): stdout \(result.out)")
    }

    /// Every command that reads a file, with `path` in the place of the file.
    static func fileReaders(_ path: String, directory: String) -> [[String]] {
        [
            ["inspect", "batch", path],
            ["inspect", "segment", path],
            ["partitions", "--keys", path, "-n", "12"],
            ["compress", "--payload", path, "--payload-format", "lines"],
            ["produce", "--keys", path, "--messages", "10"],
            ["produce", "--payload", path, "--messages", "10"],
            ["merge", path],
            ["golden", "--check", "--output", directory],
        ]
    }

    @Test("a missing file: one line naming it, exit 1")
    func missingFile() throws {
        let folder = try TemporaryFolder()
        let missing = folder.path("00000000000000000000.log")
        for arguments in Self.fileReaders(missing, directory: folder.path("no-such-dir")) {
            let label = arguments.joined(separator: " ")
            let result = try ChildProcess.kbench(arguments, deadline: 60)
            #expect(result.status == 1, "\(label): exit \(result.status), \(result.err)")
            Self.expectOneLine(result, label)
            #expect(result.err.contains("No such file") || result.err.contains("not found"), "\(label): \(result.err)")
        }
    }

    @Test("report: an output directory that cannot be created is one line, exit 1")
    func reportUnwritable() throws {
        let folder = try TemporaryFolder()
        let file = folder.path("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let result = try ChildProcess.kbench(["report", "--quick", "--only", "partitions", "--output-dir", file + "/results"], deadline: 120)
        #expect(result.status == 1, "exit \(result.status), \(result.err)")
        Self.expectOneLine(result, "report")
        #expect(result.err.contains(file) && result.err.contains("Not a directory"), "\(result.err)")
    }

    @Test("a directory where a file is expected: one line, exit 1")
    func directoryForFile() throws {
        let folder = try TemporaryFolder()
        for arguments in Self.fileReaders(folder.url.path, directory: folder.path("none")).dropLast() {
            let label = arguments.joined(separator: " ")
            let result = try ChildProcess.kbench(arguments, deadline: 60)
            #expect(result.status == 1, "\(label): exit \(result.status), \(result.err)")
            Self.expectOneLine(result, label)
        }
    }

    /// Runs kbench so that a file without read permission cannot be read. As root (tests run
    /// as root here and in CI), chmod does not stop reads: the child runs through `setpriv`
    /// without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH in its bounding set (still uid 0, so
    /// the binary and toolchain libraries stay reachable). Fails, never skips, when it cannot.
    static func runWithoutReadOverride(_ arguments: [String], unreadable: String) throws -> ChildProcess.Result {
        guard getuid() == 0 else { return try ChildProcess.kbench(arguments, deadline: 60) }
        let setpriv = "/usr/bin/setpriv"
        guard FileManager.default.isExecutableFile(atPath: setpriv) else {
            throw TestSetupFailure("running as root, \(setpriv) is needed to test unreadable files (apt-get install util-linux)")
        }
        let prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
        let probe = try ChildProcess.run(setpriv, Array(prefix.dropFirst()) + ["/bin/cat", unreadable], deadline: 30)
        guard probe.status != 0, probe.err.contains("Permission denied") else {
            throw TestSetupFailure("cannot make \(unreadable) unreadable for a child: setpriv probe gave \(probe.status) \(probe.err)")
        }
        return try ChildProcess.run(setpriv, Array(prefix.dropFirst()) + [try KBenchExecutable.path()] + arguments, deadline: 60)
    }

    @Test("an unreadable file: one line with the system's reason, exit 1")
    func unreadableFile() throws {
        let folder = try TemporaryFolder()
        let file = folder.path("00000000000000000000.log")
        try Data("key-1\nkey-2\n".utf8).write(to: URL(fileURLWithPath: file))
        let golden = folder.path("golden")
        let written = try ChildProcess.kbench(["golden", "--output", golden], deadline: 60)
        #expect(written.status == 0, "\(written.err)")
        let goldenFiles = try FileManager.default.contentsOfDirectory(atPath: golden).map { "\(golden)/\($0)" }
        for path in [file] + goldenFiles { #expect(chmod(path, 0) == 0) }
        for arguments in Self.fileReaders(file, directory: golden) {
            let label = arguments.joined(separator: " ")
            let result = try Self.runWithoutReadOverride(arguments, unreadable: file)
            #expect(result.status == 1, "\(label): exit \(result.status), \(result.err)")
            Self.expectOneLine(result, label)
            #expect(result.err.contains("Permission denied"), "\(label): \(result.err)")
        }
    }

    @Test("a broker that accepts connections and never answers: one line, exit 1, no hang", arguments: [
        ["produce", "--topic", "t", "--messages", "10"],
        ["audit", "--topic", "t"],
        ["chat", "--name", "alice", "--peer", "bob"],
    ])
    func silentBroker(command: [String]) throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let arguments = command + ["--bootstrap", "127.0.0.1:\(listener.port)", "--timeout", "1s"]
        let label = arguments.joined(separator: " ")
        // Generous watchdog: the check is that it ends by itself, not how fast.
        let result = try ChildProcess.kbench(arguments, deadline: 90)
        #expect(result.status == 1, "\(label): exit \(result.status), \(result.err)")
        Self.expectOneLine(result, label)
        #expect(result.err.contains("127.0.0.1:\(listener.port)"), "\(label): \(result.err)")
        #expect(result.err.contains("no answer") && result.err.contains("within 1000 ms"), "\(label) says it got no answer in time: \(result.err)")
    }
}

/// A TCP listener on 127.0.0.1 that lets the kernel complete connections but never accepts or
/// answers them: a broker that hangs.
final class SilentListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestSetupFailure("socket(): \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 64) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            let reason = String(cString: strerror(errno))
            _ = Glibc.close(descriptor)
            throw TestSetupFailure("cannot listen on 127.0.0.1: \(reason)")
        }
        self.descriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() { _ = Glibc.close(descriptor) }
}

/// A temporary directory removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// `kbench inspect batch --print-data-log` on header keys that are not UTF-8: it prints them as
/// kafka-dump-log does (Java's `new String(bytes, UTF_8)`: U+FFFD per malformed sequence),
/// one line per record, exit 0.
@Suite("kbench inspect batch: invalid UTF-8 header keys")
struct InvalidUTF8InspectTests {
    /// Header keys: a lone continuation byte, a cut sequence, an overlong "/", a surrogate, 0xFF.
    static let keys: [[UInt8]] = [[0x80], [0x61, 0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF, 0x62]]
    static let printed = ["\u{FFFD}", "a\u{FFFD}", "\u{FFFD}\u{FFFD}", "\u{FFFD}\u{FFFD}\u{FFFD}", "\u{FFFD}b"]

    /// One uncompressed batch: a record per key, null key, value "v", one header (key, "1").
    static func batch() -> [UInt8] {
        var records: [UInt8] = []
        for (index, key) in keys.enumerated() {
            var body: [UInt8] = [0, 0]  // attributes, timestampDelta
            Varint.append(Int32(index), to: &body)
            body += [0x01, 0x02, 0x76, 0x02]  // null key, value "v", one header
            Varint.append(Int32(key.count), to: &body)
            body += key + [0x02, 0x31]
            Varint.append(Int32(body.count), to: &records)
            records += body
        }
        var header = RecordBatchHeader(baseTimestamp: 1_700_000_000_000, maxTimestamp: 1_700_000_000_000)
        header.batchLength = Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead + records.count)
        header.recordsCount = Int32(keys.count)
        header.lastOffsetDelta = Int32(keys.count - 1)
        header.crc = CRC32C.checksum(header.bytes[RecordBatchHeader.crcCoverageStart...] + records)
        return header.bytes + records
    }

    @Test("--print-data-log prints U+FFFD for each malformed sequence, exit 0")
    func printDataLog() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("invalid-utf8.bin")
        try Data(Self.batch()).write(to: URL(fileURLWithPath: path))
        let result = try ChildProcess.kbench(["inspect", "batch", "--print-data-log", path], deadline: 60)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.isEmpty)
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 + Self.keys.count, "\(lines)")
        #expect(lines.dropFirst().first?.hasSuffix("isvalid: true") == true)
        for (index, key) in Self.printed.enumerated() where index + 2 < lines.count {
            #expect(lines[index + 2] == "| offset: \(index) CreateTime: 1700000000000 keySize: -1 valueSize: 1 sequence: -1 headerKeys: [\(key)] payload: v")
        }
    }
}

/// `kbench inspect batch` on a decompression bomb: the batch line, then one error line naming
/// the records block and the ceiling; exit 1, in bounded memory.
@Suite("kbench inspect batch: decompression bomb")
struct InspectBombTests {
    @Test("a 16 MiB gzip bomb under --decompression-limit 256KiB: one line, exit 1, peak RSS far below the bomb")
    func gzipBomb() throws {
        var body: [UInt8] = [0, 0, 0, 0x01]  // attributes, timestampDelta, offsetDelta, null key
        let value = [UInt8](repeating: 0, count: 16 << 20)
        Varint.append(Int32(value.count), to: &body)
        body += value + [0]
        var records: [UInt8] = []
        Varint.append(Int32(body.count), to: &records)
        records += body
        var codec = try makeCodec(.gzip)
        var block: [UInt8] = []
        try records.withUnsafeBytes { try codec.compress($0, appendingTo: &block) }
        var header = RecordBatchHeader(attributes: RecordBatchAttributes(compression: .gzip))
        header.batchLength = Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead + block.count)
        header.recordsCount = 1
        header.crc = CRC32C.checksum(header.bytes[RecordBatchHeader.crcCoverageStart...] + block)

        let folder = try TemporaryFolder()
        let path = folder.path("bomb.bin")
        try Data(header.bytes + block).write(to: URL(fileURLWithPath: path))
        let result = try ChildProcess.kbench(["inspect", "batch", "--deep-iteration", "--decompression-limit", "256KiB", path], deadline: 60)
        #expect(result.status == 1, "\(result.err)")
        CLIErrorContractTests.expectOneLine(result, "inspect batch bomb")
        #expect(result.err.contains("records at byte 61") && result.err.contains("262144"), "\(result.err)")
        #expect(result.out.split(separator: "\n").count == 2, "Dumping line and the batch line: \(result.out)")
        #expect(result.peakRSS < 64 << 20, "peak RSS \(result.peakRSS >> 10) KiB for a 16 MiB bomb under a 256 KiB ceiling")
    }
}
