import KafkaPartitioning
import KBenchReports
import KBenchWorkloads

/// What the report shows of one-key murmur2 and FNV-1a at the bound of their serial chain
/// (h = h×m ⊕ k per 4-byte block, h = (h ⊕ b)×p per byte: a multiply and an xor of latency
/// per step, on every implementation): cycles per step at every key size for both sides, and
/// for each one-key cell kbench lost, whether the loss clears the rounds' own spread.
extension HashReport {
    /// Cycles of latency per chain step no implementation can beat: a 3-cycle multiply then a
    /// 1-cycle xor.
    static let chainBoundCycles = 4.0

    /// One-key cells of a chained hash, with both sides' cycles per step at `hertz`.
    static func chainCells(_ result: HashStudyResult, hertz: Double) -> [(measurement: HashMeasurement, kbench: Double, librdkafka: Double)] {
        result.measurements.compactMap { m in
            guard m.mode == .single, let librdkafkaSeconds = m.librdkafkaSecondsPerKey,
                  let kbench = m.cyclesPerChainStep(secondsPerKey: m.kbenchSecondsPerKey, hertz: hertz),
                  let librdkafka = m.cyclesPerChainStep(secondsPerKey: librdkafkaSeconds, hertz: hertz) else { return nil }
            return (m, kbench, librdkafka)
        }
    }

    /// One-key murmur2 and FNV-1a at the longest key measured, in cycles per step of their
    /// serial chain (kbench and librdkafka), when the clock was measured and librdkafka timed.
    static func chainSteps(_ result: HashStudyResult) -> [(function: HashFunction, text: String)] {
        guard let hertz = result.clockHertz, result.configuration.compareLibrdkafka, let size = result.configuration.sizes.max() else { return [] }
        return chainCells(result, hertz: hertz).filter { $0.measurement.keySize == size }.map { cell in
            let m = cell.measurement
            return (m.function, "\(m.function.rawValue) one key at \(ByteSize.format(size)): kbench \(NumberText.fixed(cell.kbench, places: 2)) cycles per \(stepUnit(m)), librdkafka \(NumberText.fixed(cell.librdkafka, places: 2))")
        }
    }

    /// The one-key cells of a chained hash that kbench lost, each with its cycles per step and
    /// whether the two sides' middle halves of samples overlap (then the loss is within what
    /// the rounds themselves vary by: a tie at the bound).
    static func chainLosses(_ result: HashStudyResult) -> [String] {
        guard let hertz = result.clockHertz else { return [] }
        return chainCells(result, hertz: hertz).compactMap { cell in
            let m = cell.measurement
            guard let speedup = m.speedup, speedup < 1, let peer = m.librdkafka else { return nil }
            let keys = Double(m.keysPerRun)
            let overlap = m.kbench.spread.low <= peer.spread.high && peer.spread.low <= m.kbench.spread.high
            func quartiles(_ spread: TimingSpread) -> String {
                "\(UnitText.duration(seconds: spread.low / keys))–\(UnitText.duration(seconds: spread.high / keys))"
            }
            let verdict = overlap ? "the middle halves of their rounds overlap: a tie at the chain bound" : "outside the middle halves of their rounds"
            return "\(m.function.rawValue) one key at \(ByteSize.format(m.keySize)): \(NumberText.fixed(speedup, places: 2))×, "
                + "\(NumberText.fixed(cell.kbench, places: 2)) vs \(NumberText.fixed(cell.librdkafka, places: 2)) cycles per \(stepUnit(m)) "
                + "(per key kbench \(quartiles(m.kbench.spread)), librdkafka \(quartiles(peer.spread))); \(verdict)"
        }
    }

    /// Rows of function × side, a column per key size: cycles per step of one-key murmur2 and
    /// FNV-1a; `nil` without the clock, librdkafka or a chained hash.
    static func chainCyclesTable(_ result: HashStudyResult) -> ReportTable? {
        guard let hertz = result.clockHertz, result.configuration.compareLibrdkafka else { return nil }
        let cells = chainCells(result, hertz: hertz)
        guard !cells.isEmpty else { return nil }
        let sizes = result.configuration.sizes
        var table = ReportTable(
            id: "chain-cycles",
            title: "One key: cycles per step of the serial chain, by key size",
            columns: [ReportColumn("function"), ReportColumn("side")] + sizes.map {
                ReportColumn("size_\($0)", header: ByteSize.format($0), unit: "cycles", format: .decimal(places: 2))
            },
            notes: ["murmur2: cycles per 4-byte block; fnv1a: cycles per byte. Time per key × the core clock ÷ steps per key. Consecutive keys' chains are independent, so the core overlaps one key's last steps with the next key's first: short keys can show fewer cycles per step than the bound, long keys approach it. Bound: \(NumberText.fixed(chainBoundCycles, places: 0)) cycles per step (multiply, then xor)."]
        )
        for function in result.configuration.functions where cells.contains(where: { $0.measurement.function == function }) {
            for side in ["kbench", "librdkafka"] {
                let row = sizes.map { size -> ReportValue in
                    guard let cell = cells.first(where: { $0.measurement.function == function && $0.measurement.keySize == size }) else { return .missing }
                    return ReportValue(side == "kbench" ? cell.kbench : cell.librdkafka)
                }
                table.addRow([.text(function.rawValue), .text(side)] + row)
            }
        }
        return table
    }

    private static func stepUnit(_ m: HashMeasurement) -> String {
        m.chainStepBytes == 1 ? "byte" : "\(m.chainStepBytes ?? 4)-byte block"
    }
}
