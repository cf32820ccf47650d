// libFuzzer target: the `__consumer_offsets` and `__transaction_state` decoders
// (ConsumerOffsetsDecoder, TransactionLogDecoder; --offsets-decoder, --transaction-log-decoder).
//
// Byte 0: bit 0 chooses the decoder (0 offsets, 1 transaction log), bit 1 a null value; byte 1
// = key length (255 = null key); then the key and the value (the rest). Neither decoder may
// trap; the offsets decoder's key and payload, when decoded, must be well-formed JSON (checked
// with Foundation's JSONSerialization) and a tombstone's payload `<DELETE>`; an error has no
// payload; the transaction-log decoder's payload starts `producerId:` or is `<DELETE>`.
import Foundation
import FuzzSupport
import KafkaRecords

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard bytes.count >= 2 else { return 0 }
    let transactionLog = bytes[0] & 1 != 0
    let nullValue = bytes[0] & 2 != 0
    let keyLength = bytes[1] == 255 ? nil : Int(bytes[1])
    let key = keyLength.map { Array(bytes[2...].prefix($0)) }
    let value = nullValue ? nil : Array(bytes[(2 + (key?.count ?? 0))...])
    let decoded = (key ?? []).withUnsafeBytes { keyBuffer in
        (value ?? []).withUnsafeBytes { valueBuffer in
            let k = key == nil ? nil : keyBuffer
            let v = value == nil ? nil : valueBuffer
            return transactionLog
                ? TransactionLogDecoder.decode(key: k, value: v, offset: 7)
                : ConsumerOffsetsDecoder.decode(key: k, value: v, offset: 7)
        }
    }
    if decoded.isError {
        fuzzCheck(decoded.payload == nil, "an error with a payload: \(decoded)")
        return 0
    }
    guard let payload = decoded.payload else { return 0 }
    if value == nil { fuzzCheck(payload == "<DELETE>", "a tombstone printed \(payload)") }
    if transactionLog {
        fuzzCheck(payload == "<DELETE>" || payload.hasPrefix("producerId:"), "transaction payload \(payload)")
    } else {
        for json in [decoded.key ?? "{}", payload] where json != "<DELETE>" {
            let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
            fuzzCheck(parsed is [String: Any], "not a JSON object: \(json)")
        }
    }
    return 0
}

/// The process entry point (SwiftPM links `main` to `FuzzInternalTopics_main`): libFuzzer's driver.
@_cdecl("FuzzInternalTopics_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
