import ArgumentParser
import Foundation
import KBenchReports
import KBenchStudies

/// What `kbench hash` times kbench against.
enum HashComparison: String, CaseIterable, ExpressibleByArgument {
    /// librdkafka's C partitioners, interleaved in the same run.
    case librdkafka
    /// Nothing: kbench only.
    case none
}

/// `kbench hash`: key partitioning throughput, kbench against librdkafka's C partitioners.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Time key hashing (murmur2, crc32, fnv1a) against librdkafka's partitioners.",
        discussion: """
            Partitions seeded random keys of each size with kbench and with librdkafka's C \
            partitioner that places keys the same way (murmur2 ↔ rd_kafka_msg_partitioner_murmur2, \
            crc32 ↔ _consistent, fnv1a ↔ _fnv1a), in the same process, in alternating rounds, and \
            reports ns/key, keys/s, bytes/s and the speedup (kbench keys/s ÷ librdkafka keys/s).

            Modes: single = one call per key over a small cache-resident key set (kbench's \
            inlinable one-key function vs the C function called through its pointer, as \
            librdkafka calls it); batch = BatchHasher over up to 1,000,000 contiguous keys \
            (16 MiB of keys at most; AVX-512 or AVX2 kernels when the CPU has them) vs one C call per key \
            over the same keys.

            --instructions adds instructions per key of the same loops, a count that holds on \
            any machine and under any load: the CPU's counter (perf_event_open) where the \
            kernel exposes it, else kbench re-runs itself under valgrind's callgrind over the \
            first keys of each set (valgrind hides AVX-512: the batch count is then the AVX2 \
            kernel's). auto says in the report why nothing was counted when neither works.

            Before timing, every key is placed by both sides (with -n and with 2147483647 \
            partitions, which compares 31 bits of the hash) and any difference stops the run. \
            Each side is timed for at least --min-time per cell, in thread CPU time (time \
            given to other processes counts for neither side); medians are reported. Build \
            with -c release: a debug build's numbers are meaningless.

            Examples:
              kbench hash
              kbench hash --functions murmur2 --sizes 16,64,1KiB --min-time 0.5
              kbench hash --modes batch --compare none --format json
              kbench hash --functions murmur2 --sizes 16,1KiB --instructions auto
              kbench hash --format markdown --output hash.md --charts charts/
            """
    )

    @Option(help: ArgumentHelp("Hash functions, comma-separated: murmur2, crc32, fnv1a.", valueName: "list"))
    var functions = "murmur2,crc32,fnv1a"

    @Option(help: ArgumentHelp("Modes, comma-separated: single, batch.", valueName: "list"))
    var modes = "single,batch"

    @Option(help: ArgumentHelp("Key sizes, comma-separated, with units (1 B ... 1 MiB).", valueName: "sizes"))
    var sizes = HashStudyConfiguration.defaultSizes.map(String.init).joined(separator: ",")

    @Option(help: ArgumentHelp("Time librdkafka's partitioners in the same run (librdkafka) or not (none).", valueName: "peer"))
    var compare: HashComparison = .librdkafka

    @Option(name: [.customShort("n"), .customLong("partitions")], parsing: .unconditional, help: "Partition count of the timed calls.")
    var partitions = CountArgument(HashStudyConfiguration.defaultPartitionCount)

    @Option(name: .customLong("batch-keys"), parsing: .unconditional, help: ArgumentHelp("Keys per batch-mode run, at most (fewer for long keys: 16 MiB of keys at most).", valueName: "count"))
    var batchKeys = CountArgument(HashStudyConfiguration().maximumBatchKeys)

    @Option(name: .customLong("min-time"), help: ArgumentHelp("Seconds each side of each cell is timed for, at least (0 = once).", valueName: "seconds"))
    var minTime = HashStudyConfiguration.defaultMinimumTime

    @Option(help: "Seed of the key bytes (same seed, same keys).")
    var seed: UInt64 = HashStudyConfiguration.defaultSeed

    @Option(help: ArgumentHelp(
        "Also count instructions per key: auto (the CPU's counter, else callgrind, else the report says why), hardware, callgrind, or none.",
        valueName: "how"))
    var instructions: InstructionCountRequest = .none

    /// The callgrind child of `--instructions callgrind`: counts the loops, times nothing.
    @Flag(name: .customLong(String(HashStudy.callgrindChildFlag.dropFirst(2))), help: .hidden)
    var callgrindChild = false

    @OptionGroup var report: ReportFormatOptions

    @Option(help: ArgumentHelp("Also write the throughput and speedup charts as SVG files into this directory.", valueName: "dir"))
    var charts: String?

    func validate() throws {
        _ = try studyConfiguration()
    }

    /// The study configuration the options describe, or a usage error naming the bad option.
    func studyConfiguration() throws -> HashStudyConfiguration {
        func parse<Value>(_ option: String, _ body: () throws(HashStudyError) -> Value) throws -> Value {
            do { return try body() } catch { throw ValidationError("\(option): \(error.description)") }
        }
        let configuration = HashStudyConfiguration(
            functions: try parse("--functions") { () throws(HashStudyError) in try HashSelection.functions(parsing: functions) },
            modes: try parse("--modes") { () throws(HashStudyError) in try HashSelection.modes(parsing: modes) },
            sizes: try parse("--sizes") { () throws(HashStudyError) in try HashSelection.sizes(parsing: sizes) },
            minimumTime: minTime,
            compareLibrdkafka: compare == .librdkafka,
            partitionCount: partitions.value,
            seed: seed,
            maximumBatchKeys: batchKeys.value,
            instructions: instructions
        )
        guard minTime >= 0, minTime <= 60, minTime.isFinite else {
            throw ValidationError("--min-time must be between 0 and 60 seconds, got \(minTime)")
        }
        try partitions.check("--partitions", in: 1...Int(Int32.max))
        try batchKeys.check("--batch-keys", in: 1...Int.max)
        do { try configuration.validate() } catch { throw ValidationError(error.description) }
        return configuration
    }

    func run() throws {
        #if DEBUG
        ReportOutput.note("kbench: warning: debug build: hash timings are meaningless (build with -c release)")
        #endif
        let study: HashStudy
        let result: HashStudyResult
        do {
            study = try HashStudy(configuration: try studyConfiguration())
            if callgrindChild {
                try study.countUnderCallgrind()
                return
            }
            let progress = ProgressReporter(label: "hash", total: study.cellCount, unit: "cells")
            result = try study.run(progress: progress)
        } catch let error as HashStudyError {
            throw CLIFailure(error.description)
        }
        let document = HashReport.document(result)
        try report.emit(document)
        if let charts {
            try ReportOutput.writeCharts(of: document, to: charts)
        }
    }
}
