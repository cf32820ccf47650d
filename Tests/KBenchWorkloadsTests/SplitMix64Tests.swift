import KBenchWorkloads
import Testing

@Suite("SplitMix64")
struct SplitMix64Tests {
    @Test("matches the reference sequence (Vigna's splitmix64.c, seed 1234567)")
    func referenceVector() {
        var random = SplitMix64(seed: 1_234_567)
        let values = (0..<5).map { _ in random.next() }
        #expect(values == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423, 4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
    }

    @Test("next(below:) and next(in:) stay in range and reach both ends")
    func ranges() {
        var random = SplitMix64(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let value = random.next(below: 10)
            #expect((0..<10).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 10)
        var ends = Set<Int>()
        for _ in 0..<10_000 {
            let value = random.next(in: -3...3)
            #expect((-3...3).contains(value))
            ends.insert(value)
        }
        #expect(ends == Set(-3...3))
        #expect(random.next(below: 0) == 0 && random.next(below: 1) == 0)
    }

    @Test("unit doubles are in [0, 1) and average about one half")
    func unitDoubles() {
        var random = SplitMix64(seed: 99)
        let values = (0..<20_000).map { _ in random.nextUnitDouble() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean - 0.5) < 0.01)
    }

    @Test("a generator restarted from currentState continues the same sequence")
    func resumable() {
        var first = SplitMix64(seed: 5)
        _ = first.next()
        var second = SplitMix64(seed: first.currentState)
        #expect(first.next() == second.next())
    }

    @Test("appendBytes writes exactly the requested count, little-endian words")
    func bytes() {
        var random = SplitMix64(seed: 1)
        var bytes: [UInt8] = []
        random.appendBytes(11, to: &bytes)
        #expect(bytes.count == 11)
        var reference = SplitMix64(seed: 1)
        let word = reference.next()
        #expect(bytes[0..<8] == ArraySlice((0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) }))
    }
}
