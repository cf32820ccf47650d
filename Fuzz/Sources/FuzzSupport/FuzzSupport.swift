import CLibFuzzer
import KafkaCompression

/// The decompression ceiling of every fuzz target: 8 MiB. `scripts/fuzz.sh` runs libFuzzer
/// with `-malloc_limit_mb` and `-rss_limit_mb` a little above it, so that any allocation the
/// input cannot justify beyond the ceiling stops the run as a finding.
public let fuzzDecompressionCeiling = 8 << 20

/// Copies libFuzzer's input into an array (the library's readers take `[UInt8]`).
public func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// Stops the run: the library broke a promise it makes about any input (a finding, not a
/// decoding error — those are thrown and ignored by the harnesses).
public func fuzzFinding(_ message: @autoclosure () -> String) -> Never {
    fatalError("fuzz finding: \(message())")
}

/// Checks `condition`, else reports a finding.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fuzzFinding(message()) }
}

/// Decompresses each input with one codec type and checks what the codec promises:
///
/// - output is appended: bytes already in the array stay, and a failed call leaves it as it was;
/// - never more than the ceiling is produced; a block of N bytes fails under a limit of N - 1
///   with `outputLimitExceeded`;
/// - a codec kept across inputs (its contexts reused after successes and failures alike) gives
///   the same result as a fresh one: the same bytes, or a failure.
public struct DecompressionHarness {
    /// The codec type under test.
    public let type: CompressionType
    private var kept: any CompressionCodec
    private static let prefix: [UInt8] = [0xA5, 0x5A, 0xC3]

    /// A harness for `type` with a kept codec.
    public init(_ type: CompressionType) {
        self.type = type
        kept = Self.codec(type)
    }

    private static func codec(_ type: CompressionType) -> any CompressionCodec {
        do {
            return try makeCodec(type)
        } catch {
            fuzzFinding("makeCodec(\(type)) failed: \(error)")
        }
    }

    /// Runs the checks on `data`; decoding errors are expected and ignored.
    public mutating func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
        let input = UnsafeRawBufferPointer(start: data, count: size)
        var fresh = Self.codec(type)
        let first = Self.decompress(&fresh, input, limit: fuzzDecompressionCeiling)
        let second = Self.decompress(&kept, input, limit: fuzzDecompressionCeiling)
        fuzzCheck(Self.sameOutcome(first, second), "\(type): a kept codec disagrees with a fresh one: \(describe(second)) vs \(describe(first))")
        guard case .success(let output) = first, !output.isEmpty else { return }
        let below = Self.decompress(&kept, input, limit: output.count - 1)
        fuzzCheck(
            below == .failure(.outputLimitExceeded(codec: type, limit: output.count - 1)),
            "\(type): \(output.count) bytes under a limit of \(output.count - 1) gave \(describe(below))"
        )
    }

    /// Both produce the same bytes, or both fail. (The reason may differ: libzstd names a
    /// corrupt frame differently depending on the buffers a kept context already holds.)
    private static func sameOutcome(_ a: Result<[UInt8], CompressionError>, _ b: Result<[UInt8], CompressionError>) -> Bool {
        switch (a, b) {
        case (.success(let x), .success(let y)): x == y
        case (.failure, .failure): true
        default: false
        }
    }

    private func describe(_ result: Result<[UInt8], CompressionError>) -> String {
        switch result {
        case .success(let output): "\(output.count) bytes"
        case .failure(let error): "error \(error)"
        }
    }

    /// Decompresses after a prefix and checks the append contract; returns the appended bytes.
    private static func decompress(_ codec: inout any CompressionCodec, _ input: UnsafeRawBufferPointer, limit: Int) -> Result<[UInt8], CompressionError> {
        var output = prefix
        do throws(CompressionError) {
            try codec.decompress(input, appendingTo: &output, limit: limit)
        } catch {
            fuzzCheck(output == prefix, "\(codec.type): a failed decompress left \(output.count - prefix.count) bytes behind (\(error))")
            return .failure(error)
        }
        fuzzCheck(output.starts(with: prefix), "\(codec.type): decompress overwrote the bytes already in the output")
        let produced = output.count - prefix.count
        fuzzCheck(produced <= limit, "\(codec.type): \(produced) bytes produced under a limit of \(limit)")
        return .success(Array(output[prefix.count...]))
    }
}

/// The test callback libFuzzer's driver calls for each input.
public typealias FuzzTestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Hands the process over to libFuzzer's driver (`LLVMFuzzerRunDriver`) with `callback`.
///
/// SwiftPM links an executable target with `--defsym main=<Module>_main`, so each fuzz
/// target exports `<Module>_main` (`@_cdecl`) and calls this instead of relying on
/// libFuzzer's own `main`.
public func runLibFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ callback: FuzzTestOneInput) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
