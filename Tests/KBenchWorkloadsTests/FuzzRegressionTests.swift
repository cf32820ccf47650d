import Foundation
import KBenchWorkloads
import Testing

/// Inputs found by the libFuzzer targets (Fuzz/, scripts/fuzz.sh), each replayed with the
/// property the target checks. The fuzz input's first two bytes were the read buffer size and
/// the key limit; the rest is the file.
@Suite("Fuzz regressions: key files")
struct KeyFileFuzzRegressionTests {
    static func withFile<Result>(_ bytes: [UInt8], _ body: (String) throws -> Result) throws -> Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-fuzz-regression-\(UUID().uuidString).txt")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    /// FuzzKeyFile crash-800969a6: buffer 16, limit 8, file `\nabb\r\r\xff\xff\xff\xff` — the
    /// last line (9 bytes, no newline) was returned as a key longer than the limit.
    @Test("a last line without newline longer than the limit fails with keyTooLong at its line")
    func lastLineOverLimit() throws {
        let file: [UInt8] = [0x0A, 0x61, 0x62, 0x62, 0x0D, 0x0D, 0xFF, 0xFF, 0xFF, 0xFF]
        try Self.withFile(file) { path in
            var reader = try KeyFileReader(path: path, maximumKeyLength: 8, bufferSize: 16)
            var key = KeyBuffer()
            #expect(try reader.nextKey(into: &key))
            #expect(key.bytes.isEmpty)
            #expect(throws: KeyReadError(path: path, line: 2, reason: .keyTooLong(limit: 8))) {
                _ = try reader.nextKey(into: &key)
            }
        }
    }

    @Test("the limit holds for the last line as for every other: limit + 1 fails, limit and limit + CR pass")
    func lastLineLimitBoundary() throws {
        for (text, expected) in [("abcde", nil), ("abcd", "abcd"), ("abcd\r", "abcd"), ("abcd\rx", nil)] as [(String, String?)] {
            try Self.withFile(Array("x\n\(text)".utf8)) { path in
                var reader = try KeyFileReader(path: path, maximumKeyLength: 4)
                if let expected {
                    #expect(try reader.collectKeys() == [Array("x".utf8), Array(expected.utf8)], "\(text)")
                } else {
                    #expect(throws: KeyReadError(path: path, line: 2, reason: .keyTooLong(limit: 4)), "\(text)") {
                        _ = try reader.collectKeys()
                    }
                }
            }
        }
    }
}
