/// The built-in payload corpora: deterministic, realistic records of the kinds producers send.
///
/// Every corpus is generated from a seed by ``CorpusGenerator``: the same seed gives the same
/// records, byte for byte, on every machine. Sizes vary from record to record as real traffic
/// does; entity ids, hosts and names repeat with a skew, so compression sees the redundancy
/// it would see in production.
package enum PayloadCorpus: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Clickstream/e-commerce JSON events: nested objects, type-specific properties, UUIDs,
    /// ISO timestamps, optional fields and item arrays; about 280–700 bytes (mean ~360).
    case json
    /// Log lines: application logs (level, thread, logger, message, sometimes an exception)
    /// mixed with HTTP access-log lines; about 100–290 bytes (mean ~170).
    case logs
    /// CSV metric rows: `timestamp,host,metric,value,unit,tags`; about 70–125 bytes (mean ~87).
    case csv
    /// Binary Avro records in Confluent Schema Registry framing (0x00, schema id): zigzag
    /// varint longs, length-prefixed strings, little-endian doubles, arrays, a union and a
    /// map; about 90–210 bytes (mean ~125).
    case avro
    /// Uniformly random bytes (incompressible), 100–1000 bytes a record.
    case random

    /// The corpus name (`json`, `logs`, …).
    package var description: String { rawValue }

    /// One line for help text and reports.
    package var summary: String {
        switch self {
        case .json: "JSON clickstream and order events (nested, UUIDs), 280–700 B"
        case .logs: "application and HTTP access log lines, 100–290 B"
        case .csv: "CSV metric rows (timestamp,host,metric,value,unit,tags), 70–125 B"
        case .avro: "binary Avro order records in Schema Registry framing, 90–210 B"
        case .random: "random bytes (incompressible), 100–1000 B"
        }
    }

    /// A generator of this corpus's records for `seed`.
    package func generator(seed: UInt64) -> CorpusGenerator {
        CorpusGenerator(corpus: self, seed: seed)
    }

    /// The first `count` records for `seed`.
    package func records(count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = generator(seed: seed)
        return (0..<Swift.max(0, count)).map { _ in generator.nextRecord() }
    }
}

/// Generates a corpus's records one at a time, deterministically from a seed (an endless
/// source: ``next()`` never returns nil).
package struct CorpusGenerator: PayloadSource, IteratorProtocol, Sequence, Sendable {
    /// The corpus generated.
    package let corpus: PayloadCorpus
    /// The seed it started from.
    package let seed: UInt64
    var state: CorpusState

    /// A generator of `corpus` starting from `seed`.
    package init(corpus: PayloadCorpus, seed: UInt64) {
        self.corpus = corpus
        self.seed = seed
        state = CorpusState(seed: seed)
    }

    /// Records produced so far.
    package var count: Int { state.index }

    /// `corpus json (seed 42)`.
    package var description: String { "corpus \(corpus) (seed \(seed))" }

    /// The next record.
    package mutating func nextRecord() -> [UInt8] {
        let record: [UInt8] = switch corpus {
        case .json: JSONEventCorpus.record(&state)
        case .logs: LogLineCorpus.record(&state)
        case .csv: CSVMetricCorpus.record(&state)
        case .avro: AvroRecordCorpus.record(&state)
        case .random: RandomBytesCorpus.record(&state)
        }
        state.index += 1
        return record
    }

    /// The next record (never nil: corpora are endless).
    package mutating func next() -> [UInt8]? {
        nextRecord()
    }

    /// The next record (never nil, never throws).
    package mutating func nextPayload() -> [UInt8]? {
        nextRecord()
    }
}

/// What corpus generators carry from record to record.
struct CorpusState: Sendable {
    /// Every random choice.
    var random: SplitMix64
    /// Number of the record being generated.
    var index = 0
    /// Event time in Unix milliseconds, advancing a few milliseconds per record.
    var clock: Int64 = 1_700_000_000_000

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// Advances the event clock by 0…`maximumStep` ms and returns it.
    mutating func tick(maximumStep: Int = 40) -> Int64 {
        clock += Int64(random.next(below: maximumStep + 1))
        return clock
    }

    /// An entity number in `0..<count`, skewed so low numbers recur (a squared uniform draw):
    /// a few customers, hosts or products account for much of the traffic.
    mutating func skewed(_ count: Int) -> Int {
        let unit = random.nextUnitDouble()
        return Swift.min(count - 1, Int(unit * unit * Double(count)))
    }
}
