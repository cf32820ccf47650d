import KafkaPartitioning

/// Generates the keys of a ``KeySpec`` one at a time into a reusable ``KeyBuffer``:
/// deterministic for a seed (the same keys on every machine), constant memory, no allocation
/// per key.
///
/// ```swift
/// var generator = KeyGenerator(spec: try KeySpec(parsing: "zipf:1.1:1M"), seed: 42)
/// var key = KeyBuffer()
/// while generator.nextKey(into: &key) { key.withUnsafeBytes { partition($0) } }
/// ```
package struct KeyGenerator: KeySource, Sendable {
    /// What is generated.
    package let spec: KeySpec
    /// The seed of the random kinds (unused by `seq`).
    package let seed: UInt64
    /// Keys generated so far.
    package private(set) var produced: Int = 0
    @usableFromInline var random: SplitMix64
    private let prefix: [UInt8]
    private let zipf: ZipfSampler?

    /// A generator of `spec`'s keys from `seed`.
    package init(spec: KeySpec, seed: UInt64 = 0) {
        self.spec = spec
        self.seed = seed
        random = SplitMix64(seed: seed)
        switch spec {
        case .sequence(let prefix, _):
            self.prefix = Array(prefix.utf8)
            zipf = nil
        case .zipf(let exponent, _, let distinct):
            prefix = Array(KeySpec.zipfKeyPrefix.utf8)
            zipf = ZipfSampler(rankCount: distinct, exponent: exponent)
        case .uuid, .random:
            prefix = []
            zipf = nil
        }
    }

    /// Parses `spec` (see ``KeySpec/init(parsing:)``) and makes a generator.
    package init(parsing spec: String, seed: UInt64 = 0) throws(KeySpecError) {
        self.init(spec: try KeySpec(parsing: spec), seed: seed)
    }

    /// `seq:user-:1000`, or `uuid:1000 (seed 42)` for seeded kinds.
    package var description: String {
        spec.isSeeded ? "\(spec) (seed \(seed))" : spec.description
    }

    /// The spec's count.
    package var expectedCount: Int? { spec.count }

    /// Keys left to generate.
    package var remaining: Int { spec.count - produced }

    /// Starts again from the first key (the same sequence).
    package mutating func reset() {
        self = KeyGenerator(spec: spec, seed: seed)
    }

    /// Writes the next key into `key`; false once the spec's count was generated.
    package mutating func nextKey(into key: inout KeyBuffer) -> Bool {
        guard produced < spec.count else { return false }
        switch spec {
        case .sequence:
            Self.writeDecimal(UInt64(produced), after: prefix, into: &key)
        case .uuid:
            writeUUID(into: &key)
        case .random(let length, _):
            writeRandom(length: length, into: &key)
        case .zipf:
            let rank = zipf.map { $0.nextRank(using: &random) } ?? 1
            Self.writeDecimal(UInt64(rank), after: prefix, into: &key)
        }
        produced += 1
        return true
    }

    /// `prefix` then `value` in decimal.
    static func writeDecimal(_ value: UInt64, after prefix: [UInt8], into key: inout KeyBuffer) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        key.write(length: prefix.count + digits) { destination in
            prefix.withUnsafeBytes { source in
                if !source.isEmpty { UnsafeMutableRawBufferPointer(rebasing: destination[0..<source.count]).copyMemory(from: source) }
            }
            var value = value
            var index = prefix.count + digits
            repeat {
                index -= 1
                destination[index] = 0x30 &+ UInt8(truncatingIfNeeded: value % 10)
                value /= 10
            } while value > 0
        }
    }

    private static let base64URL: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

    /// A version-4 UUID from 128 random bits, in the 8-4-4-4-12 lowercase text form.
    private mutating func writeUUID(into key: inout KeyBuffer) {
        let high = random.next()
        let low = random.next()
        // Version 4 in the high nibble of byte 6, variant 0b10 in the top bits of byte 8.
        let versioned = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let varianted = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        key.write(length: 36) { destination in
            var index = 0
            func put(_ word: UInt64, nibbles: Range<Int>) {
                for nibble in nibbles {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        destination[index] = 0x2D  // -
                        index += 1
                    }
                    destination[index] = Hex.digit(UInt8(truncatingIfNeeded: word &>> UInt64(60 - 4 * nibble)))
                    index += 1
                }
            }
            put(versioned, nibbles: 0..<16)
            put(varianted, nibbles: 0..<16)
        }
    }

    /// `length` characters of the base64url alphabet, ten from each 64-bit draw.
    private mutating func writeRandom(length: Int, into key: inout KeyBuffer) {
        var random = self.random
        key.write(length: length) { destination in
            Self.base64URL.withUTF8Buffer { alphabet in
                var index = 0
                while index < length {
                    var word = random.next()
                    let end = Swift.min(index + 10, length)
                    while index < end {
                        destination[index] = alphabet[Int(truncatingIfNeeded: word & 63)]
                        word &>>= 6
                        index += 1
                    }
                }
            }
        }
        self.random = random
    }
}
