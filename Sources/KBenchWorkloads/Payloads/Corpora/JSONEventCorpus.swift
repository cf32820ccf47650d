/// `json`: clickstream and order events as a web shop's backend would publish them.
///
/// Every event has an id (UUID), a type, an ISO timestamp, a user object, a session, a device
/// object and a page; each type adds its own properties (a cart line, an order with 1–5 items,
/// a search query, a login method…). Optional fields come and go, as in real schemas.
enum JSONEventCorpus {
    static let types = ["page_view", "page_view", "page_view", "add_to_cart", "search", "purchase", "login", "logout"]
    static let countries = ["DE", "US", "FR", "GB", "NL", "SE", "JP", "BR", "IN", "CA", "ES", "IT"]
    static let tiers = ["free", "free", "free", "silver", "gold", "platinum"]
    static let operatingSystems = ["ios", "android", "web", "web", "macos", "windows"]
    static let appVersions = ["5.12.1", "5.12.0", "5.11.4", "6.0.0-beta.2", "5.10.9"]
    static let paths = ["/", "/cart", "/checkout", "/search", "/product", "/product", "/product", "/account", "/help/shipping", "/category/shoes", "/category/outdoor"]
    static let referrers = ["https://www.google.com/", "https://www.bing.com/", "https://t.co/", "https://news.example.org/deals", "android-app://com.google.android.gm/"]
    static let currencies = ["EUR", "EUR", "USD", "GBP", "SEK", "JPY"]
    static let queries = ["running shoes", "red dress", "usb-c charger", "tent 4 person", "gift for dad", "wireless earbuds", "yoga mat", "winter jacket men", "coffee grinder"]
    static let loginMethods = ["password", "google", "apple", "sso", "magic_link"]
    static let coupons = ["WELCOME10", "SPRING24", "FREESHIP", "VIP15"]
    static let campaigns = ["newsletter_2023_11", "black_friday", "retargeting_a", "brand_search"]

    static func record(_ state: inout CorpusState) -> [UInt8] {
        var w = RecordWriter(capacity: 768)
        let type = state.random.pick(types)
        let timestamp = state.tick()
        w.text(#"{"event_id":""#); w.uuid(&state.random)
        w.text(#"","type":""#); w.text(type)
        w.text(#"","ts":""#); w.isoTimestamp(milliseconds: timestamp)
        w.text(#"","user":{"id":"#); w.decimal(100_000 + state.skewed(250_000))
        w.text(#","country":""#); w.text(state.random.pick(countries))
        w.text(#"","tier":""#); w.text(state.random.pick(tiers)); w.text(#"""#)
        if state.random.nextBool(probability: 0.3) {
            w.text(#","email_verified":"#); w.text(state.random.nextBool(probability: 0.8) ? "true" : "false")
        }
        w.text(#"},"session_id":"s-"#); w.hex(state.random.next(), digits: 12)
        let os = state.random.pick(operatingSystems)
        w.text(#"","device":{"os":""#); w.text(os)
        if os == "ios" || os == "android" {
            w.text(#"","app_version":""#); w.text(state.random.pick(appVersions))
        } else {
            w.text(#"","screen":""#); w.decimal(state.random.pick([1280, 1366, 1440, 1536, 1920, 2560]))
            w.text("x"); w.decimal(state.random.pick([720, 768, 900, 1080, 1440]))
        }
        w.text(#""},"page":{"path":""#)
        let path = state.random.pick(paths)
        w.text(path)
        if path == "/product" { w.text("/"); w.decimal(10_000 + state.skewed(40_000)) }
        w.text(#"""#)
        if state.random.nextBool(probability: 0.35) {
            w.text(#","referrer":""#); w.text(state.random.pick(referrers)); w.text(#"""#)
        }
        if state.random.nextBool(probability: 0.15) {
            w.text(#","utm_campaign":""#); w.text(state.random.pick(campaigns)); w.text(#"""#)
        }
        w.text(#"},"properties":{"#)
        properties(type, &w, &state)
        w.text("}}")
        return w.bytes
    }

    static func properties(_ type: String, _ w: inout RecordWriter, _ state: inout CorpusState) {
        switch type {
        case "add_to_cart":
            w.text(#""sku":"SKU-"#); w.decimal(10_000 + state.skewed(40_000), width: 6)
            w.text(#"","quantity":"#); w.decimal(1 + state.skewed(4))
            w.text(#","unit_price":"#); w.fixed(199 + state.random.next(below: 25_000), places: 2)
            w.text(#","currency":""#); w.text(state.random.pick(currencies)); w.text(#"""#)
        case "purchase":
            w.text(#""order_id":"o-"#); w.hex(state.random.next(), digits: 16)
            w.text(#"","items":["#)
            let count = 1 + state.skewed(5)
            var total = 0
            for item in 0..<count {
                if item > 0 { w.text(",") }
                let price = 199 + state.random.next(below: 25_000)
                let quantity = 1 + state.skewed(3)
                total += price * quantity
                w.text(#"{"sku":"SKU-"#); w.decimal(10_000 + state.skewed(40_000), width: 6)
                w.text(#"","qty":"#); w.decimal(quantity)
                w.text(#","price":"#); w.fixed(price, places: 2); w.text("}")
            }
            w.text(#"],"total":"#); w.fixed(total, places: 2)
            w.text(#","currency":""#); w.text(state.random.pick(currencies))
            w.text(#"","payment":""#); w.text(state.random.pick(["card", "card", "paypal", "klarna", "apple_pay"]))
            w.text(#"","coupon":"#)
            if state.random.nextBool(probability: 0.2) {
                w.text(#"""#); w.text(state.random.pick(coupons)); w.text(#"""#)
            } else {
                w.text("null")
            }
        case "search":
            w.text(#""query":""#); w.text(state.random.pick(queries))
            w.text(#"","results":"#); w.decimal(state.skewed(500))
            w.text(#","page":"#); w.decimal(1 + state.skewed(3))
        case "login":
            w.text(#""method":""#); w.text(state.random.pick(loginMethods))
            w.text(#"","success":"#); w.text(state.random.nextBool(probability: 0.93) ? "true" : "false")
        case "logout":
            w.text(#""session_seconds":"#); w.decimal(5 + state.random.next(below: 7200))
        default:
            w.text(#""duration_ms":"#); w.decimal(50 + state.skewed(30_000))
            w.text(#","scroll_depth":"#); w.fixed(state.random.next(below: 101), places: 2)
        }
    }
}
