#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time (user + system) of this whole process so far, from `getrusage(RUSAGE_SELF)`: every
/// thread counts, so around a producer run it includes librdkafka's threads, the end-to-end
/// consumers and, on the embedded cluster, the mock brokers' threads, which run in the process.
package enum ProcessCPUTime {
    /// Seconds of CPU the process has used.
    package static func seconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
