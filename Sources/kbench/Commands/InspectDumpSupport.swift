import ArgumentParser
import Foundation
import KafkaCompression
import KafkaRecords
import KBenchTerminal

/// Options shared by `inspect batch` and `inspect segment` (kafka-dump-log's flags).
struct InspectDumpOptions: ParsableArguments {
    @Flag(name: .long, help: "Print a line per record (offset, timestamp, key/value sizes, sequence, header keys).")
    var deepIteration = false

    @Flag(name: .long, help: "Also print each record's key and payload as UTF-8 text (implies --deep-iteration).")
    var printDataLog = false

    @Flag(name: .long, help: """
        Write header keys, keys and payloads byte-exact instead of escaped (ESC as \\x1b, …); \
        only to a file or a pipe: refused when stdout is a terminal.
        """)
    var rawPayload = false

    @Option(name: .long, help: ArgumentHelp("Refuse to decompress a batch's records beyond this size.", valueName: "size"))
    var decompressionLimit = ByteSizeArgument(bytes: defaultDecompressionLimit)

    @Flag(name: .long, help: "Decode keys and payloads as __consumer_offsets records (JSON, as kafka-dump-log; implies --print-data-log).")
    var offsetsDecoder = false

    @Flag(name: .long, help: "Decode keys and payloads as __transaction_state records (implies --print-data-log).")
    var transactionLogDecoder = false

    func validate() throws {
        if offsetsDecoder, transactionLogDecoder {
            throw ValidationError("--offsets-decoder and --transaction-log-decoder cannot be combined")
        }
        guard decompressionLimit.bytes > 0 else {
            throw ValidationError("--decompression-limit must be positive")
        }
        if rawPayload, RawTerminal.isTerminal(STDOUT_FILENO) {
            throw ValidationError("--raw-payload writes unescaped bytes: redirect stdout to a file or a pipe")
        }
    }

    var dumpOptions: LogDumpOptions {
        LogDumpOptions(
            deepIteration: deepIteration, printDataLog: printDataLog, decompressionLimit: decompressionLimit.bytes,
            decoder: offsetsDecoder ? .offsets : transactionLogDecoder ? .transactionLog : .text
        )
    }
}

/// Runs the kafka-dump-log layout over files: prints as it decodes, then fails with one line
/// naming the byte position when a file holds malformed data or a batch with a bad CRC.
enum InspectDump {
    /// - Parameter reportOffsetGaps: list non-consecutive record offsets on stderr, as
    ///   kafka-dump-log does for segments (producer batches all start at offset 0).
    ///   With `indexOptions` (`inspect segment`), files are dispatched by name as kafka-dump-log
    ///   does: `.index`, `.timeindex`, `.snapshot` and the checkpoints are dumped by
    ///   ``InspectStorageDump``, their mismatch lists printed on stderr at the end.
    static func run(files: [String], options: InspectDumpOptions, reportOffsetGaps: Bool, indexOptions: InspectIndexOptions? = nil) throws {
        var output = BufferedOutput(escaping: !options.rawPayload)
        defer { output.flush() }
        var findings = InspectStorageDump.Findings()
        defer {
            output.flush()
            findings.lines.forEach(ReportOutput.note)
        }
        for path in files {
            if let indexOptions, let kind = StorageFileKind(fileName: URL(fileURLWithPath: path).lastPathComponent), kind != .log {
                output.line(Array("Dumping \(path)".utf8))
                try InspectStorageDump.dump(path, kind: kind, options: indexOptions, output: &output, findings: &findings)
                continue
            }
            let bytes = try readFile(path)
            output.line(Array("Dumping \(path)".utf8))
            let summary = LogDump.dumpBytes(bytes, fileName: URL(fileURLWithPath: path).lastPathComponent, options: options.dumpOptions) {
                output.line($0)
            }
            output.flush()
            if reportOffsetGaps, !summary.nonConsecutiveOffsets.isEmpty {
                ReportOutput.note("Non-consecutive offsets in \(path)")
                for pair in summary.nonConsecutiveOffsets {
                    ReportOutput.note("  \(pair.previous) is followed by \(pair.next)")
                }
            }
            if let failure = summary.failure {
                throw CLIFailure("\(path): \(failure)")
            }
            if let first = summary.invalidCRCPositions.first {
                let count = summary.invalidCRCPositions.count
                throw CLIFailure("\(path): CRC-32C mismatch in \(count) batch\(count == 1 ? "" : "es"), first at position \(first) (see isvalid: false)")
            }
            if let first = summary.undecodedRecordOffsets.first {
                let count = summary.undecodedRecordOffsets.count
                throw CLIFailure("\(path): \(count) record\(count == 1 ? "" : "s") could not be decoded, first at offset \(first) (see Error at offset)")
            }
            if let first = summary.invalidLegacyCRCPositions.first {
                let count = summary.invalidLegacyCRCPositions.count
                throw CLIFailure("\(path): CRC-32 mismatch in \(count) legacy message\(count == 1 ? "" : "s"), first at position \(first) (see isvalid: false)")
            }
        }
        if findings.faulty {
            output.flush()
            findings.lines.forEach(ReportOutput.note)
            findings.lines = []
            throw CLIFailure("index mismatches found (listed above)")
        }
    }

    /// The whole file as bytes, or a one-line failure.
    static func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CLIFailure("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw CLIFailure("cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw CLIFailure("\(path) is not a regular file")
        }
        let size = Int(status.st_size)
        var failure: String? = nil
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let got = read(descriptor, base + count, size - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot read \(path): \(String(cString: strerror(errno)))"
                    break
                }
                if got == 0 { break }
                count += got
            }
        }
        if let failure { throw CLIFailure(failure) }
        return bytes
    }
}

/// Collects output lines and writes them to stdout in large chunks; each line is decoded as
/// UTF-8 and escaped (``TerminalText``: a key's ESC shows as `\x1b`, a newline in a payload as
/// `\x0a`) unless `escaping` is off (`--raw-payload`: the bytes as they are).
struct BufferedOutput {
    private var pending: [UInt8] = []
    private let escaping: Bool

    init(escaping: Bool = true) {
        self.escaping = escaping
    }

    mutating func line(_ bytes: [UInt8]) {
        if escaping {
            TerminalText.appendEscaped(bytes: bytes, to: &pending)
        } else {
            pending += bytes
        }
        pending.append(UInt8(ascii: "\n"))
        if pending.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        FileHandle.standardOutput.write(Data(pending))
        pending.removeAll(keepingCapacity: true)
    }
}
