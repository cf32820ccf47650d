/// Whether a codec input is exactly one standard zstd frame, by its headers alone (RFC 8878
/// §3.1.1): what `ZSTD_findFrameCompressedSize(input) == input.count` answers for a standard
/// frame, without the library call (about 260 instructions a batch).
enum ZstdFrameWalk {
    /// The standard frame magic number (little-endian `28 B5 2F FD`).
    static let magic: UInt32 = 0xFD2F_B528

    /// True when `input` starts with the standard magic, its frame header and block headers are
    /// well formed (reserved bit clear, window log at most 31, no reserved block type) and the last block (and the
    /// content checksum, when flagged) ends exactly at the end of `input`. False otherwise, also
    /// for frames the library would read differently: the caller then asks the library.
    static func isSingleStandardFrame(_ input: UnsafeRawBufferPointer) -> Bool {
        guard input.count >= 6, input.littleEndianUInt32(at: 0) == magic else { return false }
        let descriptor = input[4]
        guard descriptor & 0x08 == 0 else { return false }  // reserved bit
        let singleSegment = descriptor & 0x20 != 0
        guard singleSegment || input[5] >> 3 <= 21 else { return false }  // window log past 31, refused by libzstd
        let contentSizeFlag = Int(descriptor >> 6)  // 0: 1 byte if single segment, else none; n: 2^n bytes
        let contentSizeBytes = contentSizeFlag == 0 ? (singleSegment ? 1 : 0) : 1 << contentSizeFlag
        let dictionaryFlag = Int(descriptor & 0x03)  // 0: none; n: 2^(n-1) bytes
        let dictionaryBytes = dictionaryFlag == 0 ? 0 : 1 << (dictionaryFlag - 1)
        var offset = 5 + (singleSegment ? 0 : 1) + dictionaryBytes + contentSizeBytes
        while true {
            guard input.count - offset >= 3 else { return false }
            let header = Int(input[offset]) | Int(input[offset + 1]) << 8 | Int(input[offset + 2]) << 16
            let type = (header >> 1) & 0x03
            guard type != 3 else { return false }  // reserved block type
            let content = type == 1 ? 1 : header >> 3  // an RLE block stores one byte
            guard content <= input.count - offset - 3 else { return false }
            offset += 3 + content
            if header & 1 != 0 { break }  // last block
        }
        let checksumBytes = descriptor & 0x04 != 0 ? 4 : 0
        return input.count - offset == checksumBytes
    }
}
