import KafkaPartitioning
import Testing

/// Key lines, split from a stream fed in chunks: pulled one line at a time (`takeLine`, as
/// kbench's key-file reader does) and pushed into a batch (`feed`), which must agree.
@Suite("KeyLineSplitter: the one key-line rule")
struct KeyLineSplitterTests {
    /// The keys of `text` fed in chunks of `chunkSize`, line by line; throws at a line too long.
    static func pull(_ text: [UInt8], chunkSize: Int, limit: Int = 1 << 20) throws -> [[UInt8]] {
        var splitter = KeyLineSplitter(maximumKeyLength: limit)
        var keys: [[UInt8]] = []
        var start = 0
        while start < text.count {
            let end = min(text.count, start + chunkSize)
            var chunkStart = start
            while chunkStart < end {
                let consumed = try text[chunkStart..<end].withUnsafeBytes { chunk in
                    let before = keys.count
                    let taken = try splitter.takeLine(from: chunk) { keys.append(Array($0)) }
                    // A key exactly when a line ended; an unfinished line takes the whole chunk.
                    #expect(keys.count == before + (taken.ended ? 1 : 0) && (taken.ended || taken.consumed == chunk.count))
                    return taken.consumed
                }
                chunkStart += consumed
            }
            start = end
        }
        _ = try splitter.finish { keys.append(Array($0)) }
        #expect(splitter.linesSeen == keys.count)
        return keys
    }

    /// The keys of `text` fed in chunks of `chunkSize` into a ``KeyBatch``.
    static func batch(_ text: [UInt8], chunkSize: Int, limit: Int = 1 << 20) throws -> [[UInt8]] {
        var splitter = KeyLineSplitter(maximumKeyLength: limit)
        var batch = KeyBatch()
        var start = 0
        while start < text.count {
            let end = min(text.count, start + chunkSize)
            try text[start..<end].withUnsafeBytes { chunk in try splitter.feed(chunk, into: &batch) }
            start = end
        }
        try splitter.finish(into: &batch)
        return (0..<batch.count).map { batch[$0] }
    }

    /// The keys of `text` taken by ``KeyLineSplitter/appendLines(from:to:limit:)``, at most
    /// `limit` per call, from chunks of up to `chunkSize` bytes whose unconsumed rest is offered
    /// again (as the file reader's buffer keeps it), into one batch emptied every few calls;
    /// the batch keeps its zero padding.
    static func appended(_ text: [UInt8], chunkSize: Int, limit: Int, maximumKeyLength: Int = 1 << 20) throws -> [[UInt8]] {
        var splitter = KeyLineSplitter(maximumKeyLength: maximumKeyLength)
        var keys: [[UInt8]] = []
        var batch = KeyBatch()
        var calls = 0
        var start = 0
        while start < text.count {
            let end = min(text.count, start + chunkSize)
            let before = batch.count
            let step = try text[start..<end].withUnsafeBytes { chunk in try splitter.appendLines(from: chunk, to: &batch, limit: limit) }
            #expect(step.keys == batch.count - before && step.keys <= limit && step.consumed > 0, "\(step) from \(end - start) bytes")
            #expect(batch.storage.count > batch.byteCount && batch.storage[batch.byteCount...].allSatisfy { $0 == 0 }, "padding stays zero")
            start += step.consumed
            calls += 1
            if calls % 3 == 0 {
                keys += (0..<batch.count).map { batch[$0] }
                batch.removeAll()
            }
        }
        keys += (0..<batch.count).map { batch[$0] }
        _ = try splitter.finish { keys.append(Array($0)) }
        #expect(splitter.linesSeen == keys.count)
        return keys
    }

    /// Both ways, every chunk size in `chunkSizes`, agreeing; the keys.
    static func split(_ text: [UInt8], limit: Int = 1 << 20, chunkSizes: [Int] = [1, 2, 3, 4, 7, 16, 100]) throws -> [[UInt8]] {
        let reference = try pull(text, chunkSize: max(1, text.count), limit: limit)
        for chunkSize in chunkSizes {
            #expect(try pull(text, chunkSize: chunkSize, limit: limit) == reference, "pulled in chunks of \(chunkSize)")
            #expect(try batch(text, chunkSize: chunkSize, limit: limit) == reference, "fed in chunks of \(chunkSize)")
        }
        return reference
    }

    @Test("LF and CRLF endings, empty lines are empty keys, a last line without newline counts")
    func lines() throws {
        let long = String(repeating: "k", count: 100)
        let text = Array("alpha\r\nbeta\n\ngamma\r\n\r\n\(long)\r\ndelta".utf8)
        #expect(try Self.split(text) == ["alpha", "beta", "", "gamma", "", long, "delta"].map { Array($0.utf8) })
    }

    @Test("a final newline adds no empty key; an empty stream has no key; a lone CR is an empty key")
    func ends() throws {
        #expect(try Self.split(Array("a\nb\n".utf8)) == [Array("a".utf8), Array("b".utf8)])
        #expect(try Self.split([]).isEmpty)
        #expect(try Self.split([0x0A]) == [[]])
        #expect(try Self.split([0x61, 0x0A, 0x0D]) == [[0x61], []])
    }

    @Test("binary keys pass through byte for byte (a CR inside a line stays)")
    func binary() throws {
        #expect(try Self.split([0x00, 0xFF, 0x80, 0x0A, 0x01, 0x0D, 0x02, 0x0A]) == [[0x00, 0xFF, 0x80], [0x01, 0x0D, 0x02]])
    }

    @Test("a line over the limit is an error naming its line and byte offset, whatever the chunks")
    func tooLong() throws {
        let text = Array("ok\nfine\n0123456789abc\nlater\n".utf8)
        for chunkSize in [1, 4, 64] {
            #expect(throws: KeyLineSplitter.LineTooLong(line: 3, offset: 8, limit: 10)) { try Self.pull(text, chunkSize: chunkSize, limit: 10) }
            #expect(throws: KeyLineSplitter.LineTooLong(line: 3, offset: 8, limit: 10)) { try Self.batch(text, chunkSize: chunkSize, limit: 10) }
        }
        #expect(KeyLineSplitter.LineTooLong(line: 3, offset: 8, limit: 10).description == "line 3 (byte offset 8) is longer than 10 bytes")
    }

    @Test("a key of exactly the limit passes, with or without CR; limit + 1 fails")
    func exactLimit() throws {
        #expect(try Self.split(Array("0123456789\r\nabcdefghij\n".utf8), limit: 10).map(\.count) == [10, 10])
        #expect(throws: KeyLineSplitter.LineTooLong(line: 1, offset: 0, limit: 10)) { try Self.pull(Array("0123456789a\n".utf8), chunkSize: 3, limit: 10) }
    }

    @Test("bulk appends agree with line-by-line splitting: key lengths 0–300 with and without CR, every chunk size and limit")
    func bulkAppend() throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var text: [UInt8] = []
        for length in Array(0...140) + [200, 255, 256, 257, 300] {
            for _ in 0..<2 {
                for _ in 0..<length {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let byte = UInt8(truncatingIfNeeded: state >> 56)
                    text.append(byte == 0x0A ? 0x0B : byte)
                }
                if state & 1 == 0 { text.append(0x0D) }
                text.append(0x0A)
            }
        }
        text += Array("unterminated".utf8)
        let reference = try Self.pull(text, chunkSize: text.count)
        #expect(reference.count == 2 * 146 + 1)
        for chunkSize in [1, 7, 16, 100, 4096, text.count] {
            for limit in [1, 3, 1000, .max] {
                #expect(try Self.appended(text, chunkSize: chunkSize, limit: limit) == reference, "chunks of \(chunkSize), limit \(limit)")
            }
        }
    }

    @Test("bulk appends stop at a line over the limit with its line and offset; keys before it are kept")
    func bulkTooLong() throws {
        let text = Array("ok\nfine\n0123456789abc\nlater\n".utf8)
        for chunkSize in [1, 4, 64] {
            #expect(throws: KeyLineSplitter.LineTooLong(line: 3, offset: 8, limit: 10)) {
                try Self.appended(text, chunkSize: chunkSize, limit: 2, maximumKeyLength: 10)
            }
        }
        var splitter = KeyLineSplitter(maximumKeyLength: 10)
        var batch = KeyBatch()
        #expect(throws: KeyLineSplitter.LineTooLong(line: 3, offset: 8, limit: 10)) {
            _ = try text.withUnsafeBytes { chunk in try splitter.appendLines(from: chunk, to: &batch, limit: 100) }
        }
        #expect((0..<batch.count).map { batch[$0] } == [Array("ok".utf8), Array("fine".utf8)])
    }

    @Test("a long stream: every key, lines counted")
    func manyKeys() throws {
        var text = [UInt8]()
        for index in 0..<20_000 { text.append(contentsOf: "key-\(index)\n".utf8) }
        let keys = try Self.split(text, chunkSizes: [4096])
        #expect(keys.count == 20_000)
        #expect(keys.last == Array("key-19999".utf8))
    }
}
