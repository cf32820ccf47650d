import Foundation
import KafkaCompression
import KBenchWorkloads

/// A `--sweep` argument that cannot be used, with the text it came from.
package struct SweepError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The argument as given.
    package var argument: String
    /// What is wrong with it.
    package var reason: String

    /// An error from its parts.
    package init(argument: String, reason: String) {
        self.argument = argument
        self.reason = reason
    }

    /// `--sweep 'linger-ms=': no values (give KEY=V1,V2,…)`.
    package var description: String { "--sweep '\(argument)': \(reason)" }
}

/// One `--sweep KEY=V1,V2,…`: a librdkafka property (or one of kbench's own option spellings)
/// and the values it takes in turn.
package struct SweepAxis: Sendable, Hashable {
    /// The key as given (`linger-ms`, `queue.buffering.max.kbytes`).
    package var key: String
    /// The librdkafka property it sets.
    package var property: String
    /// The values as given (labels).
    package var values: [String]
    /// The values as the property takes them (`64k` → `65536` for `batch-size`).
    package var propertyValues: [String]

    /// Parses `KEY=V1,V2,…`.
    ///
    /// - Throws: ``SweepError`` when the key or the values are missing, a value repeats, or a
    ///   value of one of kbench's own keys is not one its option accepts.
    package init(parsing argument: String) throws(SweepError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw SweepError(argument: argument, reason: "expected KEY=V1,V2,… (a librdkafka property or compression, compression-level, batch-size, linger-ms, acks)")
        }
        let key = argument[..<equals].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw SweepError(argument: argument, reason: "no key before '='") }
        let values = argument[argument.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard values.contains(where: { !$0.isEmpty }) else { throw SweepError(argument: argument, reason: "no values (give \(key)=V1,V2,…)") }
        if values.contains("") { throw SweepError(argument: argument, reason: "an empty value") }
        if let repeated = values.indices.first(where: { values[..<$0].contains(values[$0]) }).map({ values[$0] }) {
            throw SweepError(argument: argument, reason: "'\(repeated)' is given twice")
        }
        var converted: [String] = []
        for value in values { converted.append(try Self.propertyValue(value, key: key, argument: argument)) }
        self.key = key
        self.values = values
        property = ProducerOptionRules.properties[key] ?? key
        propertyValues = converted
    }

    /// `value` as the property takes it, checked as kbench's option for `key` checks it.
    private static func propertyValue(_ value: String, key: String, argument: String) throws(SweepError) -> String {
        func refuse(_ expected: String) -> SweepError { SweepError(argument: argument, reason: "\(key) must be \(expected), got '\(value)'") }
        switch key {
        case "compression":
            guard let type = CompressionType(name: value) else { throw refuse("none, gzip, snappy, lz4 or zstd") }
            return type.description
        case "compression-level":
            guard let level = Int(value), ProducerOptionRules.compressionLevels.contains(level) else { throw refuse("-1…12") }
            return String(level)
        case "batch-size":
            guard let bytes = try? ByteSize.parse(value), ProducerOptionRules.batchSizes.contains(bytes) else { throw refuse("a size of 1 B…2 GiB (16k, 1m)") }
            return String(bytes)
        case "linger-ms":
            guard let milliseconds = Double(value), ProducerOptionRules.lingerMilliseconds.contains(milliseconds) else { throw refuse("0…900000") }
            return String(milliseconds)
        case "acks":
            guard ProducerOptionRules.acks.contains(value) else { throw refuse("all, -1, 0 or 1") }
            return value
        default:
            return value
        }
    }
}

/// One combination of a sweep: a value of every axis.
package struct SweepCombination: Sendable, Hashable {
    /// `linger-ms=5 compression=lz4` (the keys and values as given).
    package var label: String
    /// The librdkafka properties it sets.
    package var properties: [String: String]
}

/// Every combination of the `--sweep` axes, the first axis varying slowest.
package struct SweepPlan: Sendable, Hashable {
    /// The most combinations a sweep may have (each is a whole run, repeated `--repeat` times).
    package static let maximumCombinations = 64

    /// The axes, in the order given.
    package var axes: [SweepAxis]
    /// Their combinations.
    package var combinations: [SweepCombination]

    /// The plan of `arguments` (each `KEY=V1,V2,…`).
    ///
    /// - Throws: ``SweepError`` for a bad argument, a key given twice (also as its
    ///   librdkafka property) or more than ``maximumCombinations`` combinations.
    package init(parsing arguments: [String]) throws(SweepError) {
        var axes: [SweepAxis] = []
        for argument in arguments {
            let axis = try SweepAxis(parsing: argument)
            if let earlier = axes.first(where: { $0.property == axis.property }) {
                throw SweepError(argument: argument, reason: "\(axis.property) is already swept by --sweep \(earlier.key)=…")
            }
            axes.append(axis)
        }
        let count = axes.reduce(1) { $0 * $1.values.count }
        if count > Self.maximumCombinations {
            throw SweepError(argument: arguments.joined(separator: " "), reason: "\(count) combinations, at most \(Self.maximumCombinations)")
        }
        self.axes = axes
        var combinations = [SweepCombination(label: "", properties: [:])]
        for axis in axes {
            combinations = combinations.flatMap { partial in
                zip(axis.values, axis.propertyValues).map { value, propertyValue in
                    var next = partial
                    next.label += (next.label.isEmpty ? "" : " ") + "\(axis.key)=\(value)"
                    next.properties[axis.property] = propertyValue
                    return next
                }
            }
        }
        self.combinations = combinations
    }
}
