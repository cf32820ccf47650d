import Foundation
import KafkaPartitioning
import Testing
import TestSupport

/// A published file is missing: a failure that says how to create it.
struct GoldenFileMissing: Error, CustomStringConvertible {
    let description: String
}

/// The published vectors in results/golden/ must equal what kbench computes now.
@Suite("Golden vectors: results/golden/ recomputed")
struct GoldenVectorTests {
    static func published(_ name: String) throws -> String {
        let url = Repository.file("results/golden/\(name)")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw GoldenFileMissing(description: "\(url.path) is missing; run `swift run kbench golden` and commit it")
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("partition-vectors.csv: every hash and rule cell, first difference named")
    func keyFile() throws {
        let published = try Self.published(GoldenVectors.keysFileName)
        let difference = GoldenVectors.firstDifference(expected: published, actual: GoldenVectors.keysCSV())
        #expect(difference == nil, "partition-vectors.csv differs at \(difference?.description ?? "")")
        #expect(published.split(separator: "\n").count == GoldenVectors.rowCount + 1)
    }

    @Test("strategies.csv: each strategy's rule and null/empty-key placement")
    func strategyFile() throws {
        let published = try Self.published(GoldenVectors.strategiesFileName)
        let difference = GoldenVectors.firstDifference(expected: published, actual: GoldenVectors.strategiesCSV())
        #expect(difference == nil, "strategies.csv differs at \(difference?.description ?? "")")
    }

    @Test("every key-deterministic strategy's partitioner reproduces its published rule columns")
    func strategiesAgainstPublishedColumns() throws {
        let lines = try Self.published(GoldenVectors.keysFileName).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let strategyLines = try Self.published(GoldenVectors.strategiesFileName).split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = try #require(lines.first)
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        for strategyLine in strategyLines where strategyLine[2] != "ignored" {
            let strategy = try #require(StrategyRegistry.strategy(named: strategyLine[0]), "unknown strategy \(strategyLine[0])")
            let partitioner = strategy.makePartitioner(seed: 1)
            let columns = try GoldenVectors.partitionCounts.map { n in
                try #require(column["\(strategyLine[2])@\(n)"], "no column for \(strategyLine[2])@\(n)")
            }
            for cells in lines.dropFirst() where cells[1] != "null" {
                let key = try Hex.decode(cells[1])
                // Empty keys the client treats like null are covered by strategies.csv.
                if key.isEmpty && strategy.descriptor.emptyKey == .likeNullKey { continue }
                for (countIndex, n) in GoldenVectors.partitionCounts.enumerated() {
                    let published = cells[columns[countIndex]]
                    let computed = partitioner.partition(key: key, partitionCount: n)
                    if String(computed) != published {
                        Issue.record("\(strategy.name): row \(cells[0]) column \(header[columns[countIndex]]): published \(published), computed \(computed)")
                        return
                    }
                }
            }
        }
    }

    @Test("the key set covers every length 0...300, the null key and the edge cases")
    func coverage() {
        let keys = GoldenVectors.keys()
        #expect(keys.count == GoldenVectors.rowCount)
        #expect(keys.first! == nil)
        let lengths = Set(keys.compactMap { $0?.count })
        #expect(lengths.isSuperset(of: 0...300))
        #expect(keys.contains { $0 == [UInt8](repeating: 0xff, count: 300) })
        #expect(keys.contains { $0 == Array("PreAmbleWillBeRemoved,ThePrePartThatIs".utf8) })
    }

    @Test("the first difference names line, row, column and both values")
    func differenceReport() {
        let published = "row,key_hex,murmur2\n1,61,aaaa\n2,62,bbbb\n"
        let computed = "row,key_hex,murmur2\n1,61,aaaa\n2,62,bbbc\n"
        let difference = GoldenVectors.firstDifference(expected: published, actual: computed)
        #expect(difference == GoldenVectors.Difference(line: 3, rowLabel: "2", column: "murmur2", expected: "bbbb", actual: "bbbc"))
        #expect(GoldenVectors.firstDifference(expected: published, actual: published) == nil)
        let shorter = GoldenVectors.firstDifference(expected: published, actual: "row,key_hex,murmur2\n1,61,aaaa\n")
        #expect(shorter?.line == 3)
    }
}
