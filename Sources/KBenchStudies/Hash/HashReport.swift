import Foundation
import KafkaPartitioning
import KBenchReports
import KBenchWorkloads

/// Turns a ``HashStudyResult`` into a report: a speedup overview (kbench ÷ librdkafka per
/// function, mode and key size), then per function a table of every cell and a chart of
/// throughput against key size.
package enum HashReport {
    /// The report's id (file names, JSON).
    package static let id = "hash"

    /// The document for `result`.
    package static func document(_ result: HashStudyResult) -> ReportDocument {
        let configuration = result.configuration
        var sections: [ReportSection] = [overviewSection(result)]
        for function in configuration.functions {
            sections.append(functionSection(result, function: function))
        }
        return ReportDocument(
            id: id,
            title: "Key hashing: kbench vs librdkafka",
            paragraphs: paragraphs(result),
            parameters: parameters(result),
            findings: findings(result),
            sections: sections
        )
    }

    /// kbench against librdkafka in one line: the range of speedups over every cell, how
    /// many cells were slower, and the extremes (none when librdkafka was not timed).
    static func findings(_ result: HashStudyResult) -> [ReportFinding] {
        let speedups = result.measurements.compactMap { m in m.speedup.map { (m, $0) } }
        guard let slowest = speedups.min(by: { $0.1 < $1.1 }), let fastest = speedups.max(by: { $0.1 < $1.1 }) else { return [] }
        let slower = speedups.filter { $0.1 < 1 }.count
        func cell(_ m: HashMeasurement) -> String { "\(m.function.rawValue) \(m.mode.rawValue), \(ByteSize.format(m.keySize)) keys" }
        let text = "kbench places keys \(NumberText.fixed(slowest.1, places: 2))× to \(NumberText.fixed(fastest.1, places: 2))× "
            + "as fast as librdkafka over \(speedups.count) cells (" + (slower == 0 ? "faster in every one" : "slower in \(slower)")
            + "); least \(cell(slowest.0)), most \(cell(fastest.0))"
        var findings = [ReportFinding(topic: "speed vs librdkafka", text: text, section: "overview")]
        let chains = chainSteps(result)
        if !chains.isEmpty {
            findings.append(ReportFinding(
                topic: "one-key chain bound",
                text: chains.map(\.text).joined(separator: "; ") + ": one multiply and one xor of latency per step on both sides, so long one-key keys tie by the machine's bound",
                section: "overview"))
        }
        let losses = chainLosses(result)
        if !losses.isEmpty {
            findings.append(ReportFinding(topic: "one-key losses", text: losses.joined(separator: "; "), section: "overview"))
        }
        return findings
    }

    static func paragraphs(_ result: HashStudyResult) -> [String] {
        let configuration = result.configuration
        var paragraphs = [
            "Every cell partitions seeded random keys of one size into \(configuration.partitionCount) partitions: hash, the client's sign rule, then the remainder — murmur2 as Java and librdkafka's murmur2 partitioner ((h & 0x7fffffff) % n), CRC-32 as librdkafka's consistent partitioner (h % n), FNV-1a as librdkafka's fnv1a partitioner (|int32(h)| % n).",
            "single: one call per key over a cache-resident set of keys (up to \(UnitText.bytes(Double(configuration.singleKeyBytes))), at most \(NumberText.grouped(Int64(configuration.maximumSingleKeys))) keys — enough distinct keys that the branch predictor cannot learn their outcomes): kbench's inlinable KeyHashing.partition against librdkafka's rd_kafka_msg_partitioner_* called through its function pointer, as librdkafka calls its partitioner. batch: kbench's BatchHasher.partition over up to \(NumberText.grouped(Int64(configuration.maximumBatchKeys))) contiguous keys (\(UnitText.bytes(Double(configuration.batchBytes))) of key bytes at most) against one librdkafka call per key over the same keys into the same output array.",
            "Before any timing, every key used was placed by kbench (one-key and batch paths) and by librdkafka with \(configuration.partitionCount) and with 2147483647 partitions (which keeps 31 bits of the hash); they agreed on all \(NumberText.grouped(Int64(result.verifiedKeys))) key placements per partition count.",
        ]
        let timing = "Timings are medians of rounds alternating kbench and librdkafka (order swapped every round), each side timed for at least \(UnitText.duration(seconds: configuration.minimumTime)) per cell after a warm-up, in thread CPU time (so time the scheduler gives other processes counts for neither side); throughput counts key bytes."
        paragraphs.append(configuration.compareLibrdkafka
            ? timing + " speedup = kbench keys/s ÷ librdkafka keys/s (above 1: kbench is faster)."
            : timing.replacingOccurrences(of: "rounds alternating kbench and librdkafka (order swapped every round), each side", with: "rounds, each") + " librdkafka was not timed (--compare none).")
        if let hertz = result.clockHertz, configuration.functions.contains(where: { $0 == .murmur2 || $0 == .fnv1a }) {
            paragraphs.append("One-key murmur2 and FNV-1a are one serial chain per key, in kbench and librdkafka alike: murmur2 h = h×m ⊕ k per 4-byte block, FNV-1a h = (h ⊕ b)×p per byte; each step waits for the previous step's multiply (3 cycles) and xor (1 cycle), so no implementation runs a long key faster than 4 cycles per step and their one-key speedup tends to 1.00 as keys grow. Cycles per step = time per key × the core clock (\(NumberText.fixed(hertz / 1e9, places: 2)) GHz, timed on a chain of dependent 64-bit multiplies, 3 cycles each) ÷ steps per key.")
        }
        if let instructions = result.instructions {
            paragraphs.append(instructions.explanation + (instructions.method == nil ? "" : " instruction ratio = librdkafka instructions ÷ kbench instructions (above 1: kbench executes fewer)."))
        }
        if !result.optimized {
            paragraphs.append("WARNING: this kbench was built without optimisations (debug); its timings are meaningless. Build with -c release.")
        }
        return paragraphs
    }

    static func parameters(_ result: HashStudyResult) -> [ReportFact] {
        let configuration = result.configuration
        let kernels = (result.hasAVX512 ? "AVX-512 batch kernels (16 keys per group)"
            : result.hasAVX2 ? "AVX2 batch kernels" : "portable SIMD batch kernels (no AVX2)")
            + (result.hasCarrylessMultiply ? ", carry-less-multiply CRC-32 from 64 B" : ", table CRC-32")
        return [
            ReportFact("functions", .text(configuration.functions.map(\.rawValue).joined(separator: ", "))),
            ReportFact("modes", .text(configuration.modes.map(\.rawValue).joined(separator: ", "))),
            ReportFact("key sizes", .text(configuration.sizes.map(ByteSize.format).joined(separator: ", "))),
            ReportFact("partitions", .integer(Int64(configuration.partitionCount))),
            ReportFact("compared with", .text(configuration.compareLibrdkafka ? "librdkafka \(result.librdkafkaVersion)" : "nothing (--compare none)")),
            ReportFact("kernels", .text(kernels)),
            ReportFact("verified", .text("\(NumberText.grouped(Int64(result.verifiedKeys))) key placements × partition counts \(result.verifiedPartitionCounts.map(String.init).joined(separator: " and ")) equal librdkafka's")),
            ReportFact("instructions", .text(instructionsFact(result.instructions))),
            ReportFact("build", .text(result.optimized ? "optimised" : "debug (timings meaningless)")),
            ReportFact("minimum time", .number(configuration.minimumTime), format: .duration),
            ReportFact("seed", .integer(Int64(bitPattern: configuration.seed))),
            ReportFact("run time", .number(result.elapsedSeconds), format: .duration),
        ]
    }

    /// The table note on instructions per key: how they were counted (the text above tells
    /// the details), or why they were not.
    static func instructionsNote(_ summary: InstructionCountSummary) -> String {
        guard summary.method != nil else { return summary.explanation }
        return "instructions \(instructionsFact(summary)) (see above); instr. ratio = librdkafka ÷ kbench instructions (above 1: kbench executes fewer)."
    }

    /// The parameter line on instruction counting.
    static func instructionsFact(_ summary: InstructionCountSummary?) -> String {
        guard let summary else { return "not asked for (--instructions none)" }
        switch summary.method {
        case .hardware: return "per key, by the CPU's counter (perf_event_open)"
        case .callgrind: return "per key, by valgrind's callgrind"
        case nil: return "not counted (see above)"
        }
    }

    /// Rows of function × mode, a column per key size: the speedup over librdkafka (or, when
    /// not compared, kbench's throughput).
    static func overviewSection(_ result: HashStudyResult) -> ReportSection {
        let configuration = result.configuration
        let compared = configuration.compareLibrdkafka
        let sizeColumns = configuration.sizes.map { size in
            compared
                ? ReportColumn("size_\(size)", header: ByteSize.format(size), unit: "×", format: .decimal(places: 2))
                : ReportColumn("size_\(size)", header: ByteSize.format(size), format: .rate(unit: "B"))
        }
        var table = ReportTable(
            id: compared ? "speedup" : "throughput",
            title: compared ? "Speedup over librdkafka (kbench keys/s ÷ librdkafka keys/s) by key size" : "kbench throughput (key bytes/s) by key size",
            columns: [ReportColumn("function"), ReportColumn("mode")] + sizeColumns,
            notes: compared ? ["single: one call per key on both sides; batch: BatchHasher vs one librdkafka call per key."] : []
        )
        for function in configuration.functions {
            for mode in configuration.modes {
                let cells = configuration.sizes.map { size -> ReportValue in
                    guard let m = result.measurement(function, mode, keySize: size) else { return .missing }
                    return ReportValue(compared ? (m.speedup ?? .nan) : m.kbenchBytesPerSecond)
                }
                table.addRow([.text(function.rawValue), .text(mode.rawValue)] + cells)
            }
        }
        var facts: [ReportFact] = []
        if compared {
            let speedups = result.measurements.compactMap { m in m.speedup.map { (m, $0) } }
            if let best = speedups.max(by: { $0.1 < $1.1 }) {
                facts.append(ReportFact("largest speedup", .text(describe(best.0))))
            }
            if let worst = speedups.min(by: { $0.1 < $1.1 }) {
                facts.append(ReportFact("smallest speedup", .text(describe(worst.0))))
            }
            facts.append(ReportFact("core clock", .text(result.clockHertz.map { "\(NumberText.fixed($0 / 1e9, places: 2)) GHz (a chain of dependent multiplies)" }
                ?? "not measured (no multiply chain on this CPU architecture)")))
            for chain in chainSteps(result) {
                facts.append(ReportFact("one-key chain", .text(chain.text + " (bound: 4)")))
            }
        }
        return ReportSection(
            id: "overview", title: compared ? "Speedup over librdkafka" : "Throughput",
            facts: facts, tables: [table] + [chainCyclesTable(result)].compactMap { $0 }
                + (compared ? instructionRatioTable(result).map { [$0] } ?? [] : []),
            charts: compared && !result.measurements.isEmpty ? [.xy(speedupChart(result))] : []
        )
    }

    /// Rows of function × mode, a column per key size: librdkafka's instructions per key ÷
    /// kbench's; `nil` when instructions were not asked for. When none could be counted the
    /// cells are empty and the note says why.
    static func instructionRatioTable(_ result: HashStudyResult) -> ReportTable? {
        guard let summary = result.instructions else { return nil }
        let configuration = result.configuration
        var table = ReportTable(
            id: "instructions",
            title: "Instructions per key, librdkafka ÷ kbench, by key size",
            columns: [ReportColumn("function"), ReportColumn("mode")] + configuration.sizes.map {
                ReportColumn("size_\($0)", header: ByteSize.format($0), unit: "×", format: .decimal(places: 2))
            },
            notes: [instructionsNote(summary)]
        )
        for function in configuration.functions {
            for mode in configuration.modes {
                let cells = configuration.sizes.map { size -> ReportValue in
                    result.measurement(function, mode, keySize: size)?.instructions?.ratio.map { ReportValue($0) } ?? .missing
                }
                table.addRow([.text(function.rawValue), .text(mode.rawValue)] + cells)
            }
        }
        return table
    }

    static func describe(_ m: HashMeasurement) -> String {
        "\(m.function.rawValue) \(m.mode.rawValue) at \(ByteSize.format(m.keySize)): \(NumberText.fixed(m.speedup ?? .nan, places: 2))× "
            + "(\(UnitText.duration(seconds: m.kbenchSecondsPerKey)) vs \(UnitText.duration(seconds: m.librdkafkaSecondsPerKey ?? .nan)) per key)"
    }

    static func functionSection(_ result: HashStudyResult, function: HashFunction) -> ReportSection {
        let configuration = result.configuration
        let compared = configuration.compareLibrdkafka
        let measured = result.measurements.filter { $0.function == function }
        let peer = HashPairing(function)
        var columns = [
            ReportColumn("mode"),
            ReportColumn("key_size", header: "key size", format: .bytes),
            ReportColumn("keys", header: "keys/run", format: .integer),
            ReportColumn("kernel"),
            ReportColumn("kbench_ns_per_key", header: "time", unit: "per key", format: .duration, group: "kbench"),
            ReportColumn("kbench_keys_per_second", header: "keys", format: .rate(unit: "keys"), group: "kbench"),
            ReportColumn("kbench_bytes_per_second", header: "bytes", format: .rate(unit: "B"), group: "kbench"),
        ]
        let counted = result.instructions != nil
        if counted { columns.append(instructionsColumn("kbench")) }
        if compared {
            columns += [
                ReportColumn("librdkafka_ns_per_key", header: "time", unit: "per key", format: .duration, group: "librdkafka"),
                ReportColumn("librdkafka_keys_per_second", header: "keys", format: .rate(unit: "keys"), group: "librdkafka"),
                ReportColumn("librdkafka_bytes_per_second", header: "bytes", format: .rate(unit: "B"), group: "librdkafka"),
            ]
            if counted { columns.append(instructionsColumn("librdkafka")) }
            columns.append(ReportColumn("speedup", unit: "×", format: .decimal(places: 2)))
            if counted { columns.append(ReportColumn("instruction_ratio", header: "instr. ratio", unit: "×", format: .decimal(places: 2))) }
        }
        var table = ReportTable(
            id: function.rawValue,
            title: "\(function.rawValue): kbench \(peer.rule) vs \(peer.librdkafkaSymbol)",
            columns: columns,
            notes: ["kernel: one-key = the inlinable one-key function; avx512 / avx2 / portable-simd / scalar = the batch kernel BatchHasher chose on this CPU."]
                + (result.instructions.map { [instructionsNote($0)] } ?? [])
        )
        let rows = configuration.modes.flatMap { mode in measured.filter { $0.mode == mode } }
        var timed = ["kbench_ns_per_key": ReportTimedColumn(lowerIsFaster: true, spreads: rows.map { ReportSpread(perKey: $0.kbench, keys: $0.keysPerRun) })]
        if compared {
            timed["librdkafka_ns_per_key"] = ReportTimedColumn(lowerIsFaster: true, spreads: rows.map { m in m.librdkafka.map { ReportSpread(perKey: $0, keys: m.keysPerRun) } })
        }
        table.comparison = ReportTableComparison(keyColumns: ["mode", "key_size"], timed: timed, deterministicColumns: ["keys"])
        for mode in configuration.modes {
            for m in measured where m.mode == mode {
                var row: [ReportValue] = [
                    .text(m.mode.rawValue), ReportValue(m.keySize), ReportValue(m.keysPerRun), .text(m.kernel),
                    ReportValue(m.kbenchSecondsPerKey), ReportValue(m.kbenchKeysPerSecond), ReportValue(m.kbenchBytesPerSecond),
                ]
                if counted { row.append(m.instructions.map { ReportValue($0.kbench) } ?? .missing) }
                if compared {
                    row += [
                        ReportValue(m.librdkafkaSecondsPerKey ?? .nan), ReportValue(m.librdkafkaKeysPerSecond ?? .nan),
                        ReportValue(m.librdkafkaBytesPerSecond ?? .nan),
                    ]
                    if counted { row.append(m.instructions?.librdkafka.map { ReportValue($0) } ?? .missing) }
                    row.append(ReportValue(m.speedup ?? .nan))
                    if counted { row.append(m.instructions?.ratio.map { ReportValue($0) } ?? .missing) }
                }
                table.addRow(row)
            }
        }
        return ReportSection(
            id: "function-\(function.rawValue)", title: "\(function.rawValue) (librdkafka: \(peer.librdkafkaName))",
            tables: [table], charts: measured.isEmpty ? [] : [.xy(throughputChart(result, function: function))]
        )
    }

    /// The instructions-per-key column of `side` (`kbench` or `librdkafka`).
    static func instructionsColumn(_ side: String) -> ReportColumn {
        ReportColumn("\(side)_instructions_per_key", header: "instructions", unit: "per key", format: .decimal(places: 1), group: side)
    }

    /// Throughput (GB/s of key bytes) against key size for one function: kbench and
    /// librdkafka, per mode.
    package static func throughputChart(_ result: HashStudyResult, function: HashFunction) -> XYChart {
        let measured = result.measurements.filter { $0.function == function }
        var series: [ChartSeries] = []
        for mode in result.configuration.modes {
            let cells = measured.filter { $0.mode == mode }
            series.append(ChartSeries(name: "kbench \(mode.rawValue)", points: cells.map {
                ChartPoint(x: Double($0.keySize), y: $0.kbenchBytesPerSecond / 1e9)
            }))
        }
        if result.configuration.compareLibrdkafka {
            for mode in result.configuration.modes {
                let cells = measured.filter { $0.mode == mode }
                series.append(ChartSeries(name: "librdkafka \(mode.rawValue)", points: cells.compactMap { m in
                    m.librdkafkaBytesPerSecond.map { ChartPoint(x: Double(m.keySize), y: $0 / 1e9) }
                }))
            }
        }
        let peer = HashPairing(function)
        return XYChart(
            id: "throughput-\(function.rawValue)",
            title: "\(function.rawValue): throughput vs key size",
            subtitle: "key bytes partitioned per second, \(result.configuration.partitionCount) partitions; librdkafka = \(peer.librdkafkaSymbol)",
            style: .line,
            xAxis: keySizeAxis(result),
            yAxis: ChartAxis(label: "throughput (GB/s)", scale: .log10),
            series: series
        )
    }

    /// kbench ÷ librdkafka against key size, a series per function and mode.
    package static func speedupChart(_ result: HashStudyResult) -> XYChart {
        var series: [ChartSeries] = []
        for function in result.configuration.functions {
            for mode in result.configuration.modes {
                let cells = result.measurements.filter { $0.function == function && $0.mode == mode }
                series.append(ChartSeries(name: "\(function.rawValue) \(mode.rawValue)", points: cells.compactMap { m in
                    m.speedup.map { ChartPoint(x: Double(m.keySize), y: $0) }
                }))
            }
        }
        return XYChart(
            id: "speedup",
            title: "Speedup over librdkafka vs key size",
            subtitle: "kbench keys/s ÷ librdkafka keys/s; above 1× kbench is faster",
            style: .line,
            xAxis: keySizeAxis(result),
            yAxis: ChartAxis(label: "speedup (×)", scale: .log10, format: .multiplier),
            series: series,
            referenceLines: [ReferenceLine(label: "1× = as fast as librdkafka", value: 1)]
        )
    }

    /// The key-size axis (log₂), ticked at the sizes measured only.
    static func keySizeAxis(_ result: HashStudyResult) -> ChartAxis {
        let sizes = Set(result.measurements.map(\.keySize)).sorted().map(Double.init)
        return ChartAxis(label: "key size", scale: .log2, format: .bytes, ticks: sizes)
    }
}
