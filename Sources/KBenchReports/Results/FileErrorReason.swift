import Foundation

/// A short reason for a failed file operation, for one-line error messages: the system's own
/// words ("Permission denied", "Not a directory") when Foundation wraps a POSIX error — on
/// Linux its own description is often only "The operation could not be completed".
package func fileErrorReason(_ error: any Error) -> String {
    let wrapped = error as NSError
    if wrapped.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(wrapped.code))) }
    if let underlying = wrapped.userInfo[NSUnderlyingErrorKey] as? any Error {
        let posix = underlying as NSError
        if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
    }
    return wrapped.localizedDescription
}
