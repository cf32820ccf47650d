import CZlib

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, zlib's `crc32`): the checksum of
/// message format v0/v1 (Java's `java.util.zip.CRC32`). RecordBatch v2 uses ``CRC32C``.
public enum CRC32IEEE {
    /// The CRC-32 of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt = 0
        var rest = bytes
        // zlib takes a uInt length: feed very large inputs in chunks.
        while let base = rest.baseAddress, !rest.isEmpty {
            let chunk = Swift.min(rest.count, Int(UInt32.max))
            crc = CZlib.crc32(crc, base.assumingMemoryBound(to: Bytef.self), uInt(chunk))
            rest = UnsafeRawBufferPointer(rebasing: rest[chunk...])
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// The CRC-32 of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
