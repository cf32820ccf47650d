import Foundation
import KBenchWorkloads
import Testing

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

    @Test("a final newline adds no empty key; an empty file has no key")
    func finalNewline() throws {
        let (directory, path) = try Self.file(Array("a\nb\n".utf8))
        defer { try? FileManager.default.removeItem(at: directory) }
        var reader = try KeyFileReader(path: path)
        #expect(try reader.collectKeys() == [Array("a".utf8), Array("b".utf8)])
        let (emptyDirectory, emptyPath) = try Self.file([])
        defer { try? FileManager.default.removeItem(at: emptyDirectory) }
        var empty = try KeyFileReader(path: emptyPath)
        #expect(try empty.collectKeys().isEmpty)
    }

    @Test("binary keys pass through byte for byte")
    func binary() throws {
        let (directory, path) = try Self.file([0x00, 0xFF, 0x80, 0x0A, 0x01, 0x0D, 0x02, 0x0A])
        defer { try? FileManager.default.removeItem(at: directory) }
        var reader = try KeyFileReader(path: path)
        #expect(try reader.collectKeys() == [[0x00, 0xFF, 0x80], [0x01, 0x0D, 0x02]])
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

    @Test("a key of exactly the limit passes, with or without CR")
    func exactLimit() throws {
        let (directory, path) = try Self.file(Array("\(String(repeating: "y", count: 8))\r\n\(String(repeating: "z", count: 8))\n".utf8))
        defer { try? FileManager.default.removeItem(at: directory) }
        var reader = try KeyFileReader(path: path, maximumKeyLength: 8, bufferSize: 4)
        #expect(try reader.collectKeys().map(\.count) == [8, 8])
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
