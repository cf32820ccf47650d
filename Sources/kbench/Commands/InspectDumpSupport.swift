import ArgumentParser
import Foundation
import KafkaCompression
import KafkaRecords

/// Options shared by `inspect batch` and `inspect segment` (kafka-dump-log's flags).
struct InspectDumpOptions: ParsableArguments {
    @Flag(name: .long, help: "Print a line per record (offset, timestamp, key/value sizes, sequence, header keys).")
    var deepIteration = false

    @Flag(name: .long, help: "Also print each record's key and payload as UTF-8 text (implies --deep-iteration).")
    var printDataLog = false

    @Option(name: .long, help: ArgumentHelp("Refuse to decompress a batch's records beyond this size.", valueName: "size"))
    var decompressionLimit = ByteSizeArgument(bytes: defaultDecompressionLimit)

    func validate() throws {
        guard decompressionLimit.bytes > 0 else {
            throw ValidationError("--decompression-limit must be positive")
        }
    }

    var dumpOptions: LogDumpOptions {
        LogDumpOptions(deepIteration: deepIteration, printDataLog: printDataLog, decompressionLimit: decompressionLimit.bytes)
    }
}

/// Runs the kafka-dump-log layout over files: prints as it decodes, then fails with one line
/// naming the byte position when a file holds malformed data or a batch with a bad CRC.
enum InspectDump {
    /// - Parameter reportOffsetGaps: list non-consecutive record offsets on stderr, as
    ///   kafka-dump-log does for segments (producer batches all start at offset 0).
    static func run(files: [String], options: InspectDumpOptions, reportOffsetGaps: Bool) throws {
        var output = BufferedOutput()
        defer { output.flush() }
        for path in files {
            let bytes = try readFile(path)
            output.line("Dumping \(path)")
            let summary = LogDump.dump(bytes, fileName: URL(fileURLWithPath: path).lastPathComponent, options: options.dumpOptions) {
                output.line($0)
            }
            output.flush()
            if reportOffsetGaps, !summary.nonConsecutiveOffsets.isEmpty {
                var report = "Non-consecutive offsets in \(path)\n"
                for pair in summary.nonConsecutiveOffsets {
                    report += "  \(pair.previous) is followed by \(pair.next)\n"
                }
                FileHandle.standardError.write(Data(report.utf8))
            }
            if let failure = summary.failure {
                throw CLIFailure("\(path): \(failure)")
            }
            if let first = summary.invalidCRCPositions.first {
                let count = summary.invalidCRCPositions.count
                throw CLIFailure("\(path): CRC-32C mismatch in \(count) batch\(count == 1 ? "" : "es"), first at position \(first) (see isvalid: false)")
            }
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

/// Collects output lines and writes them to stdout in large chunks.
struct BufferedOutput {
    private var pending = ""

    mutating func line(_ text: String) {
        pending += text
        pending += "\n"
        if pending.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        FileHandle.standardOutput.write(Data(pending.utf8))
        pending = ""
    }
}
