import Foundation
import KBenchWorkloads
import Testing

@Suite("Payload corpora")
struct CorpusTests {
    /// FNV-1a 64 over every record and its length: a fingerprint of a corpus prefix.
    static func fingerprint(_ records: [[UInt8]]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for record in records {
            for byte in withUnsafeBytes(of: UInt32(record.count).bigEndian, Array.init) + record {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }

    @Test("same seed, same bytes; another seed, other bytes", arguments: PayloadCorpus.allCases)
    func deterministic(corpus: PayloadCorpus) {
        let first = corpus.records(count: 300, seed: 42)
        let again = corpus.records(count: 300, seed: 42)
        let other = corpus.records(count: 300, seed: 43)
        #expect(first == again)
        #expect(first != other)
        var generator = corpus.generator(seed: 42)
        var streamed: [[UInt8]] = []
        while streamed.count < 300, let record = generator.next() { streamed.append(record) }
        #expect(streamed == first)
        #expect(generator.count == 300)
    }

    /// Pinned fingerprints of the first 1000 records for seed 42: the corpora are part of
    /// kbench's published behaviour (reports compare ratios across machines and versions).
    /// A change here changes every compression report: bump it only on purpose.
    @Test("the first 1000 records of seed 42 never change", arguments: [
        (PayloadCorpus.json, UInt64(14_587_488_446_035_260_515)), (.logs, 12_445_831_031_648_629_749),
        (.csv, 5_192_358_378_031_495_631), (.avro, 17_097_246_730_263_482_602), (.random, 14_303_968_357_995_993_642),
    ])
    func pinned(corpus: PayloadCorpus, expected: UInt64) {
        let records = corpus.records(count: 1000, seed: 42)
        #expect(Self.fingerprint(records) == expected, "fingerprint of \(corpus): \(Self.fingerprint(records))")
    }

    @Test("record sizes vary within each corpus's documented range", arguments: [
        (PayloadCorpus.json, 250...750), (.logs, 90...300), (.csv, 60...130), (.avro, 60...250), (.random, 100...1000),
    ])
    func sizes(corpus: PayloadCorpus, range: ClosedRange<Int>) {
        let sizes = corpus.records(count: 3000, seed: 1).map(\.count)
        #expect(sizes.allSatisfy(range.contains))
        #expect(Set(sizes).count > 20, "sizes should vary")
    }

    @Test("json records are JSON objects with the common fields and type-specific properties")
    func jsonShape() throws {
        var types = Set<String>()
        for record in PayloadCorpus.json.records(count: 1000, seed: 3) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(record)) as? [String: Any])
            let type = try #require(object["type"] as? String)
            types.insert(type)
            #expect(UUID(uuidString: try #require(object["event_id"] as? String)) != nil)
            #expect((object["ts"] as? String)?.hasPrefix("2023-11-") == true)
            let user = try #require(object["user"] as? [String: Any])
            #expect(user["id"] is Int)
            let properties = try #require(object["properties"] as? [String: Any])
            if type == "purchase" {
                let items = try #require(properties["items"] as? [[String: Any]])
                #expect((1...5).contains(items.count))
            }
        }
        #expect(types == ["page_view", "add_to_cart", "search", "purchase", "login", "logout"])
    }

    @Test("log lines are single printable ASCII lines, application and access lines mixed")
    func logShape() {
        let lines = PayloadCorpus.logs.records(count: 1000, seed: 3).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines.allSatisfy { line in line.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } })
        let access = lines.filter { $0.contains(" HTTP/1.1\" ") }
        let application = lines.filter { $0.hasPrefix("2023-11-14T") }
        #expect(access.count + application.count == lines.count)
        #expect(access.count > 250 && application.count > 450)
        #expect(application.contains { $0.contains(" ERROR ") } && application.contains { $0.contains("  INFO ") })
    }

    @Test("csv rows have six fields: timestamp, host, metric, value, unit, tags")
    func csvShape() throws {
        for record in PayloadCorpus.csv.records(count: 1000, seed: 3) {
            let fields = String(decoding: record, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 6)
            #expect(Int64(fields[0]).map { $0 >= 1_700_000_000_000 } == true)
            #expect(Double(fields[3]) != nil)
            #expect(fields[5].hasPrefix("env=prod;team="))
        }
    }

    @Test("avro records decode with the documented schema and consume every byte")
    func avroShape() throws {
        for record in PayloadCorpus.avro.records(count: 1000, seed: 3) {
            var reader = AvroReader(bytes: record)
            #expect(try reader.byte() == 0x00)
            #expect(try reader.int32BigEndian() == 1042)
            #expect(try reader.long() >= 50_000_000)
            #expect(try reader.long() >= 1_700_000_000_000)
            #expect(try reader.string().hasPrefix("cust-"))
            #expect((0..<6).contains(try reader.long()))
            let total = try reader.double()
            #expect(try ["EUR", "USD", "GBP", "SEK"].contains(reader.string()))
            let count = try reader.long()
            #expect((1...6).contains(count))
            var sum = 0.0
            for _ in 0..<count {
                #expect(try reader.string().hasPrefix("SKU-"))
                let quantity = try reader.long()
                sum += Double(quantity) * (try reader.double())
            }
            #expect(try reader.long() == 0)
            #expect(abs(sum - total) < 0.01)
            if try reader.long() == 1 { _ = try reader.string() }
            #expect(try reader.long() == 2)
            for _ in 0..<4 { _ = try reader.string() }
            #expect(try reader.long() == 0)
            #expect(reader.index == record.count)
        }
    }

    @Test("random bytes are spread evenly over all 256 values")
    func randomShape() {
        var counts = [Int](repeating: 0, count: 256)
        var total = 0
        for record in PayloadCorpus.random.records(count: 400, seed: 3) {
            for byte in record { counts[Int(byte)] += 1 }
            total += record.count
        }
        let expected = Double(total) / 256
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 255 degrees of freedom: the 99.99th percentile is about 355.
        #expect(chiSquare < 355)
    }

    @Test("a sample stops at the byte budget and records where it came from")
    func sample() throws {
        var generator = PayloadCorpus.csv.generator(seed: 42)
        let sample = try PayloadSample.collect(from: &generator, targetBytes: 10_000)
        #expect(sample.totalBytes >= 10_000 && sample.totalBytes < 10_000 + 130)
        #expect(!sample.isExhausted)
        #expect(sample.source == "corpus csv (seed 42)")
        #expect(sample.records == PayloadCorpus.csv.records(count: sample.records.count, seed: 42))
    }
}

/// A minimal Avro binary reader for the test (zigzag varints, strings, little-endian doubles).
struct AvroReader {
    struct Truncated: Error {}
    let bytes: [UInt8]
    var index = 0

    mutating func byte() throws -> UInt8 {
        guard index < bytes.count else { throw Truncated() }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func int32BigEndian() throws -> Int32 {
        var value: UInt32 = 0
        for _ in 0..<4 { value = value << 8 | UInt32(try byte()) }
        return Int32(bitPattern: value)
    }

    mutating func long() throws -> Int64 {
        var raw: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            raw |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { break }
            shift += 7
            guard shift < 64 else { throw Truncated() }
        }
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func string() throws -> String {
        let length = Int(try long())
        guard length >= 0, index + length <= bytes.count else { throw Truncated() }
        defer { index += length }
        return String(decoding: bytes[index..<(index + length)], as: UTF8.self)
    }

    mutating func double() throws -> Double {
        var bits: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { bits |= UInt64(try byte()) << UInt64(shift) }
        return Double(bitPattern: bits)
    }
}
