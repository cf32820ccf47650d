import Foundation
import KafkaPartitioning
import Testing
import TestSupport

/// The table of the KafkaPartitioning catalog that says which client API each strategy
/// matches is the registry itself, row for row, so it cannot drift from the code.
@Suite("DocC client strategies table: one row per registry entry, as registered")
struct ClientStrategiesArticleTests {
    static let article = "Sources/KafkaPartitioning/KafkaPartitioning.docc/ClientStrategies.md"

    /// The row the article must show for `strategy`.
    static func row(_ strategy: PartitionStrategy) -> String {
        let descriptor = strategy.descriptor
        // `HashedNullKeyPartitioner<LibrdkafkaMurmur2>` is documented through its definition.
        let typeName = String(describing: type(of: strategy.makePartitioner()))
        let symbol = typeName.split(separator: "<").last.map { $0.trimmingCharacters(in: [">"]) } ?? typeName
        let keyRule = descriptor.keyRule.map { "`\($0)`" } ?? "keys ignored"
        let cells = [
            "`\(descriptor.name)`", descriptor.client, descriptor.matches, keyRule,
            descriptor.keyless.summary, "``\(symbol)``",
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    @Test("the article's table rows are the registry's entries in order")
    func tableIsTheRegistry() throws {
        let text = try String(contentsOf: Repository.file(Self.article), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }.map(String.init)
        let expected = StrategyRegistry.all.map(Self.row)
        #expect(rows.count == expected.count, "the article has \(rows.count) rows, the registry \(expected.count) entries")
        if let (row, entry) = zip(rows, expected).first(where: { $0 != $1 }) {
            Issue.record("article row:\n\(row)\nregistry entry:\n\(entry)")
        }
    }
}
