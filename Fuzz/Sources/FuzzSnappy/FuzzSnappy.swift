// libFuzzer target: KafkaCompression's snappy decompressor alone, xerial stream and raw block (told apart by the xerial magic) (see FuzzSupport.DecompressionHarness).
import FuzzSupport

nonisolated(unsafe) private var harness = DecompressionHarness(.snappy)

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    harness.run(data, size)
    return 0
}

/// The process entry point (SwiftPM links `main` to `FuzzSnappy_main`): libFuzzer's driver.
@_cdecl("FuzzSnappy_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
