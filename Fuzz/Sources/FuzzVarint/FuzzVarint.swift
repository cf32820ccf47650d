// libFuzzer target: the varint reader (ByteCursor through Varint.decodeVarint/decodeVarlong).
//
// The input is read as varints back to back until the first error, then again as varlongs.
// Every read is checked against a straightforward reference decoder (Java's ByteUtils
// readVarint/readVarlong: zigzag, 5 / 10 bytes at most, excess high bits dropped), and every
// decoded value must re-encode (Varint.append) to Varint.size(of:) bytes that decode back to it.
import FuzzSupport
import KafkaRecords

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var index = 0
    while index < bytes.count {
        let expected = reference(bytes, at: index, maxBytes: Varint.maxVarintBytes)
        guard let decoded = try? Varint.decodeVarint(bytes, at: index) else {
            fuzzCheck(expected == nil, "varint at \(index): reference decodes \(String(describing: expected)), kbench fails")
            break
        }
        let (value, length) = decoded
        fuzzCheck(expected.map { (Varint.zigzagDecode(UInt32(truncatingIfNeeded: $0.raw)), $0.length) } ?? (0, -1) == (value, length), "varint at \(index): kbench \(value) (\(length) bytes), reference \(String(describing: expected))")
        var encoded: [UInt8] = []
        Varint.append(value, to: &encoded)
        fuzzCheck(encoded.count == Varint.size(of: value), "varint \(value): \(encoded.count) bytes written, size(of:) says \(Varint.size(of: value))")
        fuzzCheck((try? Varint.decodeVarint(encoded)).map { $0 == (value, encoded.count) } ?? false, "varint \(value) does not round-trip")
        index += length
    }
    index = 0
    while index < bytes.count {
        let expected = reference(bytes, at: index, maxBytes: Varint.maxVarlongBytes)
        guard let decoded = try? Varint.decodeVarlong(bytes, at: index) else {
            fuzzCheck(expected == nil, "varlong at \(index): reference decodes \(String(describing: expected)), kbench fails")
            break
        }
        let (value, length) = decoded
        fuzzCheck(expected.map { (Varint.zigzagDecode($0.raw), $0.length) } ?? (0, -1) == (value, length), "varlong at \(index): kbench \(value) (\(length) bytes), reference \(String(describing: expected))")
        var encoded: [UInt8] = []
        Varint.append(value, to: &encoded)
        fuzzCheck(encoded.count == Varint.size(of: value), "varlong \(value): \(encoded.count) bytes written, size(of:) says \(Varint.size(of: value))")
        fuzzCheck((try? Varint.decodeVarlong(encoded)).map { $0 == (value, encoded.count) } ?? false, "varlong \(value) does not round-trip")
        index += length
    }
    _ = try? Varint.decodeVarint(bytes, at: bytes.count)
    _ = try? Varint.decodeVarlong(bytes, at: bytes.count + 1)
    return 0
}

/// The reference decoder: the raw (still zigzagged) value and its length, or nil when the
/// bytes run out or the last allowed byte still has its continuation bit.
func reference(_ bytes: [UInt8], at start: Int, maxBytes: Int) -> (raw: UInt64, length: Int)? {
    var raw: UInt64 = 0
    for position in 0..<maxBytes {
        guard start + position < bytes.count else { return nil }
        let byte = bytes[start + position]
        raw |= UInt64(byte & 0x7F) << UInt64(7 * position)
        if byte & 0x80 == 0 {
            // A varint keeps 32 bits: bits shifted past them on the 5th byte are dropped.
            return (maxBytes == Varint.maxVarintBytes ? raw & 0xFFFF_FFFF : raw, position + 1)
        }
    }
    return nil
}

/// The process entry point (SwiftPM links `main` to `FuzzVarint_main`): libFuzzer's driver.
@_cdecl("FuzzVarint_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
