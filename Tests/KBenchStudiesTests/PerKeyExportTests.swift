import Foundation
import KafkaPartitioning
import KBenchWorkloads
import Testing
import TestSupport
@testable import KBenchStudies

/// Keys from an array (the golden keys), one at a time.
struct ArrayKeySource: KeySource {
    let keys: [[UInt8]]
    var position = 0
    var description: String { "\(keys.count) test keys" }
    var expectedCount: Int? { keys.count }

    mutating func nextKey(into key: inout KeyBuffer) throws(KeyReadError) -> Bool {
        guard position < keys.count else { return false }
        keys[position].withUnsafeBytes { key.set($0) }
        position += 1
        return true
    }
}

@Suite("kbench partitions --per-key: one row per key")
struct PerKeyExportTests {
    static func export(_ export: PerKeyExport, keys: [[UInt8]]) throws -> String {
        var source = ArrayKeySource(keys: keys)
        var output: [UInt8] = []
        let rows = try export.run(keys: &source) { output.append(contentsOf: $0) }
        #expect(rows == keys.count)
        return String(decoding: output, as: UTF8.self)
    }

    @Test("rows equal results/golden/partition-vectors.csv for every golden key, strategy and count")
    func goldenRows() throws {
        let keys = GoldenVectors.keys().compactMap { $0 }  // the null key has no row
        let strategies = StrategyRegistry.keyDeterministic
        let exporter = PerKeyExport(strategies: strategies, partitionCounts: GoldenVectors.partitionCounts, format: .csv, hexKeys: true)
        let rows = try Self.export(exporter, keys: keys).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let golden = try String(contentsOf: Repository.file("results/golden/partition-vectors.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = golden[0]
        let goldenRows = golden.dropFirst(2)  // header, null key
        #expect(rows.count == keys.count + 1)
        #expect(goldenRows.count == keys.count)
        // Per exported column: its golden column and whether an empty key has no partition.
        let mapping = try rows[0].split(separator: ",").dropFirst().map { name in
            let parts = name.split(separator: "@")
            let strategy = try #require(StrategyRegistry.strategy(named: String(parts[0])))
            let rule = try #require(strategy.keyRule)
            return (golden: try #require(header.firstIndex(of: "\(rule)@\(parts[1])")), emptyLikeNull: strategy.descriptor.emptyKey == .likeNullKey)
        }
        var checked = 0
        for (exported, expected) in zip(rows.dropFirst(), goldenRows) {
            let cells = exported.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells[0] == expected[1], "key hex")
            for (index, column) in mapping.enumerated() {
                // An empty key under a strategy that treats it like a null key has no partition.
                let expectedCell = cells[0].isEmpty && column.emptyLikeNull ? "" : expected[column.golden]
                if cells[index + 1] != expectedCell {
                    Issue.record("key \(cells[0]) column \(index + 1): exported \(cells[index + 1]), golden \(expectedCell)")
                    return
                }
                checked += 1
            }
        }
        #expect(checked == keys.count * strategies.count * GoldenVectors.partitionCounts.count)
    }

    @Test("CSV quotes keys holding commas or quotes; JSON lines escape them; empty keys like null give no partition")
    func textKeys() throws {
        let strategies = [try #require(StrategyRegistry.strategy(named: "java")), try #require(StrategyRegistry.strategy(named: "librdkafka:consistent_random"))]
        let keys = ["a,b", "\"q\"", "", "x\\y", "ключ"].map { Array($0.utf8) }
        let java = keys.map { strategies[0].makePartitioner().partition(key: $0, partitionCount: .valid(12)) }
        let crc = keys.map { KeyHashing(.crc32, .unsigned).partition($0, partitionCount: .valid(12)) }
        let csv = try Self.export(PerKeyExport(strategies: strategies, partitionCounts: [.valid(12)], format: .csv, hexKeys: false), keys: keys)
        #expect(csv == """
            key,java@12,librdkafka:consistent_random@12
            "a,b",\(java[0]),\(crc[0])
            \"\"\"q\"\"\",\(java[1]),\(crc[1])
            ,\(java[2]),
            x\\y,\(java[3]),\(crc[3])
            ключ,\(java[4]),\(crc[4])

            """)
        let json = try Self.export(PerKeyExport(strategies: strategies, partitionCounts: [.valid(12)], format: .jsonLines, hexKeys: false), keys: keys)
        let lines = json.split(separator: "\n").map(String.init)
        #expect(lines.count == keys.count)
        for (index, line) in lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["key"] as? String == String(decoding: keys[index], as: UTF8.self))
            #expect(object["java@12"] as? Int == Int(java[index]))
        }
        #expect(lines[2].hasSuffix(#""librdkafka:consistent_random@12":null}"#))
    }

    @Test("a key that is not printable text is an error naming its row, unless keys are hex", arguments: [[0x01], [0xff, 0xfe], [0xc2, 0x85]] as [[UInt8]])
    func binaryKeys(key: [UInt8]) throws {
        let strategies = [try #require(StrategyRegistry.strategy(named: "java"))]
        let text = PerKeyExport(strategies: strategies, partitionCounts: [.valid(3)], format: .csv, hexKeys: false)
        var source = ArrayKeySource(keys: [Array("ok".utf8), key])
        do {
            _ = try text.run(keys: &source) { _ in }
            Issue.record("no error")
        } catch let error as PerKeyExportError {
            #expect(error.description.hasPrefix("key 2 "))
            #expect(error.description.hasSuffix("--per-key-hex"))
        }
        let hex = try Self.export(PerKeyExport(strategies: strategies, partitionCounts: [.valid(3)], format: .csv, hexKeys: true), keys: [key])
        #expect(hex.split(separator: "\n")[1].hasPrefix(Hex.encode(key) + ","))
    }
}
