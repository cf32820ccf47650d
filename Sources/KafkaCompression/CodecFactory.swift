/// Default ceiling on the decompressed size of one batch's records block: 256 MiB.
public let defaultDecompressionLimit = 256 * 1024 * 1024

/// Returns a fresh codec for `type` at `level` (nil = the codec's default, see
/// ``CompressionLevels/defaultLevel``); snappy writes the xerial (Java) framing.
///
/// Throws ``CompressionError/invalidLevel(codec:level:accepted:)`` for a level the codec does
/// not accept (snappy and none accept only nil).
public func makeCodec(_ type: CompressionType, level: Int? = nil) throws(CompressionError) -> any CompressionCodec {
    try makeCodec(type, options: CompressionOptions(level: level))
}

/// Returns a fresh codec for `type` configured by `options`.
///
/// The codec keeps its C contexts between calls (created on first use), so one codec value
/// reused batch after batch allocates nothing per batch once warm.
public func makeCodec(_ type: CompressionType, options: CompressionOptions) throws(CompressionError) -> any CompressionCodec {
    try type.codec.makeCodec(options)
}

/// Returns a codec for the codec bits of a batch's attributes (0–4), for decoding.
///
/// Throws ``CompressionError/unsupported(codec:)`` for the reserved values 5–7.
public func makeCodec(attributesCodecBits bits: UInt8) throws(CompressionError) -> any CompressionCodec {
    guard let type = CompressionType(rawValue: bits) else { throw .unsupported(codec: bits) }
    return try makeCodec(type)
}

/// Throws ``CompressionError/invalidLevel(codec:level:accepted:)`` unless `level` is accepted.
func checkLevel(_ level: Int?, for type: CompressionType) throws(CompressionError) {
    try CompressionLevels.of(type).check(level)
}
