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

    @Test("a long stream: every key, lines counted")
    func manyKeys() throws {
        var text = [UInt8]()
        for index in 0..<20_000 { text.append(contentsOf: "key-\(index)\n".utf8) }
        let keys = try Self.split(text, chunkSizes: [4096])
        #expect(keys.count == 20_000)
        #expect(keys.last == Array("key-19999".utf8))
    }
}
