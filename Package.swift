// swift-tools-version: 6.3
//
// kbench — Kafka producer toolkit: partitioners of every major client, RecordBatch v2,
// Kafka-framed compression, inspection, and a librdkafka producer benchmark.
//
// Layers (one concern per module; dependencies point downwards only; `swift package
// show-dependencies` lists the external packages, this diagram the targets):
//   kbench               the executable: argument parsing, progress, exit codes (thin)
//   │                    (+ CKBenchBuildInfo: the git commit `kbench --version` prints)
//   └─ KBenchStudies     the engines the CLI runs, each returning a report model: hash, compress,
//      │                 partitions, inspect, report runner, produce benchmark, audit, chat
//      │                 (+ Histogram from hdrhistogram-swift, the codec shims for the bare-codec
//      │                 reference, CInstructionCount for instructions per key)
//      ├─ KBenchReports  document model, renderers (table, JSON, CSV, Markdown, SVG, HTML), results
//      │                 writer, progress, formatting, charts: no Kafka (callers pass the librdkafka
//      │                 version in) → KBenchTerminal only
//      ├─ KafkaLive      the librdkafka bridge only: producer, consumer, configuration, delivery
//      │                 reports, partitioner callback, admin/metadata, mock cluster, version
//      │                 → CRdKafka, KafkaRecords, KafkaPartitioning, KafkaCompression
//      ├─ KBenchWorkloads  keys and payloads (generators, key files, corpora) → KBenchRandom,
//      │                 KafkaPartitioning (which splits key lines)
//      ├─ KBenchTerminal   terminal text escaping, printable text, display widths, line editor,
//      │                 raw-mode terminal
//      └─ the libraries (the only library products: public API for other Swift projects):
//           KafkaRecords      RecordBatch v2, legacy messages (v0/v1), control records, internal
//                             topics, broker storage files (indexes, producer snapshots,
//                             checkpoints), anatomy, serializers → KafkaCompression, CCRC32C, CZlib
//           KafkaCompression  codecs in Kafka's framing → CZlib, CSnappy, CLZ4, CZstd
//           KafkaPartitioning hashes and every client's partitioner, key lines, hex (no records)
//                             → CHashKernels, KBenchRandom
//           └─ C shims (system libraries), the small C kernels (CCRC32C, CHashKernels) and
//              KBenchRandom (seedable generator), linked into the products that use them
// Products: the `kbench` executable and the three libraries. Every other module's API is
// `package` (visible to this package's modules and tests only). The package-benchmark suites
// live in the separate package under `Benchmarks/` (with its own system library for
// librdkafka's C partitioners), and the fuzz targets under `Fuzz/`, so the test command builds
// neither.

import PackageDescription

/// A SwiftPM system-library shim found through pkg-config, with its Debian provider.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(
        name: name,
        path: "Sources/\(name)",
        pkgConfig: pkgConfig,
        providers: [.apt([apt])]
    )
}

/// The git commit `dev.sh` builds from (KBENCH_GIT_COMMIT: 40 lowercase hex digits, then
/// "-dirty" when the work tree had changes), compiled into `kbench --version`. Any other build,
/// or any other value, gives "unknown": nothing else reaches the C string literal it becomes.
let gitCommit: String = {
    guard let value = Context.environment["KBENCH_GIT_COMMIT"] else { return "unknown" }
    let hash = value.hasSuffix("-dirty") ? value.dropLast("-dirty".count) : Substring(value)
    let isHash = hash.count == 40 && hash.allSatisfy { "0123456789abcdef".contains($0) }
    return isHash ? value : "unknown"
}()

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "kbench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kbench", targets: ["kbench"]),
        .library(name: "KafkaRecords", targets: ["KafkaRecords"]),
        .library(name: "KafkaPartitioning", targets: ["KafkaPartitioning"]),
        .library(name: "KafkaCompression", targets: ["KafkaCompression"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.1.0"),
    ],
    targets: [
        // System libraries (pkg-config names, Debian packages).
        systemLibrary("CRdKafka", pkgConfig: "rdkafka", apt: "librdkafka-dev"),
        systemLibrary("CZstd", pkgConfig: "libzstd", apt: "libzstd-dev"),
        systemLibrary("CLZ4", pkgConfig: "liblz4", apt: "liblz4-dev"),
        systemLibrary("CSnappy", pkgConfig: "snappy", apt: "libsnappy-dev"),
        systemLibrary("CZlib", pkgConfig: "zlib", apt: "zlib1g-dev"),

        // Our own small C kernel: CRC-32C with SSE4.2 behind a runtime CPU check.
        .target(name: "CCRC32C", path: "Sources/CCRC32C"),
        // Our own small C kernel: AVX2 batch hashing and carry-less-multiply CRC-32 behind
        // runtime CPU checks (KafkaPartitioning keeps portable Swift paths for both).
        .target(name: "CHashKernels", path: "Sources/CHashKernels"),
        // Instruction counting for `kbench hash --instructions`: the CPU's counter through
        // perf_event_open, or callgrind's client requests when valgrind's header is installed.
        .target(name: "CInstructionCount", path: "Sources/CInstructionCount"),
        // The git commit kbench was built from (see `gitCommit` above), for `kbench --version`.
        .target(
            name: "CKBenchBuildInfo",
            cSettings: [.define("KBENCH_GIT_COMMIT", to: "\"\(gitCommit)\"")]
        ),

        // The seedable generator every module draws reproducible randomness from (no dependencies).
        .target(name: "KBenchRandom", swiftSettings: strictSwift),
        // Terminal concerns (no dependencies): the one escaping rule for text shown on a
        // terminal, display widths, a line editor and a raw-mode terminal.
        .target(name: "KBenchTerminal", swiftSettings: strictSwift),
        .target(
            name: "KafkaCompression",
            dependencies: ["CZlib", "CSnappy", "CLZ4", "CZstd"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "KafkaRecords",
            dependencies: ["KafkaCompression", "CCRC32C", "CZlib"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "KafkaPartitioning",
            dependencies: ["KBenchRandom", "CHashKernels"],
            swiftSettings: strictSwift
        ),
        // Deterministic workloads: key generators (seq, uuid, random, zipf), key files (split
        // by KafkaPartitioning's KeyLineSplitter) and payload corpora.
        .target(
            name: "KBenchWorkloads",
            dependencies: ["KBenchRandom", "KafkaPartitioning"],
            swiftSettings: strictSwift
        ),
        // The librdkafka bridge: client, admin and metadata, mock cluster, version.
        .target(
            name: "KafkaLive",
            dependencies: ["CRdKafka", "KafkaRecords", "KafkaPartitioning", "KafkaCompression"],
            swiftSettings: strictSwift
        ),
        // Document model and renderers, results, progress, formatting, charts: no Kafka.
        .target(
            name: "KBenchReports",
            dependencies: ["KBenchTerminal"],
            swiftSettings: strictSwift
        ),
        // The engines the CLI runs (hash, compress, partitions, inspect, report, produce,
        // audit, chat), each returning a report model.
        .target(
            name: "KBenchStudies",
            dependencies: [
                "KBenchReports", "KafkaLive", "KafkaRecords", "KafkaPartitioning", "KafkaCompression",
                "KBenchWorkloads", "KBenchTerminal", "CInstructionCount",
                // The bare codec libraries the compression study measures kbench's codecs against.
                "CZlib", "CSnappy", "CLZ4", "CZstd",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "kbench",
            dependencies: [
                "KBenchStudies", "KBenchReports", "KafkaRecords", "KafkaPartitioning", "KafkaCompression", "KafkaLive", "KBenchWorkloads",
                "KBenchTerminal", "CKBenchBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift
        ),

        .testTarget(
            name: "KafkaRecordsTests",
            dependencies: ["KafkaRecords", "KafkaCompression", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KafkaPartitioningTests",
            dependencies: ["KafkaPartitioning", "CRdKafka", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KafkaCompressionTests",
            dependencies: ["KafkaCompression", "KafkaRecords", "KafkaLive", "KBenchWorkloads", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KafkaLiveTests",
            dependencies: ["KafkaLive", "KafkaRecords", "KafkaPartitioning", "KBenchWorkloads", "KafkaLiveTestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KBenchWorkloadsTests",
            dependencies: ["KBenchWorkloads", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KBenchReportsTests",
            dependencies: ["KBenchReports", "KBenchTerminal", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KBenchStudiesTests",
            dependencies: [
                "KBenchStudies", "KBenchReports", "KafkaLive", "KafkaRecords", "KafkaPartitioning",
                "KafkaCompression", "KBenchWorkloads", "KBenchTerminal", "KBenchRandom", "TestSupport", "KafkaLiveTestSupport",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KBenchTerminalTests",
            dependencies: ["KBenchTerminal"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "KBenchCLITests",
            dependencies: ["kbench", "KBenchReports", "KafkaLive", "TestSupport"],
            swiftSettings: strictSwift
        ),
        // Shared test helpers: locating the repository, the Python venv, running kbench,
        // partition counts spelled as constants.
        .target(
            name: "TestSupport",
            dependencies: ["KafkaPartitioning"],
            path: "Tests/TestSupport",
            swiftSettings: strictSwift
        ),
        // Helpers for tests against librdkafka's mock cluster (delivery report collector, topics).
        .target(
            name: "KafkaLiveTestSupport",
            dependencies: ["KafkaLive", "KafkaRecords"],
            path: "Tests/KafkaLiveTestSupport",
            swiftSettings: strictSwift
        ),
    ],
    swiftLanguageModes: [.v6]
)
