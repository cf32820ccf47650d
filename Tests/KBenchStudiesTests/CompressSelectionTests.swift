import Foundation
import KafkaCompression
import Testing
import TestSupport
@testable import KBenchReports
@testable import KBenchStudies

@Suite("Compression settings: defaults, --codecs and --levels")
struct CompressSelectionTests {
    @Test("defaults per client: librdkafka gzip 1,6,9; snappy; lz4 0,9; zstd 1,3,9,12 — Java lz4 8,9, zstd -1…19")
    func defaults() throws {
        let librdkafka = try CompressionSelection.settings(codecs: nil, levels: [], clients: [.librdkafka]).map(\.label)
        #expect(librdkafka == ["gzip 1", "gzip 6", "gzip 9", "snappy", "lz4 0", "lz4 9", "zstd 1", "zstd 3", "zstd 9", "zstd 12"])
        let java = try CompressionSelection.settings(codecs: nil, levels: [], clients: [.java]).map(\.label)
        #expect(java == ["gzip 1", "gzip 6", "gzip 9", "snappy", "lz4 8", "lz4 9", "zstd -1", "zstd 1", "zstd 3", "zstd 9", "zstd 19"])
        let both = try CompressionSelection.settings(codecs: nil, levels: [])
        #expect(both.map(\.label) == librdkafka + java && both == CompressionSelection.defaultSettings())
        #expect(both.allSatisfy { $0.client.levels($0.type).accepts($0.level) })
    }

    @Test("the compression benchmarks (Benchmarks/, a package of its own) measure the study's levels")
    func benchmarksMeasureTheStudyLevels() throws {
        let literal = CompressionSelection.sweptLevels.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { ".\($0.key): [\($0.value.map(String.init).joined(separator: ", "))]" }
            .joined(separator: ", ")
        let source = try String(contentsOf: Repository.file("Benchmarks/CompressionBenchmarks/Corpus.swift"), encoding: .utf8)
        #expect(source.contains("static let studyLevels: [CompressionType: [Int]] = [\(literal)]"))
    }

    @Test("--codecs keeps the order given, --levels replaces a codec's levels (client scale, canonical, sorted, deduplicated)")
    func overrides() throws {
        let settings = try CompressionSelection.settings(codecs: "zstd, lz4,none", levels: ["zstd:19,1,1,default", "lz4:fast,12"], clients: [.java])
        #expect(settings.map(\.label) == ["zstd 1", "zstd 3", "zstd 19", "lz4 9", "lz4 12", "none"])
        let several = try CompressionSelection.settings(codecs: "gzip,zstd", levels: ["zstd:-1,3,12,gzip:-1,12"], clients: [.librdkafka])
        #expect(several.map(\.label) == ["gzip 6", "gzip 9", "zstd 3", "zstd 12"])
        let canonical = try CompressionSelection.settings(codecs: "gzip", levels: ["gzip:-1,6"], clients: [.librdkafka])
        #expect(canonical.map(\.label) == ["gzip 6"])
    }

    @Test("--levels alone adds a codec the defaults lack")
    func levelsAddCodec() throws {
        let settings = try CompressionSelection.settings(codecs: nil, levels: ["zstd:22"], clients: [.java])
        #expect(settings.filter { $0.type == .zstd }.map(\.level) == [22])
        #expect(settings.count == 7)
    }

    @Test("bad values are one-line errors naming the problem (and the client refusing a level)", arguments: [
        ("brotli", [String](), [ProducerClient.librdkafka], "unknown codec 'brotli' (expected one of: none, gzip, snappy, lz4, zstd)"),
        (nil, ["zstd:19"], [.librdkafka, .java], "librdkafka does not accept zstd level 19 (compression.level: -1...12 (-1 = the codec default))"),
        (nil, ["zstd:-5"], [.librdkafka], "librdkafka does not accept zstd level -5 (compression.level: -1...12 (-1 = the codec default))"),
        (nil, ["zstd:99"], [.java], "java does not accept zstd level 99 (compression.zstd.level: -131072...22)"),
        (nil, ["gzip:10"], [.java], "java does not accept gzip level 10 (compression.gzip.level: 1...9 or -1 (= 6))"),
        (nil, ["gzip:0"], [.java], "java does not accept gzip level 0 (compression.gzip.level: 1...9 or -1 (= 6))"),
        (nil, ["lz4:0"], [.java], "java does not accept lz4 level 0 (compression.lz4.level: 1...17)"),
        (nil, ["snappy:1"], [.librdkafka], "snappy has no levels (name it in --codecs without levels)"),
        (nil, ["zstd:high"], [.librdkafka], "'high' is not a zstd level (expected integers, e.g. zstd:3)"),
        (nil, ["3,4"], [.librdkafka], "--levels '3,4' must start with a codec, e.g. zstd:1,3,12"),
        ("gzip", ["zstd:3"], [.librdkafka], "--levels names zstd, which --codecs does not select"),
        (",", [String](), [.librdkafka], "--codecs names no codec (expected e.g. gzip,zstd)"),
    ] as [(String?, [String], [ProducerClient], String)])
    func errors(codecs: String?, levels: [String], clients: [ProducerClient], message: String) {
        let error = #expect(throws: CompressionSelectionError.self) {
            try CompressionSelection.settings(codecs: codecs, levels: levels, clients: clients)
        }
        #expect(error?.description == message)
    }

    @Test("notes say what a level means for the client")
    func notes() {
        #expect(CompressionSetting(.lz4, level: 0, client: .librdkafka).note == "fast, default")
        #expect(CompressionSetting(.lz4, level: 9, client: .librdkafka).note == "HC")
        #expect(CompressionSetting(.lz4, level: 9, client: .java).note == "fast, default")
        #expect(CompressionSetting(.lz4, level: 1, client: .java).note == "HC")
        #expect(CompressionSetting(.zstd, level: -1, client: .librdkafka).label == "zstd 3")
        #expect(CompressionSetting(.zstd, level: 3, client: .java).note == "default")
        #expect(CompressionSetting(.zstd, level: 22, client: .java).note == "ultra")
        #expect(CompressionSetting(.snappy, client: .librdkafka).note == "one raw block")
        #expect(CompressionSetting(.snappy, client: .java).note == "xerial framing")
        #expect(CompressionSetting(.zstd, level: -1, client: .java).label == "zstd -1")
    }
}
