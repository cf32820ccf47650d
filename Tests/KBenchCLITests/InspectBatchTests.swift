import Foundation
import Testing
import TestSupport

/// `kbench inspect batch` / `inspect segment` on the kafka-python samples in results/samples.
@Suite("kbench inspect batch and segment")
struct InspectBatchTests {
    static let batches = Repository.file("results/samples/kafka-python-batches.bin").path
    static let segment = Repository.file("results/samples/00000000000000000000.log").path

    /// A temporary copy of `path`, cut to `length` bytes and with `patches` applied.
    static func damagedCopy(of path: String, length: Int? = nil, patches: [Int: UInt8] = [:], name: String) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        if let length { bytes = Array(bytes.prefix(length)) }
        for (offset, value) in patches { bytes[offset] = value }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test("--print-data-log prints kafka-dump-log's batch and record lines with keys and payloads")
    func printDataLog() throws {
        let result = try KBenchExecutable.run(["inspect", "batch", Self.batches, "--print-data-log"])
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == [
            "Dumping \(Self.batches)",
            "baseOffset: 0 lastOffset: 2 count: 3 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: 0 CreateTime: 1700000000005 size: 170 magic: 2 compresscodec: none crc: 756034229 isvalid: true",
            #"| offset: 0 CreateTime: 1700000000000 keySize: 7 valueSize: 12 sequence: -1 headerKeys: [trace] key: user-42 payload: {"total":12}"#,
            #"| offset: 1 CreateTime: 1700000000005 keySize: 6 valueSize: 11 sequence: -1 headerKeys: [] key: user-7 payload: {"total":3}"#,
            #"| offset: 2 CreateTime: 1700000000002 keySize: 7 valueSize: 12 sequence: -1 headerKeys: [trace,trace] key: user-42 payload: {"total":40}"#,
            "baseOffset: 0 lastOffset: 1 count: 2 baseSequence: 0 lastSequence: 1 producerId: 1000 producerEpoch: 0 partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: 170 CreateTime: 1700000000101 size: 81 magic: 2 compresscodec: none crc: 44538645 isvalid: true",
            "| offset: 0 CreateTime: 1700000000100 keySize: -1 valueSize: 6 sequence: 0 headerKeys: [] payload: no key",
            "| offset: 1 CreateTime: 1700000000101 keySize: 0 valueSize: 0 sequence: 1 headerKeys: [] key:  payload: ",
            "baseOffset: 0 lastOffset: 0 count: 1 baseSequence: 17 lastSequence: 17 producerId: 2000 producerEpoch: 3 partitionLeaderEpoch: 0 isTransactional: true isControl: false deleteHorizonMs: OptionalLong.empty position: 251 CreateTime: 1700000000200 size: 90 magic: 2 compresscodec: none crc: 1018105175 isvalid: true",
            "| offset: 0 CreateTime: 1700000000200 keySize: 7 valueSize: -1 sequence: 17 headerKeys: [reason] key: user-42",
            "",
        ])
        // Producer batches all start at offset 0: no offset-gap report outside `inspect segment`.
        #expect(result.err.isEmpty)
    }

    @Test("segment: starting offset from the file name, batch positions, no record lines by default")
    func segmentShallow() throws {
        let result = try KBenchExecutable.run(["inspect", "segment", Self.segment])
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0] == "Dumping \(Self.segment)")
        #expect(lines[1] == "Log starting offset: 0")
        #expect(lines[2].hasPrefix("baseOffset: 0 lastOffset: 2 count: 3 "))
        #expect(lines[3].hasPrefix("baseOffset: 3 lastOffset: 4 count: 2 "))
        #expect(lines[4].hasPrefix("baseOffset: 5 lastOffset: 5 count: 1 "))
        #expect(lines[2...].map { $0.contains("partitionLeaderEpoch: 4 ") } == [true, true, true])
        #expect(lines[2...].map { $0.components(separatedBy: " position: ")[1].split(separator: " ")[0] } == ["0", "170", "251"])
        #expect(result.err.isEmpty)
    }

    @Test("segment --deep-iteration lists non-consecutive offsets on stderr like kafka-dump-log")
    func segmentOffsetGaps() throws {
        let result = try KBenchExecutable.run(["inspect", "segment", Self.batches, "--deep-iteration"])
        #expect(result.status == 0)
        #expect(result.err == "Non-consecutive offsets in \(Self.batches)\n  2 is followed by 0\n  1 is followed by 0\n")
    }

    @Test("segment --deep-iteration: record lines without payloads, consecutive offsets")
    func segmentDeep() throws {
        let result = try KBenchExecutable.run(["inspect", "segment", Self.segment, "--deep-iteration"])
        #expect(result.status == 0)
        let records = result.out.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(records.map { $0.split(separator: " ")[2] } == ["0", "1", "2", "3", "4", "5"])
        #expect(!result.out.contains("payload:"))
        #expect(result.err.isEmpty)
    }

    @Test("compressed kafka-python samples decode with every codec", arguments: ["gzip", "snappy", "lz4", "zstd"])
    func compressedSamples(codec: String) throws {
        let path = Repository.file("results/samples/kafka-python-\(codec).bin").path
        let result = try KBenchExecutable.run(["inspect", "batch", path, "--print-data-log"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains(" compresscodec: \(codec) "))
        #expect(result.out.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == 20)
        #expect(result.out.contains(#"key: sensor-3 payload: {"sensor":3,"reading":20,"unit":"celsius"}"#))
    }

    @Test("a torn segment: earlier batches printed, then exit 1 with one line naming the byte position")
    func tornSegment() throws {
        let path = try Self.damagedCopy(of: Self.segment, length: 300, name: "00000000000000000000.log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try KBenchExecutable.run(["inspect", "segment", path])
        #expect(result.status == 1)
        #expect(result.out.split(separator: "\n").filter { $0.hasPrefix("baseOffset: ") }.count == 2)
        let errorLines = result.err.split(separator: "\n")
        #expect(errorLines.count == 1)
        #expect(errorLines.first == "kbench: \(path): invalid batch at position 251: producerId at byte 294: truncated: needs 8 bytes, 6 left")
    }

    @Test("a bad record mid-batch: the records before it are printed, the error names its byte")
    func badRecord() throws {
        // Byte 61 + 4 of the first batch is record 0's key length: make it -3 (0x05).
        let path = try Self.damagedCopy(of: Self.batches, patches: [65: 0x05], name: "bad-key.bin")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try KBenchExecutable.run(["inspect", "batch", path, "--deep-iteration"])
        #expect(result.status == 1)
        #expect(result.out.contains("isvalid: false"))
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(result.err.hasSuffix("invalid batch at position 0: records[0].key at byte 65: invalid negative length -3\n"))
    }

    @Test("a CRC mismatch: every batch printed, isvalid: false, exit 1 naming its position")
    func crcMismatch() throws {
        // A payload byte of the second batch (position 170).
        let path = try Self.damagedCopy(of: Self.batches, patches: [240: 0x58], name: "crc.bin")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try KBenchExecutable.run(["inspect", "batch", path])
        #expect(result.status == 1)
        let lines = result.out.split(separator: "\n").filter { $0.hasPrefix("baseOffset: ") }
        #expect(lines.map { $0.hasSuffix("isvalid: true") } == [true, false, true])
        #expect(result.err == "kbench: \(path): CRC-32C mismatch in 1 batch, first at position 170 (see isvalid: false)\n")
    }

    @Test("--decompression-limit stops a batch that expands past it")
    func decompressionLimit() throws {
        let path = Repository.file("results/samples/kafka-python-zstd.bin").path
        let result = try KBenchExecutable.run(["inspect", "batch", path, "--deep-iteration", "--decompression-limit", "100"])
        #expect(result.status == 1)
        #expect(result.err.contains("invalid batch at position 0: records at byte 61: "))
        #expect(result.err.contains("100"))
        let usage = try KBenchExecutable.run(["inspect", "batch", path, "--decompression-limit", "0"])
        #expect(usage.status == 2)
        // Sizes take units, as everywhere else: 1 KiB still stops it, 1 MiB lets it through.
        let kibibyte = try KBenchExecutable.run(["inspect", "batch", path, "--deep-iteration", "--decompression-limit", "1KiB"])
        #expect(kibibyte.status == 1)
        #expect(kibibyte.err.contains("1024"))
        let mebibyte = try KBenchExecutable.run(["inspect", "batch", path, "--deep-iteration", "--decompression-limit", "1MiB"])
        #expect(mebibyte.status == 0)
    }

    @Test("a missing file is one line, exit 1; help teaches with an example")
    func missingFileAndHelp() throws {
        let result = try KBenchExecutable.run(["inspect", "segment", "/no/such/00000000000000000000.log"])
        #expect(result.status == 1)
        #expect(result.err == "kbench: cannot open /no/such/00000000000000000000.log: No such file or directory\n")
        let help = try KBenchExecutable.run(["inspect", "batch", "--help"])
        #expect(help.status == 0)
        #expect(help.out.contains("Example:"))
        #expect(help.out.contains("--print-data-log"))
        #expect(help.out.contains("--decompression-limit <size>"))
    }
}
