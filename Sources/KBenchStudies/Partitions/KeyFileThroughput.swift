import KafkaPartitioning
import KBenchReports
import KBenchWorkloads

/// How fast a partition study takes its keys from a file (`kbench partitions --keys FILE`,
/// read, split, hashed, counted and sketched), against the floor of reading that file
/// (``KeyFileLineCount``: the same reads, only newlines counted) in the same run.
///
/// Both passes are timed in interleaved rounds on the thread's CPU clock (read(2) from the
/// page cache is CPU work; time the scheduler gives other processes counts for neither), after
/// an untimed pass of each that warms the page cache.
package struct KeyFileThroughput: Sendable, Hashable {
    /// Lines of the file (keys).
    package var lines: Int
    /// Bytes of the file.
    package var bytes: Int
    /// The study's strategies and partition counts, as the row names them.
    package var study: String
    /// Seconds per pass of the floor.
    package var floorTiming: OperationTiming
    /// Seconds per pass of the study.
    package var studyTiming: OperationTiming

    /// Times the study `configuration` describes over the key file `path` against the floor,
    /// each for at least `minimumTime` seconds.
    ///
    /// - Throws: ``KeyReadError`` when the file cannot be read, or a pass saw a different
    ///   number of lines than the floor (the file changed under it).
    package static func measure(
        path: String, configuration: PartitionStudyConfiguration, minimumTime: Double
    ) throws(KeyReadError) -> KeyFileThroughput {
        let prototype: PartitionDistributionStudy
        do { prototype = try PartitionDistributionStudy(configuration: configuration) } catch {
            throw KeyReadError(path: path, line: nil, reason: .readFailed(error.description))
        }
        let (lines, bytes) = try KeyFileLineCount.count(path: path)
        let floor = InterleavedTimer.Operation<KeyReadError> { () throws(KeyReadError) in
            try check(KeyFileLineCount.count(path: path).lines, lines, path)
        }
        let study = InterleavedTimer.Operation<KeyReadError> { () throws(KeyReadError) in
            var study = prototype
            var reader = try KeyFileReader(path: path)
            try check(study.run(keys: &reader).records, lines, path)
        }
        try study.run()
        let timings = try InterleavedTimer(minimumTime: minimumTime).measure([floor, study], runsPerSample: [1, 1]).timings
        let counts = configuration.partitionCounts.map(String.init).joined(separator: ", ")
        return KeyFileThroughput(
            lines: lines, bytes: bytes,
            study: "\(configuration.strategies.map(\.name).joined(separator: ", ")), \(counts) partitions",
            floorTiming: timings[0], studyTiming: timings[1])
    }

    private static func check(_ seen: Int, _ expected: Int, _ path: String) throws(KeyReadError) {
        guard seen == expected else {
            throw KeyReadError(path: path, line: nil, reason: .readFailed("\(seen) lines read, \(expected) counted before"))
        }
    }

    /// Key-line bytes per second of the study (median pass).
    package var studyBytesPerSecond: Double { Double(bytes) / studyTiming.medianSeconds }
    /// Bytes per second of the floor (median pass).
    package var floorBytesPerSecond: Double { Double(bytes) / floorTiming.medianSeconds }

    /// The report section: a table of both passes (seconds, MB/s, keys/s, time ÷ floor),
    /// compared with a baseline by their timing spreads.
    package func section(id: String, title: String, file: String) -> ReportSection {
        var table = ReportTable(id: "\(id)-passes", title: "Passes over \(file)", columns: [
            ReportColumn("pass"),
            ReportColumn("seconds", header: "time per pass", format: .duration),
            ReportColumn("bytes_per_second", header: "throughput", format: .rate(unit: "B")),
            ReportColumn("keys_per_second", header: "keys", format: .rate(unit: "keys")),
            ReportColumn("floor_ratio", header: "÷ floor", format: .significant(digits: 3)),
        ])
        for (pass, timing) in [("read + count lines (floor)", floorTiming), ("study: \(study)", studyTiming)] {
            table.addRow([
                .text(pass), .number(timing.medianSeconds), .number(Double(bytes) / timing.medianSeconds),
                .number(Double(lines) / timing.medianSeconds), .number(timing.medianSeconds / floorTiming.medianSeconds),
            ])
        }
        table.notes.append("time per pass: median of \(studyTiming.samples) interleaved rounds, thread CPU time, page cache warm; ÷ floor: the pass's time over the floor's.")
        table.comparison = ReportTableComparison(keyColumns: ["pass"], timed: [
            "seconds": ReportTimedColumn(lowerIsFaster: true, spreads: [floorTiming, studyTiming].map {
                ReportSpread(low: $0.range.lowerBound, high: $0.range.upperBound, samples: $0.samples)
            }),
        ])
        return ReportSection(
            id: id, title: title,
            paragraphs: [
                "\(NumberRule.count(Double(lines))) lines, \(UnitText.bytes(Double(bytes))), written to a temporary file and read back as kbench partitions --keys FILE reads it: 1 MiB reads, lines split and copied into batches of \(PartitionDistributionStudy.keysPerBatch) keys in bulk, hashed by the batch kernels, counted, and fed to the hot-key sketch. The floor reads the same file through the same buffer and only counts its newlines (as wc -l does): what reading costs on this machine before any key is looked at.",
            ],
            facts: [
                ReportFact("study throughput", .number(studyBytesPerSecond), format: .rate(unit: "B")),
                ReportFact("floor throughput", .number(floorBytesPerSecond), format: .rate(unit: "B")),
            ],
            tables: [table])
    }
}
