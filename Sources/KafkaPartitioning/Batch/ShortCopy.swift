/// Copies of short byte runs (keys) in 16-byte vector moves instead of a memcpy call: the
/// moves may read and write up to 15 bytes past the run, so callers say how far they may read
/// and own the room behind the destination.
enum ShortCopy {
    /// The longest run copied in moves (8 of them); longer runs go through memcpy.
    static let longestInMoves = 128

    /// Copies `count` bytes from `source` to `destination`: in 16-byte moves when `count`
    /// rounded up to 16 is at most `readable` (the bytes that may be read from `source`) and
    /// ``longestInMoves``, the destination then taking that rounded count; else with memcpy.
    @inline(__always)
    static func copy(_ count: Int, from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, readable: Int) {
        let rounded = (count &+ 15) & ~15
        guard rounded <= readable, rounded <= longestInMoves else {
            destination.copyMemory(from: source, byteCount: count)
            return
        }
        var offset = 0
        while offset < count {
            destination.storeBytes(
                of: source.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self), toByteOffset: offset, as: SIMD16<UInt8>.self)
            offset &+= 16
        }
    }
}
