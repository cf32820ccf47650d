import ArgumentParser
import KafkaCompression
import KBenchReports
import KBenchStudies

/// `kbench inspect dir`: summarise a broker's data directory, partition by partition.
struct InspectDirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dir",
        abstract: "Summarise a broker data directory (a log.dirs root or one partition directory).",
        discussion: """
            For every partition (<topic>-<partition> directory): its segments, offset range, \
            time span, bytes, message formats and codecs, batch-size distribution, producers \
            and their transactions (committed and aborted from control batches, open ones), \
            leader epochs, the newest producer-state snapshot, index health (each .index and \
            .timeindex checked against its .log as kafka-dump-log --verify-index-only does) \
            and offset gaps. For __consumer_offsets partitions, the consumer groups: each \
            group's latest committed offset per topic-partition, its generation, protocol, \
            leader and members from the latest group metadata, and the commits and groups \
            deleted by tombstones. Segments are read one batch at a time: memory stays \
            bounded by the largest batch. Progress goes to stderr.

            --check also decodes every record and exits 1 when anything is faulty (bad CRC, \
            malformed or truncated batch, index mismatch, unreadable snapshot or checkpoint), \
            listing the faults.

            Examples:
              kbench inspect dir results/samples/kafka-logs
              kbench inspect dir results/samples/kafka-logs/orders-0 --check --format json
            """
    )

    @Argument(help: ArgumentHelp("A log.dirs root or a partition directory.", valueName: "PATH"))
    var path: String

    @Flag(help: "Decode every record and exit 1 on any fault (faults listed).")
    var check = false

    @Option(name: .long, help: ArgumentHelp("Refuse to decompress a batch's records beyond this size.", valueName: "size"))
    var decompressionLimit = ByteSizeArgument(bytes: defaultDecompressionLimit)

    @OptionGroup var report: ReportFormatOptions

    func validate() throws {
        guard decompressionLimit.bytes > 0 else { throw ValidationError("--decompression-limit must be positive") }
    }

    func run() throws {
        let inspection: DirectoryInspection
        do {
            let progress = ProgressReporter(label: "inspect dir", total: try DirectoryInspection.plannedBytes(path), unit: "bytes")
            defer { progress.finish() }
            inspection = try DirectoryInspection(path: path, decodeRecords: check, decompressionLimit: decompressionLimit.bytes) { done in
                progress.update(completed: done)
            }
        } catch {
            throw CLIFailure(error.description)
        }
        try report.emit(DirectoryInspectionReport.document(inspection))
        let faults = inspection.faults
        if check, let first = faults.first {
            // Whole lines on stderr: the table cuts long cells.
            for (partition, fault) in faults { ReportOutput.note("fault: \(partition)/\(fault)") }
            throw CLIFailure("\(faults.count) fault\(faults.count == 1 ? "" : "s") in \(path), first: \(first.partition)/\(first.fault)")
        }
    }
}
