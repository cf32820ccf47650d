/// How a study counts the instructions its timed loops execute.
package enum InstructionCountRequest: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not counted.
    case none
    /// The CPU's counter when the kernel exposes it, else callgrind when valgrind is installed,
    /// else not counted, with the reason in the report.
    case auto
    /// The CPU's retired-instruction counter (perf_event_open); an error when unavailable.
    case hardware
    /// valgrind's callgrind, kbench re-running itself; an error when unavailable.
    case callgrind
}

/// What counted the instructions.
package enum InstructionCountMethod: String, Sendable, Hashable, Codable {
    /// The CPU's retired-instruction counter, user space only, in this process.
    case hardware
    /// valgrind's callgrind (kbench re-run under it, collecting only the counted loops).
    case callgrind
}

/// How the instructions of a study were counted, or why they were not.
package struct InstructionCountSummary: Sendable, Hashable, Codable {
    /// The method used; `nil` when nothing was counted.
    package var method: InstructionCountMethod?
    /// One sentence: how the counts were taken (method, keys, kernel caveats), or why none were.
    package var explanation: String

    /// A summary.
    package init(method: InstructionCountMethod?, explanation: String) {
        self.method = method
        self.explanation = explanation
    }
}

/// Why instructions could not be counted the way that was asked.
package struct InstructionCountError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line: what failed and what to install or change.
    package var description: String

    /// An error.
    package init(_ description: String) {
        self.description = description
    }
}
