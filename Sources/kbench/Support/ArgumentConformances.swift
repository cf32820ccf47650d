import ArgumentParser
import KafkaCompression
import KBenchReports
import KBenchStudies
import KBenchWorkloads

// Library types used directly as option values. One place for every command, so no two
// commands declare the same conformance.

/// `--format table|json|csv|markdown` (also `md`, `text`), case-insensitive.
extension ReportFormat: ExpressibleByArgument {
    /// Parses with ``ReportFormat/init(parsing:)``.
    public init?(argument: String) {
        try? self.init(parsing: argument)
    }

    /// The format name in help.
    public var defaultValueDescription: String { rawValue }
}

/// `--codec none|gzip|snappy|lz4|zstd`.
extension CompressionType: ExpressibleByArgument {
    /// Parses a `compression.type` name.
    public init?(argument: String) {
        self.init(name: argument)
    }

    /// Every codec name, for help and completion.
    public static var allValueStrings: [String] { allCases.map(\.description) }

    /// The codec name (not its attribute bits) in help.
    public var defaultValueDescription: String { description }
}

/// `--corpus json|logs|csv|avro|random`.
extension PayloadCorpus: ExpressibleByArgument {}

/// `--client librdkafka|java|both`.
extension ClientChoice: ExpressibleByArgument {}

/// `--instructions none|auto|hardware|callgrind`.
extension InstructionCountRequest: ExpressibleByArgument {}

/// `--payload-format lines|files|length-delimited`.
extension PayloadFormat: ExpressibleByArgument {}

/// `--key-type` / `--value-type`.
extension MessageValueType: ExpressibleByArgument {}

/// A byte size with an optional unit (`16KiB`, `1MiB`, `1500`), see `ByteSize`.
struct ByteSizeArgument: ExpressibleByArgument, Sendable, Hashable {
    /// The size in bytes.
    var bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    /// Reads a sign too, so that ``check(_:in:)`` can say which range `-1` is outside of
    /// (with `parsing: .unconditional` on the option).
    init?(argument: String) {
        let negative = argument.hasPrefix("-")
        guard let bytes = try? ByteSize.parse(negative ? String(argument.dropFirst()) : argument) else { return nil }
        self.bytes = negative ? -bytes : bytes
    }

    var defaultValueDescription: String { ByteSize.format(bytes).replacingOccurrences(of: " ", with: "") }

    /// A usage error unless the size is within `range`: `--value-size must be 0…64 MiB, got -1`.
    func check(_ option: String, in range: ClosedRange<Int>) throws {
        guard range.contains(bytes) else {
            throw ValidationError("\(option) must be \(ByteSize.format(range.lowerBound))…\(ByteSize.format(range.upperBound)), got \(bytes)")
        }
    }
}

/// A count on the command line, read by ``Count/parse(_:)``: `1000`, `1_000`, `10k`, `1M`,
/// `2G`. A sign is read too, so that ``check(_:in:)`` can say which range `-5` is outside of
/// (declare the option with `parsing: .unconditional`, or ArgumentParser takes `-5` for an
/// option name and reports a missing value).
struct CountArgument: ExpressibleByArgument, ExpressibleByIntegerLiteral, Sendable, Hashable {
    /// The count.
    var value: Int

    init(_ value: Int) {
        self.value = value
    }

    init(integerLiteral value: Int) {
        self.value = value
    }

    init?(argument: String) {
        guard let value = try? Count.parse(argument) else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { String(value) }

    /// A usage error unless the count is within `range`: `--messages must be ≥ 1, got -5`.
    func check(_ option: String, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be \(Count.describe(range)), got \(value)")
        }
    }
}
