import Foundation
import KBenchWorkloads
import Testing

@Suite("User payload readers")
struct PayloadReaderTests {
    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-payloads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func drain(_ source: inout some PayloadSource) throws(PayloadReadError) -> [[UInt8]] {
        var records: [[UInt8]] = []
        while let record = try source.nextPayload() { records.append(record) }
        return records
    }

    static func lengthDelimited(_ records: [[UInt8]]) -> [UInt8] {
        records.flatMap { withUnsafeBytes(of: UInt32($0.count).bigEndian, Array.init) + $0 }
    }

    @Test("lines: CRLF endings dropped, blank lines skipped, last line without newline kept, lines across buffer refills")
    func lines() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = String(repeating: "x", count: 100)
        let path = try Self.write(Array("first\r\n\n\nsecond\n\(long)\r\nlast".utf8), "lines.txt", in: directory)
        var reader = try LinePayloadReader(path: path, bufferSize: 16)
        let records = try Self.drain(&reader)
        #expect(records.map { String(decoding: $0, as: UTF8.self) } == ["first", "second", long, "last"])
        #expect(try reader.nextPayload() == nil)
    }

    @Test("lines: a line over the cap names the byte offset where it starts")
    func lineTooLong() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.write(Array("ok\n\(String(repeating: "y", count: 50))\nnext\n".utf8), "long.txt", in: directory)
        var reader = try LinePayloadReader(path: path, maxRecordSize: 20, bufferSize: 16)
        #expect(try reader.nextPayload() == Array("ok".utf8))
        let error = try #require(throws: PayloadReadError.self) { try reader.nextPayload() }
        #expect(error.offset == 3)
        #expect(error.path == path)
        guard case .recordTooLarge(let size, let limit) = error.reason else { Issue.record("\(error)"); return }
        #expect(size > 20 && limit == 20)
        #expect(error.description.hasPrefix("\(path): byte 3: record of "))
    }

    @Test("length-delimited: 4-byte big-endian lengths, empty records allowed")
    func lengthDelimitedRoundTrip() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let records = PayloadCorpus.avro.records(count: 200, seed: 9) + [[]] + [[0x0A, 0x0D]]
        let path = try Self.write(Self.lengthDelimited(records), "records.bin", in: directory)
        var reader = try LengthDelimitedPayloadReader(path: path, bufferSize: 64)
        #expect(try Self.drain(&reader) == records)
    }

    @Test("length-delimited: a length past the end names its offset and the bytes left")
    func lengthPastEnd() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = Self.lengthDelimited([[1, 2, 3]]) + [0, 0, 0x10, 0] + [9, 9]
        let path = try Self.write(bytes, "past.bin", in: directory)
        var reader = try LengthDelimitedPayloadReader(path: path)
        #expect(try reader.nextPayload() == [1, 2, 3])
        let error = try #require(throws: PayloadReadError.self) { try reader.nextPayload() }
        #expect(error == PayloadReadError(path: path, offset: 7, reason: .lengthPastEnd(declared: 4096, available: 2)))
        #expect(error.description == "\(path): byte 7: record length 4096 runs past the end of the input (2 bytes left)")
    }

    @Test("length-delimited: an input ending inside a length field")
    func truncatedLength() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.write(Self.lengthDelimited([[7]]) + [0, 0], "cut.bin", in: directory)
        var reader = try LengthDelimitedPayloadReader(path: path)
        #expect(try reader.nextPayload() == [7])
        let error = try #require(throws: PayloadReadError.self) { try reader.nextPayload() }
        #expect(error == PayloadReadError(path: path, offset: 5, reason: .truncatedLength(needed: 4, available: 2)))
    }

    @Test("length-delimited: a record over the cap fails before it is read")
    func overCap() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.write(Self.lengthDelimited([[UInt8](repeating: 1, count: 10), [UInt8](repeating: 2, count: 300)]), "big.bin", in: directory)
        var reader = try LengthDelimitedPayloadReader(path: path, maxRecordSize: 256)
        #expect(try reader.nextPayload()?.count == 10)
        let error = try #require(throws: PayloadReadError.self) { try reader.nextPayload() }
        #expect(error == PayloadReadError(path: path, offset: 14, reason: .recordTooLarge(size: 300, limit: 256)))
    }

    @Test("files: one record per regular file in name order; hidden files and subdirectories skipped")
    func directory() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.write(Array("two".utf8), "b.json", in: directory)
        _ = try Self.write(Array("one".utf8), "a.json", in: directory)
        _ = try Self.write([], "c-empty", in: directory)
        _ = try Self.write(Array("hidden".utf8), ".DS_Store", in: directory)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: false)
        var reader = try DirectoryPayloadReader(path: directory.path)
        #expect(reader.names == ["a.json", "b.json", "c-empty", "sub"])
        #expect(try Self.drain(&reader) == [Array("one".utf8), Array("two".utf8), []])
    }

    @Test("files: a file over the cap is named")
    func directoryOverCap() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = try Self.write([UInt8](repeating: 0, count: 100), "big.bin", in: directory)
        var reader = try DirectoryPayloadReader(path: directory.path, maxRecordSize: 99)
        let error = try #require(throws: PayloadReadError.self) { try reader.nextPayload() }
        #expect(error == PayloadReadError(path: big, offset: 0, reason: .recordTooLarge(size: 100, limit: 99)))
    }

    @Test("PayloadFile.open: directories default to files, files to lines; wrong kinds and missing paths are typed errors")
    func open() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try Self.write(Array("a\nb\n".utf8), "two.txt", in: directory)
        var lines = try PayloadFile.open(path: file)
        #expect(try lines.nextPayload() == Array("a".utf8))
        var files = try PayloadFile.open(path: directory.path)
        #expect(try files.nextPayload() == Array("a\nb\n".utf8))
        #expect(throws: PayloadReadError(path: directory.path, offset: nil, reason: .notAFile)) {
            try PayloadFile.open(path: directory.path, format: .lines)
        }
        #expect(throws: PayloadReadError(path: file, offset: nil, reason: .notADirectory)) {
            try PayloadFile.open(path: file, format: .files)
        }
        let missing = directory.appendingPathComponent("nope.txt").path
        let error = try #require(throws: PayloadReadError.self) { try PayloadFile.open(path: missing, format: .lengthDelimited) }
        #expect(error.description == "cannot open \(missing): No such file or directory")
        #expect(PayloadFormat(rawValue: "length-delimited") == .lengthDelimited)
    }

    @Test("an empty source is an error when sampled")
    func emptySample() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.write(Array("\n\n".utf8), "blank.txt", in: directory)
        var reader = try LinePayloadReader(path: path)
        #expect(throws: PayloadReadError(path: path, offset: nil, reason: .noRecords)) {
            try PayloadSample.collect(from: &reader, targetBytes: 100)
        }
    }

    @Test("a sample of a short file is marked exhausted")
    func exhaustedSample() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.write(Array("a\nbb\n".utf8), "short.txt", in: directory)
        var reader = try LinePayloadReader(path: path)
        let sample = try PayloadSample.collect(from: &reader, targetBytes: 100)
        #expect(sample.records.count == 2 && sample.isExhausted && sample.totalBytes == 3)
        #expect(sample.meanRecordSize == 1.5)
    }
}
