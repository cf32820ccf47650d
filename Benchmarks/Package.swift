// swift-tools-version: 6.3
//
// kbench's package-benchmark suites, kept in their own package so the test command does not
// build the benchmark harness. Run from this folder:
//   swift package --disable-sandbox benchmark                      # every suite
//   swift package --disable-sandbox benchmark --target HashingBenchmarks
// Each suite measures kbench next to its reference (librdkafka's C functions, the raw codec,
// memcpy) in the same run, so ratios hold on a noisy machine.

import PackageDescription

let package = Package(
    name: "kbench-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "kbench", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "RecordBatchBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KafkaRecords", package: "kbench"),
            ],
            path: "RecordBatchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "HashingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KafkaPartitioning", package: "kbench"),
                .product(name: "KafkaLive", package: "kbench"),
            ],
            path: "HashingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The codec libraries' headers for the bare calls the compression benchmarks compare
        // with (zlib, snappy, lz4, zstd; named apart from the main package's C shims).
        .systemLibrary(name: "BareCodecLibraries", path: "BareCodecLibraries"),
        .executableTarget(
            name: "CompressionBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KafkaCompression", package: "kbench"),
                .product(name: "KafkaRecords", package: "kbench"),
                "BareCodecLibraries",
            ],
            path: "CompressionBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
