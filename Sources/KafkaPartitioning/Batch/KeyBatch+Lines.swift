import CHashKernels

extension KeyBatch {
    /// What ``appendLines(of:limit:maximumKeyLength:)`` took from a chunk.
    struct LineRun {
        /// Bytes of the chunk taken: every appended line, its newline included.
        var consumed = 0
        /// Keys appended.
        var keys = 0
        /// True when the run stopped at a line whose key is longer than the limit (it starts
        /// at ``consumed``).
        var stoppedAtLongLine = false
    }

    /// Lines one ``appendLines(of:limit:maximumKeyLength:)`` call takes at most (bounds the
    /// offsets it reserves whatever the chunk and limit).
    static let linesPerRun = 1 << 14

    /// Appends the key of every line that ends in `chunk`, from its front, at most `limit`
    /// (and ``linesPerRun``):
    /// a line ends with `\n`, a `\r` before it is dropped. Stops before a line whose key is
    /// longer than `maximumKeyLength`, and before an unfinished last line (left to the caller).
    ///
    /// Two passes over the chunk, no call and no array operation per key: the first notes where
    /// each line ends (`kbench_find_newlines`: a 16-byte compare and a mask bit per newline),
    /// in the offsets array, which then holds exactly the room the keys need;
    /// the second copies each key behind the previous one (``ShortCopy``: 16-byte moves) and
    /// turns the line end into the key's end offset. The storage grows once per call.
    mutating func appendLines(of chunk: UnsafeRawBufferPointer, limit: Int, maximumKeyLength: Int) -> LineRun {
        guard let source = chunk.baseAddress, limit > 0, !chunk.isEmpty else { return LineRun() }
        let start = byteCount
        let firstSlot = offsets.count
        offsets.append(contentsOf: repeatElement(0, count: Swift.min(limit, chunk.count, Self.linesPerRun)))
        let lines = offsets.withUnsafeMutableBufferPointer { slots in
            kbench_find_newlines(source.assumingMemoryBound(to: UInt8.self), chunk.count, slots.baseAddress! + firstSlot, slots.count - firstSlot)
        }
        guard lines > 0 else {
            offsets.removeLast(offsets.count - firstSlot)
            return LineRun()
        }
        let lineBytes = offsets[firstSlot + lines - 1] + 1
        // Keys are at most the lines' bytes; the padding behind them absorbs the wide moves.
        storage.append(contentsOf: repeatElement(0, count: lineBytes))
        var run = LineRun()
        var end = start
        storage.withUnsafeMutableBytes { destination in
            offsets.withUnsafeMutableBufferPointer { slots in
                let base = destination.baseAddress!
                let ends = slots.baseAddress! + firstSlot
                var lineStart = 0
                while run.keys < lines {
                    let newline = ends[run.keys]
                    var length = newline &- lineStart
                    if length > 0, source.load(fromByteOffset: newline &- 1, as: UInt8.self) == 0x0D { length &-= 1 }
                    if length > maximumKeyLength {
                        run.stoppedAtLongLine = true
                        break
                    }
                    ShortCopy.copy(length, from: source + lineStart, to: base + end, readable: chunk.count &- lineStart)
                    end &+= length
                    ends[run.keys] = end
                    run.keys &+= 1
                    lineStart = newline &+ 1
                }
                run.consumed = lineStart
                (base + end).initializeMemory(as: UInt8.self, repeating: 0, count: Self.windowPadding)
            }
        }
        storage.removeLast(storage.count - (end + Self.windowPadding))
        offsets.removeLast(offsets.count - (firstSlot + run.keys))
        return run
    }
}
