import ArgumentParser
import Foundation
import KafkaCompression
import KafkaRecords
import KBenchReports
import KBenchStudies

/// `kbench inspect message`: build a message from the command line and show its anatomy.
struct InspectMessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Build a message from key, value and headers; show its bytes, its batch and its partition under every client.",
        discussion: """
            Serializes the key and value as the Java serializers do (--key-type, \
            --value-type), encodes the record and a one-record RecordBatch v2, and prints: \
            the serialized bytes, every field of the record and of the batch (offset, bytes, \
            label, decoded value, share of the size) with hex dumps, where the bytes go, and \
            the partition under every strategy of every client for -n partitions. Strategies \
            that hash the key are exact; those that ignore it (or a null key) choose by \
            producer state and show a simulated first choice (--seed).

            Types: string (UTF-8), int16, int32, int64 (big-endian), float, double (IEEE \
            754 big-endian), bool (0x01/0x00), uuid (the 36-character text), bytes-hex \
            ("00 00 04 b2", "0x000004b2"), json (validated, written as given), null. No \
            --key (or --key-type null) means a null key; no --value a null value.

            Examples:
              kbench inspect message --key 1202 --key-type int32 \\
                  --value Phuc --value-type string
                (key bytes 00 00 04 b2, a 15-byte record, java partition 10 of 12)
              kbench inspect message --key user-42 --value '{"total":12}' \\
                  --value-type json --header trace=abc --header flag -n 6
              kbench inspect message --key 0x000004b2 --key-type bytes-hex -n 24
              kbench inspect message --value 'no key' --codec zstd --format json
            """
    )

    @Option(help: ArgumentHelp("The key, read as --key-type (omit for a null key).", valueName: "value"))
    var key: String?

    @Option(name: .customLong("key-type"), help: ArgumentHelp("How the key is serialized, as the Java serializer of that type does.", valueName: "type"))
    var keyType: MessageValueType = .string

    @Option(help: ArgumentHelp("The value, read as --value-type (omit for a null value).", valueName: "value"))
    var value: String?

    @Option(name: .customLong("value-type"), help: ArgumentHelp("How the value is serialized.", valueName: "type"))
    var valueType: MessageValueType = .string

    @Option(name: .customLong("header"), help: ArgumentHelp("A header KEY=VALUE (UTF-8), or KEY for a null value; repeatable.", valueName: "key=value"))
    var headers: [String] = []

    @Option(help: ArgumentHelp("CreateTime in Unix milliseconds (default: now).", valueName: "ms"))
    var timestamp: Int64?

    @Option(help: ArgumentHelp("Codec of the batch: none, gzip, snappy, lz4, zstd.", valueName: "codec"))
    var codec: CompressionType = .none

    @Option(help: ArgumentHelp("Codec level (default: the codec's Kafka default).", valueName: "level"))
    var level: Int?

    @Option(help: "Topic name (shown only: partitioners do not hash it).")
    var topic = "topic"

    @Option(name: [.customShort("n"), .customLong("partitions")], parsing: .unconditional, help: ArgumentHelp("Number of partitions of the topic.", valueName: "N"))
    var partitions: CountArgument = 12

    @Option(help: "Seed of the simulated choice of strategies that ignore the key.")
    var seed: UInt64 = 0

    @Option(name: .customLong("dump-limit"), help: ArgumentHelp("Bytes shown per hex dump (0 = all).", valueName: "bytes"))
    var dumpLimit = 4096

    @OptionGroup var report: ReportFormatOptions

    func validate() throws {
        _ = try inspectionInput(timestamp: 0)
        guard dumpLimit >= 0 else { throw ValidationError("--dump-limit must be 0 or more") }
    }

    /// The library input the options describe, or a usage error naming the bad option.
    func inspectionInput(timestamp defaultTimestamp: Int64) throws -> MessageInspectionInput {
        try partitions.check("--partitions", in: 1...Int(Int32.max))
        if keyType == .null, key != nil { throw ValidationError("--key-type null takes no --key") }
        if valueType == .null, value != nil { throw ValidationError("--value-type null takes no --value") }
        do {
            _ = try keyType.serialize(key, field: "--key")
            _ = try valueType.serialize(value, field: "--value")
        } catch {
            throw ValidationError(error.description)
        }
        if CompressionLevels.of(codec).accepted == nil, level != nil {
            throw ValidationError("--level: \(codec) has no levels")
        }
        if let level, let accepted = CompressionLevels.of(codec).accepted, !accepted.contains(level) {
            throw ValidationError("--level: \(codec) level \(level) is out of range (valid: \(accepted.lowerBound)...\(accepted.upperBound))")
        }
        var parsedHeaders: [RecordHeader] = []
        for header in headers {
            do { parsedHeaders.append(try MessageInspectionInput.header(header)) } catch {
                throw ValidationError("--header: \(error)")
            }
        }
        return MessageInspectionInput(
            topic: topic, key: key, keyType: keyType, value: value, valueType: valueType,
            headers: parsedHeaders, timestamp: timestamp ?? defaultTimestamp,
            compression: codec, compressionLevel: level, partitionCount: Int32(partitions.value),
            seed: seed, dumpLimit: dumpLimit
        )
    }

    func run() throws {
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        let inspection: MessageInspection
        do {
            inspection = try MessageInspection(try inspectionInput(timestamp: now))
        } catch let error as MessageInspectionError {
            throw CLIFailure(error.description)
        }
        try report.emit(MessageInspectionReport.document(inspection))
    }
}
