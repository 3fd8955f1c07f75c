import Testing

@testable import NitroTasksRedis

@Suite(.timeLimit(.minutes(3))) struct RESPTests {
    @Test func encodesACommandAsAnArrayOfBulkStrings() {
        #expect(
            String(decoding: RESPValue.command(["SET", "k", "vä", "NX"]), as: UTF8.self)
                == "*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nvä\r\n$2\r\nNX\r\n")
    }

    @Test func readsEveryKindWhetherBytesArriveAtOnceOrOneByOne() throws {
        let wire = Array("+OK\r\n-ERR wrong\r\n:42\r\n$3\r\nfoo\r\n$-1\r\n*2\r\n:1\r\n*1\r\n$0\r\n\r\n*-1\r\n".utf8)
        let expected: [RESPValue] = [
            .simple("OK"), .error("ERR wrong"), .integer(42), .bulk(Array("foo".utf8)), .bulk(nil),
            .array([.integer(1), .array([.bulk([])])]), .array(nil),
        ]
        var atOnce = RESPReader()
        atOnce.append(wire)
        var values: [RESPValue] = []
        while let value = try atOnce.next() { values.append(value) }
        #expect(values == expected)

        var trickle = RESPReader()
        values = []
        for byte in wire {
            trickle.append([byte])
            while let value = try trickle.next() { values.append(value) }
        }
        #expect(values == expected)
    }

    @Test func rejectsWhatIsNotRESP() {
        for bad in [
            "?x\r\n", ":12a\r\n", "$-2\r\n", "$3\r\nfooXY", "+OK\n", "*99999999\r\n", String(repeating: "*1\r\n", count: 40) + ":1\r\n",
        ] {
            var reader = RESPReader()
            reader.append(Array(bad.utf8))
            #expect(throws: RESPFormatError.self, "\(bad.debugDescription)") {
                while try reader.next() != nil {}
            }
        }
    }
}

@Suite(.timeLimit(.minutes(3))) struct RedisURLTests {
    @Test func readsEveryPartOfTheURL() throws {
        #expect(try RedisURL("redis://127.0.0.1") == RedisURL(host: "127.0.0.1", port: 6379))
        #expect(try RedisURL("redis://cache.internal:6380/3") == RedisURL(host: "cache.internal", port: 6380, database: 3))
        #expect(try RedisURL("redis://:s%40cret@h:1") == RedisURL(host: "h", port: 1, password: "s@cret"))
        #expect(try RedisURL("redis://alice:pw@h") == RedisURL(host: "h", user: "alice", password: "pw"))
        #expect(try RedisURL("redis://pw@h") == RedisURL(host: "h", password: "pw"))
        #expect(try RedisURL("REDIS://[::1]:7000/0?timeout=1") == RedisURL(host: "::1", port: 7000))
        #expect(try RedisURL.fromEnvironment(["REDIS_URL": "redis://r:1/2"]) == RedisURL(host: "r", port: 1, database: 2))
        #expect(try RedisURL.fromEnvironment([:]) == nil)
        #expect(RedisURL(host: "h", user: "alice", password: "pw").description == "redis://alice:***@h:6379/0")
    }

    @Test func explainsWhatIsWrong() {
        let cases = [
            ("http://h", "it must start with redis://"),
            ("rediss://h", "TLS (rediss://) is not supported"),
            ("redis://", "the host is missing"),
            ("redis://h:0", "the port '0' is not a number from 1 to 65535"),
            ("redis://h:x", "the port 'x'"),
            ("redis://h/db", "the database 'db' is not a number"),
            ("redis://[::1", "closing ]"),
            ("redis://:a%4@h", "two hex digits"),
        ]
        for (text, message) in cases {
            #expect(RedisURL.error(text).contains(message), "\(text): \(RedisURL.error(text))")
        }
    }
}

extension RedisURL {
    static func error(_ text: String) -> String {
        do {
            _ = try RedisURL(text)
            return "no error"
        } catch {
            return error.description
        }
    }
}
