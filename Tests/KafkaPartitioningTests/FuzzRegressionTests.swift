import KafkaPartitioning
import Testing

/// Inputs found by the libFuzzer target FuzzKeyFile (Fuzz/, scripts/fuzz.sh), each replayed
/// with the property the target checks. The fuzz input's first two bytes were the chunk (read
/// buffer) size and the key limit; the rest is the stream.
@Suite("Fuzz regressions: key lines")
struct KeyLineFuzzRegressionTests {
    /// FuzzKeyFile crash-800969a6: buffer 16, limit 8, stream `\nabb\r\r\xff\xff\xff\xff` — the
    /// last line (9 bytes, no newline) was returned as a key longer than the limit.
    @Test("a last line without newline longer than the limit fails at its line")
    func lastLineOverLimit() throws {
        let text: [UInt8] = [0x0A, 0x61, 0x62, 0x62, 0x0D, 0x0D, 0xFF, 0xFF, 0xFF, 0xFF]
        for chunkSize in [16, 1, 3] {
            #expect(throws: KeyLineSplitter.LineTooLong(line: 2, offset: 1, limit: 8)) { try KeyLineSplitterTests.pull(text, chunkSize: chunkSize, limit: 8) }
            #expect(throws: KeyLineSplitter.LineTooLong(line: 2, offset: 1, limit: 8)) { try KeyLineSplitterTests.batch(text, chunkSize: chunkSize, limit: 8) }
        }
    }

    @Test("the limit holds for the last line as for every other: limit + 1 fails, limit and limit + CR pass")
    func lastLineLimitBoundary() throws {
        for (text, expected) in [("abcde", nil), ("abcd", "abcd"), ("abcd\r", "abcd"), ("abcd\rx", nil)] as [(String, String?)] {
            let stream = Array("x\n\(text)".utf8)
            if let expected {
                #expect(try KeyLineSplitterTests.split(stream, limit: 4) == [Array("x".utf8), Array(expected.utf8)], "\(text)")
            } else {
                #expect(throws: KeyLineSplitter.LineTooLong(line: 2, offset: 2, limit: 4), "\(text)") { try KeyLineSplitterTests.pull(stream, chunkSize: 16, limit: 4) }
            }
        }
    }
}
