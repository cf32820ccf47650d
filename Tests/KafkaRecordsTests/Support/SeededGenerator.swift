import KafkaRecords

/// SplitMix64: a small, fast, seeded generator so property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }

    /// nil (null), empty, short or occasionally long bytes.
    mutating func nullableBytes(maxLength: Int = 300) -> [UInt8]? {
        switch Int.random(in: 0..<10, using: &self) {
        case 0, 1: return nil
        case 2: return []
        case 3: return bytes(Int.random(in: min(128, maxLength)...maxLength, using: &self))
        default: return bytes(Int.random(in: 1...40, using: &self))
        }
    }

    /// A header key: ASCII, empty, or non-ASCII UTF-8; short (inline) and long (> 15 bytes).
    mutating func headerKey() -> String {
        let pool = ["trace-id", "", "é", "ключ", "🔑", "content-type", "a", "x-correlation-identifier", "ключ-заголовка-записи"]
        return pool[Int.random(in: 0..<pool.count, using: &self)]
    }

    /// 0–4 headers with repeated keys and null values.
    mutating func headers() -> [RecordHeader] {
        let count = Int.random(in: 0...4, using: &self)
        var headers: [RecordHeader] = []
        for _ in 0..<count {
            if let previous = headers.last, Bool.random(using: &self) {
                headers.append(RecordHeader(key: previous.key, value: nullableBytes(maxLength: 60)))  // repeated key
            } else {
                headers.append(RecordHeader(key: headerKey(), value: nullableBytes(maxLength: 60)))
            }
        }
        return headers
    }

    /// Any Int64, biased towards edge values.
    mutating func edgyInt64() -> Int64 {
        let edges: [Int64] = [0, -1, 1, Int64.max, Int64.min, Int64(Int32.max), Int64(Int32.min), 1_700_000_000_000]
        return Bool.random(using: &self) ? edges[Int.random(in: 0..<edges.count, using: &self)] : Int64.random(in: .min ... .max, using: &self)
    }

    mutating func edgyInt32() -> Int32 {
        let edges: [Int32] = [0, -1, 1, Int32.max, Int32.min]
        return Bool.random(using: &self) ? edges[Int.random(in: 0..<edges.count, using: &self)] : Int32.random(in: .min ... .max, using: &self)
    }
}

extension Array where Element == UInt8 {
    /// Lowercase hex.
    var hex: String { map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }

    /// Parses lowercase/uppercase hex (test vectors).
    init(hex: String) {
        var bytes: [UInt8] = []
        var iterator = hex.filter { !$0.isWhitespace }.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            bytes.append(UInt8(String([high, low]), radix: 16)!)
        }
        self = bytes
    }
}
