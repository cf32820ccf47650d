/// `logs`: a service's log stream — Spring-Boot-style application lines (level, pid, thread,
/// logger, message; errors with an exception) interleaved with combined-format HTTP access
/// lines.
enum LogLineCorpus {
    static let levels = ["INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR"]
    static let loggers = [
        "c.e.shop.web.OrderController", "c.e.shop.service.OrderService", "c.e.shop.service.PaymentClient",
        "c.e.shop.repo.InventoryRepository", "o.a.k.clients.producer.KafkaProducer", "c.e.shop.cache.SessionCache",
        "o.s.web.servlet.DispatcherServlet", "c.z.hikari.pool.HikariPool",
    ]
    static let messages = [
        "Order %o created for customer %c (%n items, %m EUR) in %t ms",
        "Payment authorised for order %o via provider=stripe in %t ms",
        "Reserved %n units of SKU-%s for order %o",
        "Cache miss for session s-%h, loading from store",
        "Completed request GET /api/v1/orders/%o in %t ms",
        "Sent %n records to topic orders-v2 partition %p",
        "Retrying inventory call for SKU-%s (attempt %n of 3)",
        "Connection pool stats: active=%n, idle=%p, waiting=0",
    ]
    static let exceptions = [
        "java.net.SocketTimeoutException: Read timed out",
        "org.springframework.dao.DataIntegrityViolationException: duplicate key value violates unique constraint \"orders_pkey\"",
        "java.lang.IllegalStateException: Inventory for SKU-%s is negative",
        "org.apache.kafka.common.errors.TimeoutException: Expiring 3 record(s) for orders-v2-%p: 120001 ms has passed since batch creation",
    ]
    static let methods = ["GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE"]
    static let routes = ["/api/v1/orders/%o", "/api/v1/products/%s", "/api/v1/cart", "/api/v1/search?q=shoes&page=%n", "/health", "/static/app.%h.js", "/api/v1/customers/%c/addresses"]
    static let statuses = [200, 200, 200, 200, 200, 200, 201, 204, 304, 400, 404, 500, 503]
    static let agents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        "okhttp/4.12.0", "kube-probe/1.28", "curl/8.4.0",
    ]

    static func record(_ state: inout CorpusState) -> [UInt8] {
        var w = RecordWriter(capacity: 320)
        let timestamp = state.tick(maximumStep: 12)
        if state.random.nextBool(probability: 0.4) {
            access(timestamp, &w, &state)
        } else {
            application(timestamp, &w, &state)
        }
        return w.bytes
    }

    static func application(_ timestamp: Int64, _ w: inout RecordWriter, _ state: inout CorpusState) {
        let level = state.random.pick(levels)
        w.isoTimestamp(milliseconds: timestamp)
        w.text(level.count == 4 ? "  " : " "); w.text(level)
        w.text(" 1 --- [nio-8080-exec-"); w.decimal(1 + state.random.next(below: 10))
        w.text("] "); w.text(state.random.pick(loggers)); w.text(" : ")
        if level == "ERROR" {
            w.text("Request failed: ")
            fill(state.random.pick(exceptions), &w, &state)
        } else {
            fill(state.random.pick(messages), &w, &state)
        }
        if state.random.nextBool(probability: 0.5) {
            w.text(" trace_id="); w.hex(state.random.next(), digits: 16); w.hex(state.random.next(), digits: 16)
        }
    }

    static func access(_ timestamp: Int64, _ w: inout RecordWriter, _ state: inout CorpusState) {
        w.text("10."); w.decimal(state.random.next(below: 4)); w.text(".")
        w.decimal(state.random.next(below: 256)); w.text("."); w.decimal(1 + state.skewed(254))
        w.text(" - - ["); w.accessLogTimestamp(milliseconds: timestamp); w.text("] \"")
        w.text(state.random.pick(methods)); w.text(" ")
        fill(state.random.pick(routes), &w, &state)
        w.text(" HTTP/1.1\" "); w.decimal(state.random.pick(statuses)); w.text(" ")
        w.decimal(state.skewed(40_000)); w.text(" \"-\" \"")
        w.text(state.random.pick(agents)); w.text("\" rt=")
        w.fixed(1 + state.skewed(2000), places: 3)
    }

    /// Writes `template`, replacing `%o` order, `%c` customer, `%n` small count, `%m` money,
    /// `%t` milliseconds, `%s` SKU, `%h` hex id, `%p` partition.
    static func fill(_ template: String, _ w: inout RecordWriter, _ state: inout CorpusState) {
        var pendingPercent = false
        for byte in template.utf8 {
            if pendingPercent {
                pendingPercent = false
                switch byte {
                case UInt8(ascii: "o"): w.decimal(10_000_000 + state.random.next(below: 90_000_000))
                case UInt8(ascii: "c"): w.decimal(100_000 + state.skewed(250_000))
                case UInt8(ascii: "n"): w.decimal(1 + state.skewed(12))
                case UInt8(ascii: "m"): w.fixed(199 + state.random.next(below: 60_000), places: 2)
                case UInt8(ascii: "t"): w.decimal(1 + state.skewed(900))
                case UInt8(ascii: "s"): w.decimal(10_000 + state.skewed(40_000), width: 6)
                case UInt8(ascii: "h"): w.hex(state.random.next(), digits: 8)
                case UInt8(ascii: "p"): w.decimal(state.random.next(below: 12))
                default: w.byte(UInt8(ascii: "%")); w.byte(byte)
                }
            } else if byte == UInt8(ascii: "%") {
                pendingPercent = true
            } else {
                w.byte(byte)
            }
        }
    }
}
