import Foundation
import KafkaPartitioning
import Testing

@Suite("PartitionCount: multiply-based remainder equals %")
struct PartitionCountTests {
    static let divisors: [Int] = Array(1...300) + [
        509, 1000, 1009, 1024, 4095, 4096, 65535, 65536, 65537, 1 << 20, 999_983,
        (1 << 30) - 1, 1 << 30, (1 << 30) + 1, Int(Int32.max) - 1, Int(Int32.max),
    ]

    @Test("every divisor, edge and random dividends, scalar and SIMD8")
    func remainders() throws {
        var random = SeededRandom(seed: 99)
        for divisor in Self.divisors {
            let count = try PartitionCount(divisor)
            let d = UInt32(divisor)
            var dividends: [UInt32] = [0, 1, d - 1, d, d &+ 1, 2 &* d, UInt32.max, UInt32.max - 1, 0x7fff_ffff, 0x8000_0000]
            dividends += (0..<200).map { _ in UInt32.random(in: 0...UInt32.max, using: &random) }
            for x in dividends {
                #expect(count.remainder(x) == x % d, "x=\(x) d=\(d)")
            }
            for chunk in stride(from: 0, to: dividends.count - 7, by: 8) {
                let lanes = SIMD8<UInt32>(dividends[chunk..<(chunk + 8)])
                let expected = SIMD8<UInt32>(dividends[chunk..<(chunk + 8)].map { $0 % d })
                #expect(count.remainder(lanes) == expected, "d=\(d)")
            }
        }
    }

    @Test("counts below 1 and above Int32.max are rejected with the field named")
    func invalid() {
        #expect(throws: PartitioningError.invalidPartitionCount(0)) { try PartitionCount(0) }
        #expect(throws: PartitioningError.invalidPartitionCount(-3)) { try PartitionCount(-3) }
        #expect(throws: PartitioningError.invalidPartitionCount(Int(Int32.max) + 1)) { try PartitionCount(Int(Int32.max) + 1) }
        #expect(PartitioningError.invalidPartitionCount(0).description.contains("partitionCount"))
    }

    @Test("Codable as the bare integer; a count below 1 does not decode")
    func codable() throws {
        let counts = try [1, 12, Int(Int32.max)].map { try PartitionCount($0) }
        let json = try JSONEncoder().encode(counts)
        #expect(String(decoding: json, as: UTF8.self) == "[1,12,2147483647]")
        #expect(try JSONDecoder().decode([PartitionCount].self, from: json) == counts)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PartitionCount].self, from: Data("[0]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PartitionCount].self, from: Data("[2147483648]".utf8)) }
    }

    @Test("ordered and printed by the number of partitions")
    func orderAndText() throws {
        let (six, twelve) = (try PartitionCount(6), try PartitionCount(12))
        #expect(six < twelve && !(twelve < six))
        #expect(max(six, twelve) == twelve)
        #expect("\(twelve) partitions" == "12 partitions")
    }
}
