import CInstructionCount
import KBenchReports
import KafkaPartitioning

/// Instructions per key of one hash cell, kbench's and (when compared) librdkafka's loop.
package struct HashInstructionCount: Sendable, Hashable, Codable {
    /// kbench's instructions per key.
    package var kbench: Double
    /// librdkafka's instructions per key, if compared.
    package var librdkafka: Double?
    /// The kbench implementation counted (under callgrind the batch kernel can differ from
    /// the timed one: valgrind hides AVX-512, so `avx2` is counted where `avx512` was timed).
    package var kernel: String
    /// Keys of the counted pass.
    package var keys: Int

    /// Counts per key from whole-pass `counts` (kbench's first) over `keys` keys.
    init(counts: [Int64], keys: Int, kernel: String) {
        let perKey = counts.map { Double($0) / Double(Swift.max(keys, 1)) }
        kbench = perKey[0]
        librdkafka = perKey.count > 1 ? perKey[1] : nil
        self.kernel = kernel
        self.keys = keys
    }

    /// librdkafka's instructions ÷ kbench's (above 1: kbench executes fewer), if compared.
    package var ratio: Double? { librdkafka.map { $0 / kbench } }
}

/// How a hash study counts instructions: chosen before the timing (a hardware counter counts
/// each cell in this process right after timing it), finished after it (callgrind re-runs
/// kbench over the same cells and the counts are attached).
struct HashInstructionCounting {
    private enum Method {
        case notRequested
        case unavailable(String)
        case hardware(HardwareInstructionCounter)
        case callgrind(CallgrindRun, executable: String)
    }

    private let method: Method
    /// Whether a failed callgrind run is recorded as the reason (``InstructionCountRequest/auto``)
    /// rather than thrown.
    private var recordsFailure = false

    /// The hardware counter, when that is the method.
    var hardwareCounter: HardwareInstructionCounter? {
        if case .hardware(let counter) = method { return counter }
        return nil
    }

    /// The method for `request`: the hardware counter first, then callgrind. Throws when
    /// `.hardware` or `.callgrind` was asked for and is unavailable; `.auto` then records why.
    static func choose(_ request: InstructionCountRequest, executable: String) throws(HashStudyError) -> HashInstructionCounting {
        if request == .none { return HashInstructionCounting(method: .notRequested) }
        var reasons: [String] = []
        if request != .callgrind {
            switch HardwareInstructionCounter.open() {
            case .success(let counter): return HashInstructionCounting(method: .hardware(counter))
            case .failure(let error):
                if request == .hardware { throw .instructions("--instructions hardware: \(error.description)") }
                reasons.append(error.description)
            }
        }
        if kbench_callgrind_supported() == 0 {
            reasons.append("this kbench was built without valgrind's callgrind.h (apt-get install valgrind, then rebuild)")
        } else {
            switch CallgrindRun.locate() {
            case .success(let run): return HashInstructionCounting(method: .callgrind(run, executable: executable), recordsFailure: request == .auto)
            case .failure(let error): reasons.append(error.description)
            }
        }
        if request == .callgrind { throw .instructions("--instructions callgrind: \(reasons.joined(separator: "; "))") }
        return HashInstructionCounting(method: .unavailable(reasons.joined(separator: " and ")))
    }

    /// Attaches the callgrind counts (when that is the method) and says how the instructions
    /// were counted, or why not; `nil` when not requested.
    func finish(_ configuration: HashStudyConfiguration, measurements: inout [HashMeasurement]) throws(HashStudyError) -> InstructionCountSummary? {
        switch method {
        case .notRequested:
            return nil
        case .unavailable(let reason):
            return InstructionCountSummary(method: nil, explanation: "Instructions per key were not counted: \(reason).")
        case .hardware:
            return InstructionCountSummary(
                method: .hardware,
                explanation: "Instructions per key: the CPU's retired-instruction counter (perf_event_open, user space, this thread), "
                    + "the smallest of \(HardwareInstructionCounter.runs) counted passes over the timed keys after an uncounted one, "
                    + "less the counter's own start and stop, divided by the keys of a pass.")
        case .callgrind(let run, let executable):
            let counts: [String: Int64]
            do {
                counts = try run.count(executable: executable, arguments: HashCallgrindLabel.childArguments(configuration))
            } catch {
                guard recordsFailure else { throw .instructions(error.description) }
                return InstructionCountSummary(method: nil, explanation: "Instructions per key were not counted: \(error.description).")
            }
            let overhead = counts[HashCallgrindLabel.overhead] ?? 0
            let parsed = HashCallgrindLabel.counts(counts, overhead: overhead)
            for index in measurements.indices {
                measurements[index].instructions = parsed[HashCallgrindLabel.Cell(measurements[index])]
            }
            return InstructionCountSummary(method: .callgrind, explanation: Self.callgrindExplanation(measurements))
        }
    }

    private static func callgrindExplanation(_ measurements: [HashMeasurement]) -> String {
        var text = "Instructions per key: counted by valgrind's callgrind (the same on any machine and under any load): "
            + "kbench re-ran itself under it with collection off and collected exactly each timed loop "
            + "(one pass after an uncounted one, on the first keys of each timed set), less the collection's own start and stop, "
            + "divided by the keys of the pass."
        let hidden = measurements.filter { m in m.instructions.map { $0.kernel != m.kernel } ?? false }
        if let example = hidden.first, let counted = example.instructions?.kernel {
            text += " valgrind does not run AVX-512 and hides it from the CPU probe, so the batch instructions are those of the "
                + "\(counted) kernel where the timing ran \(example.kernel)."
        }
        return text
    }
}

/// The labels the callgrind child gives each counted loop, and the child's command line.
enum HashCallgrindLabel {
    /// The label of an empty counted stretch: collection's own cost, subtracted from the others.
    static let overhead = "kbench-hash overhead"

    /// Which loop a count belongs to.
    struct Cell: Hashable {
        let function: String
        let mode: String
        let size: Int

        init(function: HashFunction, mode: HashMode, size: Int) {
            self.function = function.rawValue
            self.mode = mode.rawValue
            self.size = size
        }

        init(_ measurement: HashMeasurement) {
            self.init(function: measurement.function, mode: measurement.mode, size: measurement.keySize)
        }

        fileprivate init(function: String, mode: String, size: Int) {
            self.function = function
            self.mode = mode
            self.size = size
        }
    }

    /// `kbench-hash murmur2 batch 64 kbench avx2 1024`: cell, side (`kbench` or `librdkafka`),
    /// kernel and keys of the pass.
    static func label(_ cell: Cell, side: String, kernel: String, keys: Int) -> String {
        "kbench-hash \(cell.function) \(cell.mode) \(cell.size) \(side) \(kernel) \(keys)"
    }

    /// The per-key counts in `counts` (labels from ``label(_:side:kernel:keys:)``), less
    /// `overhead` per pass; cells without a kbench count are left out.
    static func counts(_ counts: [String: Int64], overhead: Int64) -> [Cell: HashInstructionCount] {
        var kbench: [Cell: (Int64, String, Int)] = [:]
        var librdkafka: [Cell: Int64] = [:]
        for (label, count) in counts {
            let fields = label.split(separator: " ").map(String.init)
            guard fields.count == 7, fields[0] == "kbench-hash", let size = Int(fields[3]), let keys = Int(fields[6]) else { continue }
            let cell = Cell(function: fields[1], mode: fields[2], size: size)
            let net = Swift.max(0, count - overhead)
            if fields[4] == "kbench" { kbench[cell] = (net, fields[5], keys) } else { librdkafka[cell] = net }
        }
        var result: [Cell: HashInstructionCount] = [:]
        for (cell, (count, kernel, keys)) in kbench {
            result[cell] = HashInstructionCount(counts: [count] + (librdkafka[cell].map { [$0] } ?? []), keys: keys, kernel: kernel)
        }
        return result
    }

    /// The arguments of the `kbench hash` child that runs `configuration`'s cells under callgrind.
    static func childArguments(_ configuration: HashStudyConfiguration) -> [String] {
        [
            "hash",
            "--functions", configuration.functions.map(\.rawValue).joined(separator: ","),
            "--modes", configuration.modes.map(\.rawValue).joined(separator: ","),
            "--sizes", configuration.sizes.map(String.init).joined(separator: ","),
            "--compare", configuration.compareLibrdkafka ? "librdkafka" : "none",
            "--partitions", String(configuration.partitionCount),
            "--batch-keys", String(configuration.maximumBatchKeys),
            "--seed", String(configuration.seed),
            HashStudy.callgrindChildFlag,
        ]
    }
}

extension HashStudy {
    /// The hidden `kbench hash` flag that makes it the callgrind child.
    package static let callgrindChildFlag = "--callgrind-child"

    /// The callgrind child (``HashCallgrindLabel/childArguments(_:)``): for every cell, runs
    /// each side's loop once uncounted, then once counted under its label, on the smaller key
    /// sets of ``HashStudyConfiguration/callgrindCounted``. No verification (the parent did
    /// it), no timing. Throws unless running under valgrind.
    package func countUnderCallgrind() throws(HashStudyError) {
        guard kbench_running_on_valgrind() != 0 else {
            throw .instructions("\(Self.callgrindChildFlag) only runs under valgrind's callgrind (use --instructions callgrind)")
        }
        let counted = configuration.callgrindCounted
        CallgrindSection.count(HashCallgrindLabel.overhead) {}
        for size in counted.sizes {
            let keys = HashKeySet(size: size, count: counted.keyCount(size: size), seed: counted.seed)
            keys.batch.withContiguousKeys { all in
                for function in counted.functions {
                    for mode in counted.modes {
                        let cell = HashCallgrindLabel.Cell(function: function, mode: mode, size: size)
                        HashCellOperations.with(HashPairing(function), mode: mode, keys: all, size: size, configuration: counted, divisor: divisor) { operations in
                            for (operation, side) in zip(operations.operations, ["kbench", "librdkafka"]) {
                                let label = HashCallgrindLabel.label(cell, side: side, kernel: operations.kernel, keys: operations.keysPerRun)
                                CallgrindSection.count(label, operation)
                            }
                        }
                    }
                }
            }
        }
    }
}
