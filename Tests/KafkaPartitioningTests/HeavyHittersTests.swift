@testable import KafkaPartitioning
import Testing
import TestSupport

@Suite("Statistics: heavy hitters (Misra–Gries)")
struct HeavyHittersTests {
    func add(_ sketch: inout HeavyHitters, _ key: [UInt8]) {
        key.withUnsafeBytes { sketch.add($0) }
    }

    @Test("fewer distinct keys than counters: exact counts, no error")
    func exact() {
        var sketch = HeavyHitters(capacity: 8)
        let stream = ["a", "b", "a", "c", "a", "b", ""].map { Array($0.utf8) }
        for key in stream { add(&sketch, key) }
        #expect(sketch.processed == 7)
        #expect(sketch.maximumError == 0)
        let hitters = sketch.hitters()
        #expect(hitters.map { String(decoding: $0.key, as: UTF8.self) } == ["a", "b", "", "c"])
        #expect(hitters.map(\.count) == [3, 2, 1, 1])
        #expect(sketch.hitters(limit: 2).count == 2)
    }

    @Test("guarantees on a skewed seeded stream: bounds hold, every key above N/(k+1) is kept")
    func guarantees() {
        for capacity in [4, 32, 256] {
            var random = SeededRandom(seed: UInt64(capacity))
            var sketch = HeavyHitters(capacity: capacity)
            var exact: [[UInt8]: Int] = [:]
            let total = 60_000
            for _ in 0..<total {
                // A geometric-ish head over a long uniform tail.
                let draw = random.next(below: 1000)
                let rank = draw < 300 ? Int(draw % 3) : (draw < 500 ? 3 + Int(draw % 20) : 100 + Int(random.next(below: 50_000)))
                let key = Array("key-\(rank)".utf8)
                exact[key, default: 0] += 1
                add(&sketch, key)
            }
            let bound = total / (capacity + 1)
            #expect(sketch.maximumError <= bound)
            let held = Dictionary(uniqueKeysWithValues: sketch.counters().map { ($0.key, $0.count) })
            for (key, count) in held {
                let frequency = exact[key] ?? 0
                #expect(count <= frequency && frequency <= count + sketch.maximumError, "capacity \(capacity)")
            }
            for (key, frequency) in exact where frequency > bound {
                #expect(held[key] != nil, "capacity \(capacity): a key seen \(frequency) times (> \(bound)) was dropped")
            }
            #expect(sketch.hitters().allSatisfy { $0.count > sketch.maximumError })
        }
    }

    @Test("copies are independent values (copy on write)")
    func valueSemantics() {
        var original = HeavyHitters(capacity: 4)
        add(&original, Array("a".utf8))
        var copy = original
        add(&copy, Array("a".utf8))
        add(&copy, Array("b".utf8))
        #expect(original.processed == 1)
        #expect(original.counters().map(\.count) == [1])
        #expect(copy.processed == 3)
        #expect(copy.hitters().map(\.count) == [2, 1])
    }

    @Test("a stream of distinct keys has no hitter")
    func uniform() {
        var sketch = HeavyHitters(capacity: 64)
        for index in 0..<10_000 { add(&sketch, Array("user-\(index)".utf8)) }
        #expect(sketch.hitters().isEmpty)
        #expect(sketch.maximumError > 0)
    }

    @Test("keys of every length 0–300 differing in one byte are counted apart, one at a time and from a batch")
    func oneByteApart() {
        var keys: [[UInt8]] = []
        for length in Array(0...40) + [127, 128, 129, 135, 136, 137, 300] {
            let base = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ length) }
            keys.append(base)
            for position in 0..<length {
                var other = base
                other[position] ^= 0x80
                keys.append(other)
            }
        }
        // Each key twice, so every one is a hitter when the counters hold them all.
        let stream = keys + keys
        var single = HeavyHitters(capacity: keys.count)
        for key in stream { add(&single, key) }
        var batched = HeavyHitters(capacity: keys.count)
        KeyBatch(stream).withContiguousKeys { batched.add($0) }
        // Probe tables keyed by a partitioning hash: hashed by the sketch, or handed in.
        var sketches = [single, batched]
        for function in [HashFunction.murmur2, .crc32] {
            var hashing = HeavyHitters(capacity: keys.count, tableHash: function)
            KeyBatch(stream).withContiguousKeys { hashing.add($0) }
            var handed = HeavyHitters(capacity: keys.count, tableHash: function)
            let hashes = BatchHasher.hashes(function, of: stream)
            KeyBatch(stream).withContiguousKeys { keys in hashes.withUnsafeBufferPointer { handed.add(keys, hashes: $0) } }
            sketches += [hashing, handed]
        }
        for sketch in sketches {
            #expect(sketch.maximumError == 0)
            #expect(sketch.counters().count == keys.count)
            #expect(sketch.counters().allSatisfy { $0.count == 2 })
            #expect(sketch.hitters() == single.hitters())
        }
    }

    @Test("the probe table's hash changes no result: a skewed stream through every table hash")
    func tableHashes() {
        var random = SeededRandom(seed: 7)
        let stream: [[UInt8]] = (0..<20_000).map { _ in
            let draw = random.next() % 1000
            let key = Array("k-\(draw < 500 ? draw % 20 : draw)".utf8)
            return draw % 7 == 0 ? key + [UInt8](repeating: 0x61, count: 150) : key
        }
        var reference = HeavyHitters(capacity: 64)
        KeyBatch(stream).withContiguousKeys { reference.add($0) }
        #expect(reference.maximumError > 0)
        for function in HashFunction.allCases {
            var sketch = HeavyHitters(capacity: 64, tableHash: function)
            let hashes = BatchHasher.hashes(function, of: stream)
            KeyBatch(stream).withContiguousKeys { keys in hashes.withUnsafeBufferPointer { sketch.add(keys, hashes: $0) } }
            #expect(sketch.counters() == reference.counters(), "\(function)")
            #expect(sketch.maximumError == reference.maximumError)
        }
    }

    @Test("long keys: truncated for display, distinct by their tails, partitioned by the full key")
    func longKeys() {
        let prefix = [UInt8](repeating: 0x61, count: 200)
        let first = prefix + Array("-first".utf8)
        let second = prefix + Array("-second".utf8)
        var sketch = HeavyHitters(capacity: 4)
        for _ in 0..<3 { add(&sketch, first) }
        add(&sketch, second)
        let hitters = sketch.hitters()
        #expect(hitters.count == 2)
        let top = hitters[0]
        #expect(top.count == 3)
        #expect(top.length == first.count)
        #expect(top.isTruncated)
        #expect(top.key.count == HeavyHitters.storedKeyLimit)
        for rule in [KeyHashing.kafkaDefault, KeyHashing(.crc32, .unsigned), KeyHashing(.fnv1a, .absoluteValue),
                     KeyHashing(.kafkaJSLegacyMurmur2, .clearSignBit)] {
            for n in [7, 12, 1009].map(PartitionCount.valid) {
                #expect(top.partition(rule, partitionCount: n) == rule.partition(first, partitionCount: n))
                #expect(hitters[1].partition(rule, partitionCount: n) == rule.partition(second, partitionCount: n))
            }
        }
    }
}
