import Foundation
import Testing
@testable import KafkaRecords

@Suite("CRC-32C, portable and hardware paths")
struct CRC32CTests {
    @Test("check value CRC-32C(\"123456789\") = 0xE3069283 on every path", arguments: CRC32C.Implementation.allCases)
    func checkValue(implementation: CRC32C.Implementation) {
        #expect(CRC32C.checksum(Array("123456789".utf8), using: implementation) == 0xE306_9283)
    }

    @Test("RFC 3720 iSCSI vectors: 32 zero bytes, 32 0xFF bytes, 0…31", arguments: CRC32C.Implementation.allCases)
    func iscsiVectors(implementation: CRC32C.Implementation) {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32), using: implementation) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32), using: implementation) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }, using: implementation) == 0x46DD_794E)
        #expect(CRC32C.checksum([], using: implementation) == 0)
    }

    @Test("the hardware path is taken on x86-64 with SSE4.2")
    func hardwareAvailable() {
        #if arch(x86_64)
        #expect(CRC32C.isHardwareAvailable, "this x86-64 CPU should have SSE4.2; the hardware path would silently not be tested")
        #else
        #expect(!CRC32C.isHardwareAvailable)
        #endif
    }

    @Test("the folding path is taken exactly when the kernel reports AVX-512F, VPCLMULQDQ and SSE4.2")
    func foldingAvailable() throws {
        #if arch(x86_64) && os(Linux)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = Set(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? [])
        let expected = flags.isSuperset(of: ["avx512f", "vpclmulqdq", "sse4_2"])
        #expect(CRC32C.isFoldingAvailable == expected, "/proc/cpuinfo flags and the kernel's CPU check disagree")
        #else
        #expect(!CRC32C.isFoldingAvailable)
        #endif
    }

    @Test("folding agrees with the portable path on long inputs at every alignment and chunking")
    func foldingLongInputs() {
        var rng = SeededGenerator(seed: 0xF01D)
        let big = rng.bytes(1 << 20)
        big.withUnsafeBytes { raw in
            for start in 0..<8 {
                let slice = UnsafeRawBufferPointer(rebasing: raw[start...])
                let portable = CRC32C.checksum(slice, using: .portable)
                #expect(CRC32C.checksum(slice, using: .folding) == portable, "1 MiB at \(start)")
                #expect(CRC32C.checksum(slice, using: .automatic) == portable)
            }
            let whole = CRC32C.checksum(raw, using: .portable)
            var running = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<1000]), using: .folding)
            running = CRC32C.extend(running, UnsafeRawBufferPointer(rebasing: raw[1000..<700_000]), using: .folding)
            running = CRC32C.extend(running, UnsafeRawBufferPointer(rebasing: raw[700_000...]), using: .folding)
            #expect(running == whole)
        }
    }

    @Test("all paths agree on random inputs of every length up to 1,100 bytes (every chain length of the three short chains), then 3 x 8 KiB + tails, at odd alignments")
    func pathsAgree() {
        var rng = SeededGenerator(seed: 0xC3C3_2C2C)
        let big = rng.bytes(3 * 8192 * 2 + 3 * 256 + 97)
        var lengths = Array(0...1_100) + [3 * 256 * 2, 1535, 1536, 2047, 2048, 2049, 8191]
            + [24575, 24576, 24577, 49152 + 13]
        for _ in 0..<60 { lengths.append(Int.random(in: 0...(big.count - 8), using: &rng)) }
        big.withUnsafeBytes { raw in
            for length in lengths {
                let start = Int.random(in: 0...7, using: &rng)
                guard start + length <= raw.count else { continue }
                let slice = UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)])
                let portable = CRC32C.checksum(slice, using: .portable)
                #expect(CRC32C.checksum(slice, using: .hardware) == portable, "length \(length) at \(start)")
                #expect(CRC32C.checksum(slice, using: .folding) == portable, "folding, length \(length) at \(start)")
                #expect(CRC32C.checksum(slice, using: .automatic) == portable)
            }
        }
    }

    @Test("extend continues a checksum across pieces", arguments: CRC32C.Implementation.allCases)
    func extend(implementation: CRC32C.Implementation) {
        var rng = SeededGenerator(seed: 42)
        let bytes = rng.bytes(30_000)
        let whole = CRC32C.checksum(bytes, using: implementation)
        bytes.withUnsafeBytes { raw in
            for cut in [0, 1, 7, 800, 25_000, 30_000] {
                let first = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<cut]), using: implementation)
                let joined = CRC32C.extend(first, UnsafeRawBufferPointer(rebasing: raw[cut...]), using: implementation)
                #expect(joined == whole)
            }
        }
    }

    @Test("the portable tables start with the reflected Castagnoli polynomial")
    func tables() {
        #expect(CRC32CPortable.tables[0] == 0)
        #expect(CRC32CPortable.tables[128] == 0x82F6_3B78)
        #expect(CRC32CPortable.tables[1] == 0xF26B_8303)
    }
}
