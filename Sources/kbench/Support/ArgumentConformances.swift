import ArgumentParser
import KafkaCompression
import KBenchReports
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

    init?(argument: String) {
        guard let bytes = try? ByteSize.parse(argument) else { return nil }
        self.bytes = bytes
    }

    var defaultValueDescription: String { ByteSize.format(bytes).replacingOccurrences(of: " ", with: "") }
}
