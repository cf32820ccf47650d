#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain line mode (input piped): lines are read up to `\n` (a trailing `\r` is dropped),
/// output lines are written whole.
package final class PlainConsole: LineConsole, @unchecked Sendable {
    private let input: Int32
    private let output: Int32
    private let lock = SystemLock()
    private var buffered: [UInt8] = []
    private var atEnd = false

    /// A console reading `input` and writing `output`.
    package init(input: Int32 = 0, output: Int32 = 1) {
        self.input = input
        self.output = output
    }

    /// The next line, or `.end` at end of file.
    package func nextLine() -> ConsoleInput {
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                var line = Array(buffered[..<newline])
                buffered.removeFirst(newline + 1)
                if line.last == 0x0D { line.removeLast() }
                return .line(String(decoding: line, as: UTF8.self))
            }
            if atEnd {
                guard !buffered.isEmpty else { return .end }
                defer { buffered.removeAll() }
                return .line(String(decoding: buffered, as: UTF8.self))
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { atEnd = true } else { buffered.append(contentsOf: chunk[..<count]) }
        }
    }

    /// Writes `line` and a newline.
    package func show(_ line: String) {
        lock.withLock { writeAll(output, line + "\n") }
    }

    /// Nothing to restore.
    package func close() {}
}
