extension ZstdDecompressor {
    /// Decodes `input` straight into `output`, at most `limit` bytes, when it is exactly one
    /// standard zstd frame whose declared window is accepted under `limit` and whose content
    /// fits: the bytes written, else nil (see ``DirectDecompressor/decompress(_:_:into:limit:)``).
    func decodeDirect(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, limit: Int) -> Int? {
        guard ZstdFrameWalk.isSingleStandardFrame(input) else { return nil }
        return decodeWhole(input, into: output, limit: limit, windowLog: windowLog(for: limit))
    }
}
