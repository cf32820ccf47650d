import ArgumentParser
import Foundation
import KBenchReports
import KBenchStudies

/// `kbench report`: hash, compress, partitions and produce on embedded defaults, written to `results/`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run hash, compress, partitions and produce on embedded defaults and write results/.",
        discussion: """
            The main job: measures this machine and writes a results directory with, per \
            report (hash, compress, partitions, produce), Markdown (<name>.md) and JSON \
            (<name>.json), SVG charts (<name>-<chart>.svg: throughput and speedup vs key size, \
            codec ratio vs throughput with the picks and the Pareto front, records per \
            partition as the deviation from the mean per strategy, producer latency vs \
            throughput with the knee, the sweep's p99 with the Pareto front and the \
            recommendation), an index.html \
            tying them together, a README.md and machine.json (machine, date, versions). The \
            directory is rewritten after each stage, so an interrupted run leaves a consistent \
            one; other files in it (e.g. results/golden/) are left alone.

            Stages and their defaults (a few minutes on two cores, release build):
              hash        murmur2, crc32, fnv1a × single, batch × 8 B … 64 KiB keys, each side
                          timed ≥ 0.25 s per cell, against librdkafka in the same run
              compress    json corpus, gzip/snappy/lz4/zstd levels × 1 KiB … 1 MiB batches,
                          as librdkafka and as Java write them (--client: one of them)
              partitions  random:16:1M and zipf:1.1:1M keys, every strategy, 12 partitions,
                          resize 12 → 13
              produce     librdkafka producing json-corpus values to its embedded mock cluster
                          (3 brokers, 1ms round trip): rate steps 10k, 100k, 500k, 1M, max × 2 s,
                          and linger-ms=0,5,20 × compression=none,lz4,zstd at 10k records/s ×
                          1 s, each twice in interleaved order (as kbench produce --throughput
                          and --sweep --repeat 2); client side only: no network, no disk, not a
                          Kafka broker
            --quick shrinks every stage to seconds (for tests; numbers are rough).

            Examples:
              kbench report
              kbench report --only hash,partitions --output-dir /tmp/results
              kbench report --quick --only produce --output-dir /tmp/produce
              kbench report --quick --output-dir /tmp/quick
              kbench report --quick --only compress --client librdkafka --output-dir /tmp/rdk
            """
    )

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Directory to write (created if needed).", valueName: "dir"))
    var outputDir = "results"

    @Flag(help: "A fast, rough variant of every stage (seconds, not minutes).")
    var quick = false

    @Option(help: ArgumentHelp("Stages to run, comma-separated: hash, compress, partitions, produce.", valueName: "stages"))
    var only = ReportStage.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: ArgumentHelp("Producer the compress stage reproduces: librdkafka, java or both.", valueName: "client"))
    var client = ClientChoice.both

    @Option(help: "Seed of every stage's keys and payloads.")
    var seed: UInt64 = ReportPlan.defaultSeed

    func validate() throws {
        _ = try stages()
        guard !outputDir.isEmpty else { throw ValidationError("--output-dir must not be empty") }
    }

    func stages() throws -> [ReportStage] {
        do {
            return try ReportStage.selection(parsing: only)
        } catch {
            throw ValidationError("--only: \(error.description)")
        }
    }

    func run() throws {
        let plan = ReportPlan(stages: try stages(), quick: quick, seed: seed, clients: client.clients)
        let machine = MachineInfo.current(kbenchVersion: KBenchVersion.current, librdkafkaVersion: HashStudy.librdkafkaVersion)
        do {
            try ReportRunner(plan: plan).run(
                writingTo: URL(fileURLWithPath: outputDir, isDirectory: true), machine: machine,
                progress: { label, total, unit in ProgressReporter(label: label, total: total, unit: unit) },
                log: ReportOutput.note)
        } catch {
            throw CLIFailure(error.description)
        }
        // After the run, so that a failure stays one line on stderr.
        #if DEBUG
        ReportOutput.note("kbench: warning: debug build: the timings written are meaningless (build with -c release)")
        #endif
    }
}
