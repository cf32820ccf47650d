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
                          resize 12 → 13; the random keys as a key file read back by java's
                          study against the floor of reading the file (≥ 1 s each, same run)
              produce     librdkafka producing json-corpus values to its embedded mock cluster
                          (3 brokers, 1ms round trip): rate steps 10k, 100k, 500k, 1M, max × 2 s,
                          and linger-ms=0,5,20 × compression=none,lz4,zstd at 10k records/s ×
                          1 s, each twice in interleaved order (as kbench produce --throughput
                          and --sweep --repeat 2); client side only: no network, no disk, not a
                          Kafka broker
            --quick shrinks every stage to seconds (for tests; numbers are rough).

            --baseline DIR compares every report with the same report in DIR, an earlier \
            results directory (its <name>.json): each timed table gains a change column per \
            timed figure (this run ÷ the baseline − 1: hash times per key, compress and \
            decompress throughputs, the producer's achieved rate and p99), and each report \
            (Markdown, index.html, and one line on stderr) opens with "Compared with \
            baseline": the cells that moved beyond noise — the spreads of their own rounds \
            in the two runs do not overlap (fastest to slowest timing sample; the \
            producer's lowest and highest run) and the change exceeds --noise-floor (default 25%) — rows in one \
            run only (added or removed, not compared), and deterministic figures (ratios, \
            byte counts, partition statistics) that changed, which they never should. The \
            JSON of every timed table carries each cell's spread ("comparison"). \
            --fail-on-regression exits 1 when a cell got slower beyond noise: the CI \
            regression view. DIR may be the --output-dir itself (read before anything is \
            written); parameters that differ from the baseline's (key sets, sizes: a --quick \
            run against a full one) are named, since such figures are not like for like.

            Examples:
              kbench report
              kbench report --only hash,partitions --output-dir /tmp/results
              kbench report --quick --only produce --output-dir /tmp/produce
              kbench report --quick --output-dir /tmp/quick
              kbench report --quick --only compress --client librdkafka --output-dir /tmp/rdk
              kbench report --quick --only hash --output-dir base && \\
                kbench report --quick --only hash --output-dir new --baseline base
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

    @Option(help: ArgumentHelp("An earlier results directory to compare with: change columns and a summary of what moved beyond noise.", valueName: "dir"))
    var baseline: String?

    @Option(name: .customLong("noise-floor"), help: ArgumentHelp("With --baseline: the smallest change (per cent) that counts as moved, besides non-overlapping spreads (default 25).", valueName: "percent"))
    var noiseFloor: Double?

    @Flag(name: .customLong("fail-on-regression"), help: "With --baseline: exit 1 when a timed cell got slower beyond noise.")
    var failOnRegression = false

    func validate() throws {
        _ = try stages()
        guard !outputDir.isEmpty else { throw ValidationError("--output-dir must not be empty") }
        if baseline == nil {
            if noiseFloor != nil { throw ValidationError("--noise-floor is for --baseline") }
            if failOnRegression { throw ValidationError("--fail-on-regression is for --baseline") }
        }
        if let noiseFloor, !(0...1000).contains(noiseFloor) { throw ValidationError("--noise-floor must be 0…1000 (per cent), got \(noiseFloor)") }
    }

    /// The baseline to compare with, read and checked before any stage runs.
    func loadBaseline(_ stages: [ReportStage]) throws -> ReportBaseline? {
        guard let baseline else { return nil }
        do {
            let run = try BaselineRun.load(baseline, reports: stages.map(\.rawValue))
            return ReportBaseline(run: run, rule: NoiseRule(floor: (noiseFloor ?? NoiseRule.defaultFloor * 100) / 100))
        } catch {
            throw CLIFailure(error.description)
        }
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
        let compareWith = try loadBaseline(plan.stages)
        let machine = MachineInfo.current(kbenchVersion: KBenchVersion.current, librdkafkaVersion: HashStudy.librdkafkaVersion)
        let outcomes: [ReportStageOutcome]
        do {
            outcomes = try ReportRunner(plan: plan, baseline: compareWith).run(
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
        let slower = outcomes.flatMap { $0.comparison?.slowdowns ?? [] }
        if failOnRegression && !slower.isEmpty {
            let shown = slower.prefix(3).map { "\($0.label) \(BaselineCell.percentText($0.change))" }.joined(separator: "; ")
            throw CLIFailure("\(slower.count) timed cell\(slower.count == 1 ? "" : "s") slower than the baseline beyond noise: \(shown)\(slower.count > 3 ? "; …" : "") (--fail-on-regression)")
        }
    }
}
