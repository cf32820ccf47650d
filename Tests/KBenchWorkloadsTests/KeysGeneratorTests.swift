import Foundation
import KBenchWorkloads
import Testing

@Suite("Key generators: seq, uuid, random, zipf")
struct KeysGeneratorTests {
    static func keys(_ spec: String, seed: UInt64 = 7) throws -> [String] {
        var generator = try KeyGenerator(parsing: spec, seed: seed)
        return try generator.collectKeys().map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("seq: the prefix then 0 … N-1, exactly N keys")
    func sequence() throws {
        #expect(try Self.keys("seq:user-:12") == (0..<12).map { "user-\($0)" })
        #expect(try Self.keys("seq::3") == ["0", "1", "2"])
        #expect(try Self.keys("seq:x:0").isEmpty)
        var generator = try KeyGenerator(parsing: "seq:k:5")
        var key = KeyBuffer(capacity: 1)
        for expected in ["k0", "k1", "k2", "k3", "k4"] {
            let more = generator.nextKey(into: &key)
            #expect(more)
            #expect(key.text == expected)
        }
        let exhausted = !generator.nextKey(into: &key)
        #expect(exhausted)
        #expect(key.text == "k4", "an exhausted source leaves the buffer alone")
        #expect(generator.produced == 5 && generator.remaining == 0)
    }

    @Test("seq: large numbers have every digit")
    func sequenceDigits() throws {
        var generator = try KeyGenerator(parsing: "seq:p:1000001")
        var key = KeyBuffer()
        var last = ""
        while generator.nextKey(into: &key) { if generator.produced % 999_983 == 0 || generator.remaining == 0 { last = key.text } }
        #expect(last == "p1000000")
    }

    @Test("uuid: version-4 text that Foundation parses back, unique, seeded")
    func uuid() throws {
        let keys = try Self.keys("uuid:5000", seed: 42)
        #expect(keys.count == 5000)
        #expect(Set(keys).count == 5000)
        for key in keys {
            #expect(key.utf8.count == 36)
            let parsed = try #require(UUID(uuidString: key))
            #expect(parsed.uuidString.lowercased() == key)
            let characters = Array(key)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
        }
        #expect(try Self.keys("uuid:5000", seed: 42) == keys)
        #expect(try Self.keys("uuid:5000", seed: 43) != keys)
    }

    @Test("random: LEN base64url characters, every symbol used, seeded")
    func random() throws {
        let keys = try Self.keys("random:37:2000", seed: 1)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(keys.count == 2000)
        #expect(keys.allSatisfy { $0.count == 37 && $0.allSatisfy(alphabet.contains) })
        #expect(Set(keys.joined()) == alphabet)
        #expect(Set(keys).count == 2000)
        #expect(try Self.keys("random:37:2000", seed: 1) == keys)
        #expect(try Self.keys("random:0:3") == ["", "", ""])
    }

    @Test("zipf: rank frequencies match 1/k^s within 4 standard deviations")
    func zipfFrequencies() throws {
        let draws = 200_000
        for exponent in [0.0, 0.8, 1.0, 1.5] {
            let sampler = ZipfSampler(rankCount: 50, exponent: exponent)
            var generator = KeyGenerator(spec: .zipf(exponent: exponent, count: draws, distinctKeys: 50), seed: 3)
            var counts = [Int](repeating: 0, count: 51)
            var key = KeyBuffer()
            while generator.nextKey(into: &key) {
                let text = key.text
                #expect(text.hasPrefix("key-"))
                let rank = try #require(Int(text.dropFirst(4)))
                try #require((1...50).contains(rank))
                counts[rank] += 1
            }
            for rank in [1, 2, 3, 10, 50] {
                let p = sampler.probability(ofRank: rank)
                let expected = p * Double(draws)
                let sigma = (Double(draws) * p * (1 - p)).squareRoot()
                #expect(abs(Double(counts[rank]) - expected) < 4 * sigma, "s=\(exponent) rank \(rank): \(counts[rank]) vs \(expected)")
            }
        }
    }

    @Test("zipf: a huge key space samples without tables, ranks in range, hottest key first")
    func zipfHugeSpace() throws {
        var generator = KeyGenerator(spec: .zipf(exponent: 1.2, count: 50_000, distinctKeys: 1_000_000_000), seed: 9)
        var counts: [String: Int] = [:]
        var key = KeyBuffer()
        while generator.nextKey(into: &key) { counts[key.text, default: 0] += 1 }
        let hottest = try #require(counts.max { $0.value < $1.value })
        #expect(hottest.key == "key-1")
        #expect(counts.keys.allSatisfy { (Int($0.dropFirst(4)) ?? 0) >= 1 && (Int($0.dropFirst(4)) ?? 0) <= 1_000_000_000 })
    }

    @Test("reset replays the same keys; descriptions carry the seed")
    func resetAndDescription() throws {
        var generator = try KeyGenerator(parsing: "zipf:1.1:100", seed: 5)
        let first = try generator.collectKeys()
        generator.reset()
        #expect(try generator.collectKeys() == first)
        #expect(generator.description == "zipf:1.1:100 (seed 5)")
        #expect(try KeyGenerator(parsing: "seq:a:3").description == "seq:a:3")
        #expect(try KeyGenerator(parsing: "uuid:3").expectedCount == 3)
    }
}
