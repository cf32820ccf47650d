import Foundation
import Testing
import TestSupport

@Suite("kbench audit against a kbench broker", .serialized)
struct AuditCommandTests {
    @Test("two producers with different partitioners on one topic: the audit says MIXED")
    func mixed() throws {
        let broker = try BackgroundKBench(["broker", "--brokers", "1", "--topic", "events:8"])
        let bootstrap = try broker.firstLine()
        for (spec, partitioner) in [("seq:user-:800", "java"), ("seq:acct-:400", "consistent")] {
            let produce = try KBenchExecutable.run(["produce", "--bootstrap", bootstrap, "--topic", "events", "--generate", spec, "--partitioner", partitioner, "--format", "json"])
            #expect(produce.status == 0, "\(produce.err)")
        }
        let audit = try KBenchExecutable.run(["audit", "--bootstrap", bootstrap, "--topic", "events", "--format", "json"])
        #expect(audit.status == 0, "\(audit.err)")
        #expect(audit.out.contains("\"mixed\""))
        #expect(audit.out.contains("MIXED: java"))
        let strict = try KBenchExecutable.run(["audit", "--bootstrap", bootstrap, "--topic", "events", "--fail-on-mixed"])
        #expect(strict.status == 1)
        #expect(strict.err.contains("MIXED"))
        broker.signal(SIGTERM)
        #expect(try broker.waitForExit() == 0)
    }
}
