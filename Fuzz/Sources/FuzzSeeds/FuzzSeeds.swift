// Writes the seed corpus of every fuzz target into Fuzz/Corpus/<Target>/:
//   FuzzSeeds <repository root> <corpus directory>
// Sources: kafka-python's sample batches (results/samples), batches kbench writes with every
// codec (snappy in both framings), their records blocks as raw codec frames, decompression
// bombs next to the 8 MiB ceiling, boundary varints, small key files, and hostile terminal
// text (escape sequences, C1 and bidi controls, invalid UTF-8, every byte). Deterministic: the
// same files each run.
import Foundation
import KafkaCompression
import KafkaRecords

@main
struct FuzzSeeds {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: FuzzSeeds <repository root> <corpus directory>\n".utf8))
            exit(2)
        }
        var corpus = Corpus(root: URL(fileURLWithPath: arguments[2]))
        let samples = URL(fileURLWithPath: arguments[1]).appendingPathComponent("results/samples")

        // kafka-python's batches: whole batches, the segment, and their records blocks.
        var kafkaPython: [(name: String, bytes: [UInt8])] = []
        for name in ["kafka-python-batches", "kafka-python-gzip", "kafka-python-snappy", "kafka-python-lz4", "kafka-python-zstd"] {
            kafkaPython.append((name, try [UInt8](Data(contentsOf: samples.appendingPathComponent("\(name).bin")))))
        }
        let segment = try [UInt8](Data(contentsOf: samples.appendingPathComponent("00000000000000000000.log")))
        corpus.add("FuzzLogSegment", "kafka-python-segment.log", segment)
        for (name, bytes) in kafkaPython {
            corpus.add("FuzzRecordBatch", "\(name).bin", bytes)
            corpus.add("FuzzLogSegment", "\(name).bin", bytes)
            try addRecordsBlocks(of: bytes, name: name, to: &corpus)
        }

        // The sample broker data directory's storage files (results/samples/kafka-logs).
        let partition = samples.appendingPathComponent("kafka-logs/orders-0")
        for name in ["00000000000000000010.snapshot", "00000000000000000033.snapshot", "00000000000000000040.snapshot"] {
            corpus.add("FuzzProducerSnapshot", name, try [UInt8](Data(contentsOf: partition.appendingPathComponent(name))))
        }
        for name in ["00000000000000000010.index", "00000000000000000010.timeindex", "00000000000000000010.txnindex"] {
            // Byte 0 is the harness's base-offset selector.
            corpus.add("FuzzStorageIndex", name, [0] + (try [UInt8](Data(contentsOf: partition.appendingPathComponent(name)))))
        }
        for name in ["leader-epoch-checkpoint", "partition.metadata"] {
            corpus.add("FuzzCheckpoint", name, try [UInt8](Data(contentsOf: partition.appendingPathComponent(name))))
        }

        // kbench's batches: every codec, snappy in both framings.
        var kbenchSegment: [UInt8] = []
        var baseOffset: Int64 = 0
        let variants: [(name: String, type: CompressionType, framing: SnappyFraming)] = [
            ("none", .none, .xerial), ("gzip", .gzip, .xerial), ("snappy-xerial", .snappy, .xerial),
            ("snappy-raw", .snappy, .raw), ("lz4", .lz4, .xerial), ("zstd", .zstd, .xerial),
        ]
        for variant in variants {
            let batch = try kbenchBatch(variant.type, framing: variant.framing, baseOffset: baseOffset)
            baseOffset += 6
            kbenchSegment += batch
            corpus.add("FuzzRecordBatch", "kbench-\(variant.name).bin", batch)
            try addRecordsBlocks(of: batch, name: "kbench-\(variant.name)", to: &corpus)
        }
        corpus.add("FuzzLogSegment", "kbench-segment.log", kbenchSegment)

        // Legacy (magic 0/1) segments written by kafka-python (results/samples/legacy), and the
        // v2 segments, for the legacy walk; mixed segments for the dump too.
        for name in ["mixed", "v0-lz4", "v1-snappy", "v1-logappend-gzip"] {
            let bytes = try [UInt8](Data(contentsOf: samples.appendingPathComponent("legacy/\(name).log")))
            corpus.add("FuzzLegacyMessages", "\(name).log", bytes)
            corpus.add("FuzzLogSegment", "legacy-\(name).log", bytes)
        }
        corpus.add("FuzzLegacyMessages", "kbench-segment.log", kbenchSegment)
        addInternalTopicSeeds(to: &corpus)

        // Bombs: runs of zeros that expand ~1000× (to just below and just past the 8 MiB
        // ceiling where the codec allows it in a few KB), alone and as a batch claiming
        // Int32.max records, so that the fuzzer starts next to the ceiling.
        let bombs: [(name: String, type: CompressionType, zeros: Int)] = [
            ("gzip", .gzip, 7 << 20), ("zstd", .zstd, 7 << 20), ("zstd-past-ceiling", .zstd, 9 << 20),
            ("lz4", .lz4, 2 << 20), ("snappy-xerial", .snappy, 256 << 10),
        ]
        for bomb in bombs {
            var codec = try makeCodec(bomb.type)
            var block: [UInt8] = []
            try [UInt8](repeating: 0, count: bomb.zeros).withUnsafeBytes { zeros in try codec.compress(zeros, appendingTo: &block) }
            corpus.add(target(of: bomb.type), "bomb-\(bomb.name).bin", block)
            let batch = try bombBatch(bomb.type, block: block)
            corpus.add("FuzzRecordBatch", "bomb-\(bomb.name).bin", batch)
            corpus.add("FuzzLogSegment", "bomb-\(bomb.name).bin", batch)
        }

        // Raw frames of each codec: empty input, a run of zeros (high ratio), sample text.
        let text = Array(String(repeating: "{\"user\":42,\"event\":\"click\",\"page\":\"/home\"}\n", count: 40).utf8)
        for (name, input) in [("empty", [UInt8]()), ("zeros", [UInt8](repeating: 0, count: 70_000)), ("text", text)] {
            for variant in variants where variant.type != .none {
                var codec = try makeCodec(variant.type, options: CompressionOptions(snappyFraming: variant.framing))
                var frame: [UInt8] = []
                try input.withUnsafeBytes { bytes in try codec.compress(bytes, appendingTo: &frame) }
                corpus.add(target(of: variant.type), "kbench-\(variant.name)-\(name).bin", frame)
            }
        }

        // Varints and varlongs at every length boundary, back to back.
        var varints: [UInt8] = []
        var varlongs: [UInt8] = []
        for bits in 0..<32 {
            for value in [Int32(truncatingIfNeeded: (1 << bits) - 1), 0 &- Int32(truncatingIfNeeded: 1 << bits)] { Varint.append(value, to: &varints) }
        }
        for bits in 0..<64 {
            for value in [Int64(bitPattern: (1 << UInt64(bits)) &- 1), Int64(bitPattern: 0 &- (1 << UInt64(bits)))] { Varint.append(value, to: &varlongs) }
        }
        corpus.add("FuzzVarint", "varints.bin", varints)
        corpus.add("FuzzVarint", "varlongs.bin", varlongs)
        corpus.add("FuzzVarint", "overlong.bin", [0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])

        // Key files: byte 0 = read buffer size, byte 1 = longest key, then the file.
        let keyFiles: [(String, UInt8, UInt8, String)] = [
            ("lines", 64, 32, "user-1\nuser-2\n\nuser-4\n"),
            ("crlf", 16, 8, "a\r\nbb\r\n\r\nccc\r\n"),
            ("no-final-newline", 16, 5, "12345\n1234\n12345"),
            ("too-long", 16, 4, "abcd\nabcde\nabc\n"),
            ("long-lines", 0, 200, String(repeating: "k", count: 150) + "\n" + String(repeating: "x", count: 40) + "\r\n"),
        ]
        for (name, buffer, limit, text) in keyFiles {
            corpus.add("FuzzKeyFile", "\(name).bin", [buffer, limit] + Array(text.utf8))
        }

        // Terminal text: byte 0 = allowed controls (bit 0 newline, bit 1 tab), then the text.
        let terminalTexts: [(String, UInt8, [UInt8])] = [
            ("all-bytes", 3, Array(UInt8.min...UInt8.max)),
            ("osc", 0, Array("k \u{1B}]0;PWNED\u{07}".utf8)),
            ("csi", 3, Array("v \u{1B}[31mRED\u{1B}[0m\nline\ttab".utf8)),
            ("c1-bidi", 0, [0xC2, 0x9B] + Array("31m ".utf8) + [0xC2, 0x85, 0x20, 0xE2, 0x80, 0xAE]),
            ("printable", 1, Array("Tiếng Việt 日本 👋🏽".utf8)),
            ("invalid", 2, [0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xE1, 0xBB]),
        ]
        for (name, allowed, text) in terminalTexts {
            corpus.add("FuzzTerminalText", "\(name).bin", [allowed] + text)
        }
        try corpus.write()
    }

    /// The fuzz target of a codec's raw frames.
    static func target(of type: CompressionType) -> String {
        switch type {
        case .gzip: "FuzzGzip"
        case .snappy: "FuzzSnappy"
        case .lz4: "FuzzLZ4"
        case .zstd: "FuzzZstd"
        case .none: "FuzzRecordBatch"
        }
    }

    /// Adds the records block of each compressed batch in `bytes` to its codec's corpus.
    static func addRecordsBlocks(of bytes: [UInt8], name: String, to corpus: inout Corpus) throws {
        var reader = LogSegmentReader(bytes)
        while let frame = try reader.next() {
            guard let type = frame.header.attributes.compression, type != .none else { continue }
            corpus.add(target(of: type), "\(name)-records-\(frame.position).bin", Array(frame.storage[frame.recordsRange]))
        }
    }

    /// A batch of `type` whose records block is `block`, claiming Int32.max records (CRC valid).
    static func bombBatch(_ type: CompressionType, block: [UInt8]) throws -> [UInt8] {
        var bytes = Array(try kbenchBatch(type, framing: .xerial, baseOffset: 0).prefix(RecordBatchHeader.size)) + block
        func store(_ value: UInt32, at offset: Int) {
            for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index)) }
        }
        store(UInt32(bytes.count - 12), at: 8)       // batchLength: bytes after the length field
        store(UInt32(Int32.max), at: 57)             // recordsCount
        store(CRC32C.checksum(Array(bytes[RecordBatchHeader.crcCoverageStart...])), at: 17)
        return bytes
    }

    /// Six records: keyed with headers (one null header value), null key, empty key and
    /// value, a tombstone, a negative timestamp delta, a multi-byte length.
    static func kbenchBatch(_ type: CompressionType, framing: SnappyFraming, baseOffset: Int64) throws -> [UInt8] {
        var settings = RecordBatchSettings(
            baseOffset: baseOffset, partitionLeaderEpoch: 3, compression: type,
            producerId: 1000, producerEpoch: 0, baseSequence: 7, snappyFraming: framing
        )
        settings.baseTimestamp = 1_700_000_000_000
        var builder = RecordBatchBuilder(settings: settings)
        let time: Int64 = 1_700_000_000_000
        let trace = [RecordHeader(key: "trace", text: "abc-123"), RecordHeader(key: "tenant", value: nil)]
        try builder.append(key: Array("user-1".utf8), value: Array("{\"n\":1}".utf8), headers: trace, timestamp: time)
        try builder.append(key: nil, value: Array("no key".utf8), timestamp: time + 5)
        try builder.append(key: [], value: [], timestamp: time + 9)
        try builder.append(key: Array("user-1".utf8), value: nil, timestamp: time + 12)
        try builder.append(key: Array("early".utf8), value: Array("before base".utf8), timestamp: time - 3)
        try builder.append(key: Array("big".utf8), value: Array(repeating: 0x61, count: 300), headers: [RecordHeader(key: "é", text: "ü")], timestamp: time + 20)
        try builder.finish()
        return builder.bytes
    }
}

/// Seed files by target, written at the end (each target's folder replaced).
/// Control-record and internal-topic seeds: [key length, value length, key, value] and
/// [flags, key length, key, value] (see the targets' headers), from Kafka's schemas.
func addInternalTopicSeeds(to corpus: inout Corpus) {
    func be<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
    func string(_ text: String) -> [UInt8] { be(Int16(text.utf8.count)) + Array(text.utf8) }
    let controls: [(String, [UInt8], [UInt8]?)] = [
        ("commit", [0, 0, 0, 1], [0, 0, 0, 0, 0, 5]), ("abort", [0, 0, 0, 0], [0, 0, 0, 0, 0, 9]),
        ("leader-change", [0, 0, 0, 2], [0, 0, 0, 1]), ("short-value", [0, 0, 0, 1], [0, 0]),
        ("negative-version", [0xFF, 0xFF, 0, 1], [0, 0, 0, 0, 0, 0]), ("null-value", [0, 0, 0, 0], nil),
    ]
    for (name, key, value) in controls {
        corpus.add("FuzzControlRecord", "\(name).bin", [UInt8(key.count), UInt8(value?.count ?? 255)] + key + (value ?? []))
    }
    let commitKey = be(Int16(1)) + string("group") + string("orders") + be(Int32(3))
    let commitValue = be(Int16(3)) + be(Int64(42)) + be(Int32(7)) + string("meta") + be(Int64(1_700_000_000_000))
    let commitValueV4 = be(Int16(4)) + be(Int64(42)) + be(Int32(7)) + [5] + Array("meta".utf8) + be(Int64(1)) + [1, 9, 2, 1, 2]
    let subscription = be(Int16(3)) + be(Int32(1)) + string("foo") + be(Int32(-1)) + be(Int32(1)) + string("foo") + be(Int32(1)) + be(Int32(0)) + be(Int32(0)) + string("rack")
    let assignment = be(Int16(0)) + be(Int32(1)) + string("foo") + be(Int32(1)) + be(Int32(0)) + be(Int32(-1))
    let groupKey = be(Int16(2)) + string("group")
    let groupValue = be(Int16(3)) + string("consumer") + be(Int32(10)) + string("range") + string("member") + be(Int64(-1))
        + be(Int32(1)) + string("member") + be(Int16(-1)) + string("client") + string("host") + be(Int32(1000)) + be(Int32(100))
        + be(Int32(Int32(subscription.count))) + subscription + be(Int32(Int32(assignment.count))) + assignment
    let txnKey = be(Int16(0)) + string("txn-1")
    let txnValue = be(Int16(0)) + be(Int64(3000)) + be(Int16(4)) + be(Int32(60_000)) + [1] + be(Int32(1)) + string("orders")
        + be(Int32(2)) + be(Int32(0)) + be(Int32(2)) + be(Int64(1_700_000_000_500)) + be(Int64(1_700_000_000_000))
    let records: [(String, UInt8, [UInt8], [UInt8])] = [
        ("offset-commit-v3", 0, commitKey, commitValue), ("offset-commit-v4", 0, commitKey, commitValueV4),
        ("offset-commit-tombstone", 2, commitKey, []), ("group-metadata-v3", 0, groupKey, groupValue),
        ("transaction-v0", 1, txnKey, txnValue), ("transaction-tombstone", 3, txnKey, []),
    ]
    for (name, flags, key, value) in records {
        corpus.add("FuzzInternalTopics", "\(name).bin", [flags, UInt8(key.count)] + key + value)
    }
}

struct Corpus {
    let root: URL
    var files: [String: [(String, [UInt8])]] = [:]

    mutating func add(_ target: String, _ name: String, _ bytes: [UInt8]) {
        files[target, default: []].append((name, bytes))
    }

    func write() throws {
        let manager = FileManager.default
        for (target, entries) in files.sorted(by: { $0.key < $1.key }) {
            let folder = root.appendingPathComponent(target)
            try? manager.removeItem(at: folder)
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, bytes) in entries {
                try Data(bytes).write(to: folder.appendingPathComponent(name))
            }
            print("\(target): \(entries.count) files, \(entries.reduce(0) { $0 + $1.1.count }) bytes")
        }
    }
}
