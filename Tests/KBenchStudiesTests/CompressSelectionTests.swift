import Foundation
import KafkaCompression
import Testing
import TestSupport
@testable import KBenchReports
@testable import KBenchStudies

@Suite("Compression settings: defaults, --codecs and --levels")
struct CompressSelectionTests {
    @Test("defaults: gzip 1,6,9; snappy; lz4 0,9; zstd -1,1,3,9,19")
    func defaults() throws {
        let labels = try CompressionSelection.settings(codecs: nil, levels: []).map(\.label)
        #expect(labels == ["gzip 1", "gzip 6", "gzip 9", "snappy", "lz4 0", "lz4 9", "zstd -1", "zstd 1", "zstd 3", "zstd 9", "zstd 19"])
        #expect(labels == CompressionSelection.defaultSettings.map(\.label))
    }

    @Test("the compression benchmarks (Benchmarks/, a package of its own) measure the study's levels")
    func benchmarksMeasureTheStudyLevels() throws {
        let literal = CompressionSelection.sweptLevels.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { ".\($0.key): [\($0.value.map(String.init).joined(separator: ", "))]" }
            .joined(separator: ", ")
        let source = try String(contentsOf: Repository.file("Benchmarks/CompressionBenchmarks/Corpus.swift"), encoding: .utf8)
        #expect(source.contains("static let studyLevels: [CompressionType: [Int]] = [\(literal)]"))
    }

    @Test("--codecs keeps the order given, --levels replaces a codec's levels (sorted, deduplicated)")
    func overrides() throws {
        let settings = try CompressionSelection.settings(codecs: "zstd, lz4,none", levels: ["zstd:19,1,1,default", "lz4:fast,12"])
        #expect(settings.map(\.label) == ["zstd 1", "zstd 3", "zstd 19", "lz4 0", "lz4 12", "none"])
        let several = try CompressionSelection.settings(codecs: "gzip,zstd", levels: ["zstd:-5,3,gzip:9"])
        #expect(several.map(\.label) == ["gzip 9", "zstd -5", "zstd 3"])
    }

    @Test("--levels alone adds a codec the defaults lack")
    func levelsAddCodec() throws {
        let settings = try CompressionSelection.settings(codecs: nil, levels: ["zstd:22"])
        #expect(settings.filter { $0.type == .zstd }.map(\.level) == [22])
        #expect(settings.count == 7)
    }

    @Test("bad values are one-line errors naming the problem", arguments: [
        ("brotli", [String](), "unknown codec 'brotli' (expected one of: none, gzip, snappy, lz4, zstd)"),
        (nil, ["zstd:99"], "zstd level 99 is out of range (valid: \(ZstdCodec.minimumLevel)...22)"),
        (nil, ["gzip:10"], "gzip level 10 is out of range (valid: 0...9)"),
        (nil, ["snappy:1"], "snappy has no levels (name it in --codecs without levels)"),
        (nil, ["zstd:high"], "'high' is not a zstd level (expected integers, e.g. zstd:3)"),
        (nil, ["3,4"], "--levels '3,4' must start with a codec, e.g. zstd:1,3,19"),
        ("gzip", ["zstd:3"], "--levels names zstd, which --codecs does not select"),
        (",", [String](), "--codecs names no codec (expected e.g. gzip,zstd)"),
    ] as [(String?, [String], String)])
    func errors(codecs: String?, levels: [String], message: String) {
        let error = #expect(throws: CompressionSelectionError.self) {
            try CompressionSelection.settings(codecs: codecs, levels: levels)
        }
        #expect(error?.description == message)
    }

    @Test("notes say what a level means")
    func notes() {
        #expect(CompressionSetting(.lz4, level: 0).note == "fast, Java & librdkafka default")
        #expect(CompressionSetting(.lz4, level: 9).note == "HC")
        #expect(CompressionSetting(.lz4, level: -3).note == "fast, acceleration 4")
        #expect(CompressionSetting(.zstd, level: 3).note == "Java & librdkafka default")
        #expect(CompressionSetting(.zstd, level: 22).note == "ultra")
        #expect(CompressionSetting(.gzip, level: 6).note == "Java & librdkafka default")
        #expect(CompressionSetting(.snappy).label == "snappy")
        #expect(CompressionSetting(.zstd, level: -1).label == "zstd -1")
    }
}
