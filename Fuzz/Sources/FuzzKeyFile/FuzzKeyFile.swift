// libFuzzer target: the key-line splitter behind every key file (KafkaPartitioning's
// KeyLineSplitter, which kbench's KeyFileReader feeds its read buffer).
//
// Input byte 0 picks the chunk size (the read buffer; 0 counts as 1), byte 1 the longest key
// accepted (0…255), the rest is the stream. The keys, and the line and byte offset of the
// error that stops the splitting, must match a reference split of the stream (lines end with
// `\n`, one `\r` before the end dropped, no empty key after a final newline, a stripped line
// longer than the limit fails), pulled line by line (`takeLine`, as the file reader does) and
// pushed into a `KeyBatch` (`feed`) alike; the whole stream as one chunk must give the same.
import FuzzSupport
import KafkaPartitioning

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let chunkSize = max(1, Int(data[0]))
    let limit = Int(data[1])
    let stream = UnsafeRawBufferPointer(start: data + 2, count: size - 2)
    let expected = referenceKeys(Array(stream), limit: limit)
    let pulled = pull(stream, chunkSize: chunkSize, limit: limit)
    fuzzCheck(pulled == expected, "pulled \(pulled) but the reference splits \(expected)")
    let pushed = push(stream, chunkSize: chunkSize, limit: limit)
    fuzzCheck(pushed == expected, "fed into a batch: \(pushed), the reference: \(expected)")
    let whole = pull(stream, chunkSize: max(1, stream.count), limit: limit)
    fuzzCheck(whole == expected, "as one chunk: \(whole), the reference: \(expected)")
    return 0
}

/// What a pass over the stream gives: the keys, and the error that stopped it.
struct Keys: Equatable, CustomStringConvertible {
    var keys: [[UInt8]] = []
    var failure: KeyLineSplitter.LineTooLong? = nil

    var description: String { "\(keys.count) keys \(keys.map(\.count)), failure \(failure.map(String.init(describing:)) ?? "none")" }
}

/// The stream in chunks of `chunkSize`, one line at a time.
func pull(_ stream: UnsafeRawBufferPointer, chunkSize: Int, limit: Int) -> Keys {
    var result = Keys()
    var splitter = KeyLineSplitter(maximumKeyLength: limit)
    do throws(KeyLineSplitter.LineTooLong) {
        var start = 0
        while start < stream.count {
            var chunk = UnsafeRawBufferPointer(rebasing: stream[start..<min(stream.count, start + chunkSize)])
            start += chunk.count
            while !chunk.isEmpty {
                let before = result.keys.count
                let taken = try splitter.takeLine(from: chunk) { result.keys.append(Array($0)) }
                fuzzCheck(result.keys.count == before + (taken.ended ? 1 : 0), "takeLine: \(taken) but \(result.keys.count - before) keys")
                fuzzCheck(taken.ended || taken.consumed == chunk.count, "an unfinished line left \(chunk.count - taken.consumed) bytes")
                chunk = UnsafeRawBufferPointer(rebasing: chunk[taken.consumed...])
            }
        }
        _ = try splitter.finish { result.keys.append(Array($0)) }
    } catch {
        result.failure = error
    }
    fuzzCheck(splitter.linesSeen == result.keys.count, "linesSeen \(splitter.linesSeen) after \(result.keys.count) keys")
    return result
}

/// The stream in chunks of `chunkSize`, fed into a batch.
func push(_ stream: UnsafeRawBufferPointer, chunkSize: Int, limit: Int) -> Keys {
    var result = Keys()
    var splitter = KeyLineSplitter(maximumKeyLength: limit)
    var batch = KeyBatch()
    do throws(KeyLineSplitter.LineTooLong) {
        var start = 0
        while start < stream.count {
            let end = min(stream.count, start + chunkSize)
            try splitter.feed(UnsafeRawBufferPointer(rebasing: stream[start..<end]), into: &batch)
            start = end
        }
        try splitter.finish(into: &batch)
    } catch {
        result.failure = error
    }
    result.keys = (0..<batch.count).map { batch[$0] }
    return result
}

func referenceKeys(_ content: [UInt8], limit: Int) -> Keys {
    var result = Keys()
    var lines = content.split(separator: 0x0A, omittingEmptySubsequences: false)
    if content.last == 0x0A || content.isEmpty { lines.removeLast() }
    var offset = 0
    for (number, line) in lines.enumerated() {
        var key = Array(line)
        if key.last == 0x0D { key.removeLast() }
        guard key.count <= limit else {
            result.failure = KeyLineSplitter.LineTooLong(line: number + 1, offset: offset, limit: limit)
            break
        }
        result.keys.append(key)
        offset += line.count + 1
    }
    return result
}

/// The process entry point (SwiftPM links `main` to `FuzzKeyFile_main`): libFuzzer's driver.
@_cdecl("FuzzKeyFile_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
