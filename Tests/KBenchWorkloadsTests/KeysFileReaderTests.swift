import Foundation
import KafkaPartitioning
import KBenchWorkloads
import Testing

/// The file side of key files: reading through the buffer, errors with the path and line,
/// rewinding. How lines become keys is KeyLineSplitter's (KafkaPartitioningTests).
@Suite("Key files: one key per line, streamed")
struct KeysFileReaderTests {
    static func file(_ text: [UInt8]) throws -> (URL, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("keys.txt")
        try Data(text).write(to: url)
        return (directory, url.path)
    }

    @Test("CRLF dropped, empty lines are empty keys, last line without newline kept, keys across buffer refills")
    func lines() throws {
        let long = String(repeating: "k", count: 100)
        let (directory, path) = try Self.file(Array("alpha\r\n\nbeta\n\(long)\r\nlast".utf8))
        defer { try? FileManager.default.removeItem(at: directory) }
        var reader = try KeyFileReader(path: path, bufferSize: 16)
        let keys = try reader.collectKeys().map { String(decoding: $0, as: UTF8.self) }
        #expect(keys == ["alpha", "", "beta", long, "last"])
        #expect(reader.lineNumber == 5)
        var key = KeyBuffer()
        let more = try reader.nextKey(into: &key)
        #expect(!more)
    }

    @Test("a line over the limit fails with its line number, whatever the buffer size", arguments: [8, 64, 1 << 16])
    func tooLong(bufferSize: Int) throws {
        let (directory, path) = try Self.file(Array("ok\nfine\n\(String(repeating: "x", count: 40))\nnever\n".utf8))
        defer { try? FileManager.default.removeItem(at: directory) }
        var reader = try KeyFileReader(path: path, maximumKeyLength: 32, bufferSize: bufferSize)
        var key = KeyBuffer()
        let first = try reader.nextKey(into: &key)
        let second = try reader.nextKey(into: &key)
        #expect(first && second)
        #expect(throws: KeyReadError(path: path, line: 3, reason: .keyTooLong(limit: 32))) {
            try reader.nextKey(into: &key)
        }
        #expect(KeyReadError(path: path, line: 3, reason: .keyTooLong(limit: 32)).description == "\(path): line 3: key longer than the limit of 32 bytes")
    }

    @Test("a last line over the limit (no newline) fails with its line, as FuzzKeyFile found once")
    func lastLineOverLimit() throws {
        let (directory, path) = try Self.file([0x0A, 0x61, 0x62, 0x62, 0x0D, 0x0D, 0xFF, 0xFF, 0xFF, 0xFF])
        defer { try? FileManager.default.removeItem(at: directory) }
        var reader = try KeyFileReader(path: path, maximumKeyLength: 8, bufferSize: 16)
        var key = KeyBuffer()
        #expect(try reader.nextKey(into: &key))
        #expect(key.bytes.isEmpty)
        #expect(throws: KeyReadError(path: path, line: 2, reason: .keyTooLong(limit: 8))) {
            _ = try reader.nextKey(into: &key)
        }
    }

    @Test("rewind starts over; missing files and directories fail with typed errors")
    func rewindAndErrors() throws {
        let (directory, path) = try Self.file(Array("a\nb\n".utf8))
        defer { try? FileManager.default.removeItem(at: directory) }
        var reader = try KeyFileReader(path: path)
        #expect(reader.isRewindable)
        _ = try reader.collectKeys()
        try reader.rewind()
        #expect(try reader.collectKeys().count == 2)
        #expect(reader.lineNumber == 2)
        #expect {
            _ = try KeyFileReader(path: directory.appendingPathComponent("missing").path)
        } throws: { error in
            guard let error = error as? KeyReadError, case .cannotOpen = error.reason else { return false }
            return error.description.hasPrefix("cannot open key file")
        }
        #expect(throws: KeyReadError(path: directory.path, line: nil, reason: .notAFile)) {
            _ = try KeyFileReader(path: directory.path)
        }
    }

    @Test("batches of any size take the same keys as one at a time, across buffer refills", arguments: [16, 100, 1 << 20])
    func batches(bufferSize: Int) throws {
        var text = [UInt8]()
        for index in 0..<3_000 { text.append(contentsOf: "key-\(String(repeating: "x", count: index % 70))-\(index)\(index % 3 == 0 ? "\r" : "")\n".utf8) }
        text.append(contentsOf: "last".utf8)
        let (directory, path) = try Self.file(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        var reference = try KeyFileReader(path: path, bufferSize: bufferSize)
        let keys = try reference.collectKeys()
        #expect(keys.count == 3_001)
        for limit in [1, 7, 4096] {
            var reader = try KeyFileReader(path: path, bufferSize: bufferSize)
            var batch = KeyBatch()
            var read: [[UInt8]] = []
            while true {
                let added = try reader.appendKeys(to: &batch, limit: limit)
                #expect(added == batch.count && added <= limit)
                guard added > 0 else { break }
                read += (0..<batch.count).map { batch[$0] }
                batch.removeAll()
            }
            #expect(read == keys, "limit \(limit)")
            #expect(reader.lineNumber == keys.count)
            #expect(reader.bytesRead == text.count)
        }
    }

    @Test("the read floor counts lines as the reader reads them, and every byte")
    func lineCount() throws {
        for text in ["", "a", "a\n", "a\r\nb\n\n", "a\nb"].map({ Array($0.utf8) }) {
            let (directory, path) = try Self.file(text)
            defer { try? FileManager.default.removeItem(at: directory) }
            var reader = try KeyFileReader(path: path)
            let keys = try reader.collectKeys()
            for bufferSize in [16, 1 << 20] {
                let counted = try KeyFileLineCount.count(path: path, bufferSize: bufferSize)
                #expect(counted.lines == keys.count && counted.bytes == text.count, "\(text) in buffers of \(bufferSize)")
            }
        }
        #expect(throws: KeyReadError.self) { try KeyFileLineCount.count(path: "/nonexistent/keys.txt") }
    }

    @Test("memory stays flat: 200,000 keys through one buffer")
    func manyKeys() throws {
        var text = [UInt8]()
        for index in 0..<200_000 { text.append(contentsOf: "key-\(index)\n".utf8) }
        let (directory, path) = try Self.file(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        var reader = try KeyFileReader(path: path)
        var count = 0
        var bytes = 0
        try reader.forEachKey { key in
            count += 1
            bytes += key.count
        }
        #expect(count == 200_000)
        #expect(bytes == text.count - 200_000)
    }
}
