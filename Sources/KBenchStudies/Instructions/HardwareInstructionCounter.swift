import CInstructionCount
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU's retired-instruction counter for the calling thread (user space only), through
/// Linux's perf_event_open. Most VMs expose no such counter: ``open()`` then says why.
final class HardwareInstructionCounter {
    /// Counted runs per operation: the smallest count is kept (an interrupt's return path can
    /// add a few user-space instructions to one run, never remove any).
    static let runs = 3

    private let descriptor: Int32
    /// Instructions counted around an empty operation (the counter's own start and stop).
    private var overhead: Int64 = 0

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        overhead = (try? countOnce {}) ?? 0
    }

    deinit { kbench_instructions_close(descriptor) }

    /// A counter, or the reason there is none (`perf_event_open: No such file or directory`).
    static func open() -> Result<HardwareInstructionCounter, InstructionCountError> {
        let descriptor = kbench_instructions_open()
        guard descriptor >= 0 else {
            return .failure(InstructionCountError("no hardware instruction counter (perf_event_open: \(errorText(-descriptor)))"))
        }
        return .success(HardwareInstructionCounter(descriptor: descriptor))
    }

    /// Instructions `operation` executes: the smallest of ``runs`` counted runs after one
    /// uncounted warm-up run, less the counter's own overhead.
    func count(_ operation: () -> Void) throws(InstructionCountError) -> Int64 {
        operation()
        var smallest = Int64.max
        for _ in 0..<Self.runs {
            smallest = Swift.min(smallest, try countOnce(operation))
        }
        return Swift.max(0, smallest - overhead)
    }

    private func countOnce(_ operation: () -> Void) throws(InstructionCountError) -> Int64 {
        let started = kbench_instructions_start(descriptor)
        guard started == 0 else { throw InstructionCountError("instruction counter failed to start: \(Self.errorText(-started))") }
        operation()
        let count = kbench_instructions_stop(descriptor)
        guard count >= 0 else { throw InstructionCountError("instruction counter failed to read: \(Self.errorText(Int32(-count)))") }
        return count
    }

    /// `strerror` of `code`.
    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
