// libFuzzer target: the key-file reader (KeyFileReader), through a temporary file.
//
// Input byte 0 picks the read buffer size (FileInput clamps it to 16 or more), byte 1 the
// longest key accepted (0…255), the rest is the file. Every key read, and the line of the
// error that stops the reading, must match a reference split of the file (lines end with
// `\n`, one `\r` before the end dropped, no empty key after a final newline, a stripped line
// longer than the limit fails with keyTooLong); rewinding must read the same again.
#if canImport(Glibc)
import Glibc
#endif
import FuzzSupport
import KBenchWorkloads

/// The temporary file the input is written to (one per process; in memory when /dev/shm is).
private let path = "\(access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp")/kbench-fuzz-keys-\(getpid()).txt"

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let bufferSize = Int(data[0])
    let limit = Int(data[1])
    let content = UnsafeBufferPointer(start: data + 2, count: size - 2)
    write(content)
    let expected = referenceKeys(Array(content), limit: limit)
    do {
        var reader = try KeyFileReader(path: path, maximumKeyLength: limit, bufferSize: bufferSize)
        let first = readAll(&reader)
        fuzzCheck(first == expected, "keys \(first) but the reference reads \(expected)")
        try reader.rewind()
        let second = readAll(&reader)
        fuzzCheck(second == first, "after rewind: \(second), first pass: \(first)")
    } catch {
        fuzzFinding("cannot open or rewind the temporary key file: \(error)")
    }
    return 0
}

/// What a pass over the keys gives: the keys, and the line of the error that stopped it.
struct Keys: Equatable, CustomStringConvertible {
    var keys: [[UInt8]] = []
    var failedLine: Int? = nil

    var description: String { "\(keys.count) keys \(keys.map(\.count)), failure at line \(failedLine.map(String.init) ?? "none")" }
}

func readAll(_ reader: inout KeyFileReader) -> Keys {
    var result = Keys()
    var key = KeyBuffer(capacity: 1)
    do throws(KeyReadError) {
        while try reader.nextKey(into: &key) {
            result.keys.append(key.bytes)
            fuzzCheck(reader.lineNumber == result.keys.count, "line number \(reader.lineNumber) after \(result.keys.count) keys")
        }
    } catch {
        fuzzCheck(error.reason == .keyTooLong(limit: reader.maximumKeyLength), "unexpected error \(error)")
        result.failedLine = error.line
    }
    return result
}

func referenceKeys(_ content: [UInt8], limit: Int) -> Keys {
    var result = Keys()
    var lines = content.split(separator: 0x0A, omittingEmptySubsequences: false)
    if content.last == 0x0A || content.isEmpty { lines.removeLast() }
    for (number, line) in lines.enumerated() {
        var key = Array(line)
        if key.last == 0x0D { key.removeLast() }
        guard key.count <= limit else {
            result.failedLine = number + 1
            break
        }
        result.keys.append(key)
    }
    return result
}

func write(_ content: UnsafeBufferPointer<UInt8>) {
    guard let file = fopen(path, "wb") else { fuzzFinding("cannot create \(path)") }
    if let base = content.baseAddress, content.count > 0 {
        fuzzCheck(fwrite(base, 1, content.count, file) == content.count, "cannot write \(path)")
    }
    fclose(file)
}

/// The process entry point (SwiftPM links `main` to `FuzzKeyFile_main`): libFuzzer's driver.
@_cdecl("FuzzKeyFile_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
