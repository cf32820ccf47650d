import Foundation
import KBenchReports
import KBenchWorkloads

/// `kbench produce --export-messages`: the messages a run would send, as lines for other
/// producers (`kcat -P -K '\t' -l FILE`): `key<TAB>value`, or the value alone with null keys.
/// The messages come from the benchmark's own ``MessageSequence``, so the export is what a run
/// of the same count sends, message for message: keys cycle (a key file is re-read) as they do
/// in a run. No partition column: the other producer places messages with its own
/// partitioner (a run checks kbench's prediction against the delivered partition).
package enum ProduceExport {
    /// Writes the first `count` messages of `keys` and `values` to `path` and returns how many
    /// were written: `count`, or fewer when the keys ran out for good (a key file on standard
    /// input read to its end), as a run stops then too.
    ///
    /// - Throws: ``ProduceExportError`` when the file cannot be written, the keys cannot be
    ///   read, or a message cannot be one line (a newline in it, a tab in its key).
    @discardableResult
    package static func write(keys: ProduceKeys, values: ValuePool, count: Int, to path: String) throws(ProduceExportError) -> Int {
        guard let handle = OutputFile.open(path) else {
            throw ProduceExportError(reason: .cannotWrite(path: path))
        }
        defer { try? handle.close() }
        let pinned = values.pinned()
        let keyed: Bool = if case .none = keys { false } else { true }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        var messages: MessageSequence
        do throws(KeyReadError) {
            messages = try MessageSequence(
                keys: keys, values: pinned, limit: .messages(count), predictor: PartitionPredictor(strategy: nil, partitionCount: 0))
        } catch {
            throw ProduceExportError(reason: .keys(error))
        }
        var written = 0
        while written < count {
            let line: Bool?
            do throws(KeyReadError) {
                line = try messages.withNext { key, value, _ in Self.append(key: keyed ? key : nil, value: value, to: &chunk) }
            } catch {
                throw ProduceExportError(reason: .keys(error))
            }
            guard let line else { break }
            guard line else { throw ProduceExportError(reason: .notALine(index: written)) }
            written += 1
            if chunk.count >= 1 << 20 {
                handle.write(Data(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(chunk))
        return written
    }

    /// Appends one message as a line; false (nothing appended) when it cannot be one.
    private static func append(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer, to chunk: inout [UInt8]) -> Bool {
        guard !value.contains(0x0A), !(key?.contains { $0 == 0x0A || $0 == 0x09 } ?? false) else { return false }
        if let key {
            chunk.append(contentsOf: key)
            chunk.append(0x09)
        }
        chunk.append(contentsOf: value)
        chunk.append(0x0A)
        return true
    }
}

/// Why ``ProduceExport`` could not write the messages, in one line.
package struct ProduceExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    package enum Reason: Sendable, Hashable {
        /// The file could not be created.
        case cannotWrite(path: String)
        /// The keys could not be read.
        case keys(KeyReadError)
        /// Message `index` (0-based) has a newline, or a tab in its key.
        case notALine(index: Int)
    }

    /// What went wrong.
    package var reason: Reason

    /// An error for `reason`.
    package init(reason: Reason) {
        self.reason = reason
    }

    /// One line.
    package var description: String {
        switch reason {
        case .cannotWrite(let path): "cannot write \(path)"
        case .keys(let error): error.description
        case .notALine(let index): "message \(index) contains a newline or tab: it cannot be exported as a line"
        }
    }
}
