// swift-tools-version: 6.3
//
// kbench's libFuzzer targets, kept in their own package so the test command does not build
// them. Each Fuzz* executable is one `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`, so
// they are built with the fuzzer and address sanitizers (see README.md, ../scripts/fuzz.sh):
//   swift build -c release --scratch-path ../.build-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product FuzzRecordBatch
// FuzzSeeds is a plain executable (built without the sanitizers) that writes Corpus/.

import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// A fuzz target: one file, `Sources/<name>/<name>.swift`.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "kbench") },
        swiftSettings: strictSwift
    )
}

let package = Package(
    name: "kbench-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "kbench", path: ".."),
    ],
    targets: [
        // Shared by the targets: the decompression ceiling, input copying, invariant checks.
        // libFuzzer's driver entry point (see FuzzSupport.runLibFuzzer).
        .target(name: "CLibFuzzer"),
        .target(
            name: "FuzzSupport",
            dependencies: [
                "CLibFuzzer",
                .product(name: "KafkaCompression", package: "kbench"),
            ],
            swiftSettings: strictSwift
        ),
        fuzzTarget("FuzzRecordBatch", ["KafkaRecords", "KafkaCompression"]),
        fuzzTarget("FuzzLogSegment", ["KafkaRecords", "KafkaCompression"]),
        fuzzTarget("FuzzGzip", ["KafkaCompression"]),
        fuzzTarget("FuzzSnappy", ["KafkaCompression"]),
        fuzzTarget("FuzzLZ4", ["KafkaCompression"]),
        fuzzTarget("FuzzZstd", ["KafkaCompression"]),
        fuzzTarget("FuzzVarint", ["KafkaRecords"]),
        fuzzTarget("FuzzLegacyMessages", ["KafkaRecords", "KafkaCompression"]),
        fuzzTarget("FuzzControlRecord", ["KafkaRecords"]),
        fuzzTarget("FuzzInternalTopics", ["KafkaRecords"]),
        fuzzTarget("FuzzKeyFile", ["KafkaPartitioning"]),
        fuzzTarget("FuzzProducerSnapshot", ["KafkaRecords"]),
        fuzzTarget("FuzzStorageIndex", ["KafkaRecords"]),
        fuzzTarget("FuzzCheckpoint", ["KafkaRecords"]),
        // KBenchTerminal is not a product (its API is `package`): its sources are compiled here
        // as a module of this package, through a symlink to ../Sources/KBenchTerminal.
        .target(name: "FuzzedKBenchTerminal", swiftSettings: strictSwift),
        .executableTarget(
            name: "FuzzTerminalText",
            dependencies: ["FuzzSupport", "FuzzedKBenchTerminal"],
            swiftSettings: strictSwift
        ),
        // Writes the seed corpus (kafka-python samples, kbench-written batches, raw frames).
        .executableTarget(
            name: "FuzzSeeds",
            dependencies: [
                .product(name: "KafkaRecords", package: "kbench"),
                .product(name: "KafkaCompression", package: "kbench"),
            ],
            swiftSettings: strictSwift
        ),
    ],
    swiftLanguageModes: [.v6]
)
