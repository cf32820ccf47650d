/// `random`: uniformly random bytes, 100–1000 a record — the incompressible worst case (every
/// codec's output is slightly larger than its input).
enum RandomBytesCorpus {
    static func record(_ state: inout CorpusState) -> [UInt8] {
        let count = 100 + state.random.next(below: 901)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        state.random.appendBytes(count, to: &bytes)
        return bytes
    }
}
