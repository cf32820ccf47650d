extension ZstdDecompressor {
    /// Decodes `input` straight into `output`, at most `limit` bytes, when it is exactly one
    /// standard zstd frame whose declared window is accepted under `limit` and whose content
    /// fits: the bytes written, else nil (see ``DirectDecompressor/decompress(_:_:into:limit:)``).
    func decodeDirect(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, limit: Int) -> Int? {
        guard ZstdFrameWalk.isSingleStandardFrame(input) else { return nil }
        let log = windowLog(for: limit)
        let room = Swift.min(output.count, limit, 1 << Int(log))
        guard room > 0 else { return nil }
        return decodeWhole(input, into: UnsafeMutableRawBufferPointer(rebasing: output[..<room]), windowLog: log)
    }
}
