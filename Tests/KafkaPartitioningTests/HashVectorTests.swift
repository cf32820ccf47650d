import Testing
import KafkaPartitioning

/// Every published hash vector of the facts file, each client's own tests.
@Suite("Hash vectors from Java, librdkafka, Sarama, KafkaJS")
struct HashVectorTests {
    @Test("Java UtilsTest murmur2 (signed int32)", arguments: [
        ("21", -973_932_308), ("foobar", -790_332_482),
        ("a-little-bit-long-string", -985_981_536), ("a-little-bit-longer-string", -1_486_304_829),
        ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971), ("abc", 479_470_107),
    ] as [(String, Int32)])
    func javaMurmur2(input: String, expected: Int32) {
        TestKeys.withBytes(input) { #expect(Murmur2.signedHash($0) == expected) }
    }

    @Test("librdkafka murmur2 unit test (unsigned hex)", arguments: [
        ("kafka", 0xd067_cf64), ("giberish123456789", 0x8f55_2b0c), ("1234", 0x9fc9_7b14),
        ("234", 0xe7c0_09ca), ("34", 0x8739_30da), ("4", 0x5a4b_5ca1),
        ("PreAmbleWillBeRemoved,ThePrePartThatIs", 0x7842_4f1c),
        ("reAmbleWillBeRemoved,ThePrePartThatIs", 0x4a62_b377),
        ("eAmbleWillBeRemoved,ThePrePartThatIs", 0xe0e4_e09e),
        ("AmbleWillBeRemoved,ThePrePartThatIs", 0x62b8_b43f), ("", 0x106e_08d9),
    ] as [(String, UInt32)])
    func librdkafkaMurmur2(input: String, expected: UInt32) {
        TestKeys.withBytes(input) { #expect(Murmur2.hash($0) == expected) }
    }

    @Test("librdkafka murmur2 vectors hold at every alignment (unaligned loads)")
    func murmur2Unaligned() {
        let text = Array("PreAmbleWillBeRemoved,ThePrePartThatIs".utf8)
        for shift in 0..<8 {
            let padded = [UInt8](repeating: 0xAA, count: shift) + text
            padded.withUnsafeBytes { raw in
                let key = UnsafeRawBufferPointer(rebasing: raw[shift...])
                #expect(Murmur2.hash(key) == 0x7842_4f1c, "at offset \(shift)")
            }
        }
    }

    @Test("Sarama murmur2 vectors (unsigned decimal)", arguments: [
        ("foo", 597_841_616), ("bar", 988_958_145), ("baz", 1_973_573_280), ("", 275_646_681),
        ("kafka", 3_496_464_228), ("sarama", 770_765_511),
    ] as [(String, UInt32)])
    func saramaMurmur2(input: String, expected: UInt32) {
        TestKeys.withBytes(input) { #expect(Murmur2.hash($0) == expected) }
    }

    @Test("KafkaJS DefaultPartitioner murmur2 (signed; KafkaJS defaultJava spec)", arguments: [
        ("0", 971_027_396), ("1", -1_993_445_489), ("128", -326_012_175), ("2187", -1_508_407_203),
        ("16384", -325_739_742), ("78125", -1_654_490_814), ("279936", 1_462_227_128),
        ("823543", -2_014_198_330), ("2097152", 607_668_903), ("4782969", -1_182_699_775),
        ("10000000", -1_830_336_757), ("19487171", -1_603_849_305), ("35831808", -857_013_643),
        ("62748517", -1_167_431_028), ("105413504", -381_294_639), ("170859375", -1_658_323_481),
        ("100:48069", 1_009_543_857),
    ] as [(String, Int32)])
    func kafkaJSDefault(input: String, expected: Int32) {
        TestKeys.withBytes(input) { #expect(Murmur2.signedHash($0) == expected) }
    }

    @Test("KafkaJS legacy murmur2 (KafkaJS's pre-2.0 default spec, signed)", arguments: [
        ("0", 272_173_970), ("1", 1_311_020_360), ("128", 2_053_105_854), ("2187", -2_081_355_488),
        ("16384", 204_404_061), ("78125", -677_491_393), ("279936", -622_460_209),
        ("823543", 651_276_451), ("2097152", 944_683_677), ("4782969", -892_695_770),
        ("10000000", -1_778_616_326), ("19487171", -518_311_627), ("35831808", 556_972_389),
        ("62748517", -233_806_557), ("105413504", -109_398_538), ("170859375", 102_939_717),
    ] as [(String, Int32)])
    func kafkaJSLegacy(input: String, expected: Int32) {
        TestKeys.withBytes(input) { #expect(KafkaJSLegacyMurmur2.signedHash($0) == expected) }
    }

    @Test("KafkaJS legacy differs from Java murmur2 for almost every key (why KafkaJS v2 changed its default)")
    func kafkaJSLegacyDiffers() {
        let keys = TestKeys.random(count: 1000, lengths: 0...40, seed: 7)
        let same = keys.filter { KafkaJSLegacyMurmur2.hash($0) == Murmur2.hash($0) }.count
        #expect(same < 10)
        // Even the empty key differs: the final double multiply rounds past 2^53.
        TestKeys.withBytes("") { #expect(KafkaJSLegacyMurmur2.hash($0) != Murmur2.hash($0)) }
    }

    @Test("librdkafka fnv1a unit test (after its sign step)", arguments: [
        ("kafka", 0x0d33_c4e1), ("giberish123456789", 0x77a5_8295), ("1234", 0x023b_dd03),
        ("234", 0x2dea_3cd2), ("34", 0x740f_a83e), ("4", 0x310c_a263),
        ("PreAmbleWillBeRemoved,ThePrePartThatIs", 0x65cb_d69c),
        ("reAmbleWillBeRemoved,ThePrePartThatIs", 0x6e49_c79a),
        ("eAmbleWillBeRemoved,ThePrePartThatIs", 0x69ee_d356),
        ("AmbleWillBeRemoved,ThePrePartThatIs", 0x6abc_c023), ("", 0x7ee3_623b),
    ] as [(String, UInt32)])
    func librdkafkaFNV1a(input: String, expected: UInt32) {
        TestKeys.withBytes(input) { #expect(FNV1a.librdkafkaHash($0) == expected) }
    }

    @Test("FNV-1a raw values: offset basis for empty input, the Sarama MinInt32 key")
    func fnv1aRaw() {
        TestKeys.withBytes("") { #expect(FNV1a.hash($0) == 0x811C_9DC5) }
        // Sarama's TestHashPartitionerMinInt32: this key hashes to exactly 2^31.
        TestKeys.withBytes("1468509572224") { #expect(FNV1a.hash($0) == 0x8000_0000) }
        TestKeys.withBytes("a") { #expect(FNV1a.hash($0) == 0xe40c_292c) }
    }

    @Test("CRC-32 check value and Sarama's SheetJS value")
    func crc32Known() {
        TestKeys.withBytes("123456789") { #expect(CRC32.hash($0) == 0xCBF4_3926) }
        TestKeys.withBytes("") { #expect(CRC32.hash($0) == 0) }
        // Sarama TestConsistentCRCHashPartitioner: "SheetJS" has CRC 2647669026.
        TestKeys.withBytes("SheetJS") { #expect(CRC32.hash($0) == 2_647_669_026) }
    }

    @Test("CRC-32 folding kernel, C tables and Swift tables agree with a bitwise CRC for lengths 0...1100")
    func crc32Paths() {
        var random = SeededRandom(seed: 42)
        let data = (0..<1200).map { _ in UInt8.random(in: 0...255, using: &random) }
        data.withUnsafeBytes { raw in
            for length in 0...1100 {
                for start in [0, 1, 3] {
                    let key = UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)])
                    let expected = bitwiseCRC32(key)
                    #expect(CRC32.hash(key) == expected, "length \(length) offset \(start)")
                }
            }
        }
    }

    /// The CRC-32 definition, one bit at a time.
    func bitwiseCRC32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }

    @Test("HashFunction dispatches to each hash")
    func dispatch() {
        TestKeys.withBytes("kafka") { key in
            #expect(HashFunction.murmur2.hash(key) == Murmur2.hash(key))
            #expect(HashFunction.crc32.hash(key) == CRC32.hash(key))
            #expect(HashFunction.fnv1a.hash(key) == FNV1a.hash(key))
            #expect(HashFunction.kafkaJSLegacyMurmur2.hash(key) == KafkaJSLegacyMurmur2.hash(key))
        }
        #expect(Murmur2.hash([UInt8]("kafka".utf8)) == 0xd067_cf64)
    }
}
