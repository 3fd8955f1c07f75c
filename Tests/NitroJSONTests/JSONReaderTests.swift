import NitroJSON
import Testing

@Suite struct JSONReaderTests {
    @Test func readsEveryKindOfValue() throws {
        let value = try JSONReader.parse(#"{"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "d\n\u00e9\ud83d\ude00"}}"#)
        #expect(value == ["a": [1, -2.5, 300, true, false, nil], "b": ["c": "d\né😀"]])
    }

    @Test(arguments: [
        ("{", 1, 2, "unexpected end of input"),
        ("[1,]", 1, 4, "unexpected character; expected a value"),
        ("{\"a\" 1}", 1, 6, "expected ':' after an object key"),
        ("\n  tru", 2, 3, "unexpected end of input"),
        ("01", 1, 1, "leading zeros are not allowed in numbers"),
        ("\"a\\x\"", 1, 3, "invalid escape sequence"),
        ("1 2", 1, 3, "unexpected text after the JSON value"),
        ("{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}'"),
        ("\"\\ud800\"", 1, 8, "lone high surrogate in \\u escape"),
        ("1e999", 1, 1, "number out of range"),
    ])
    func reportsWhereItFails(input: String, line: Int, column: Int, message: String) {
        do {
            _ = try JSONReader.parse(input)
            Issue.record("expected an error for \(input)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.message.hasPrefix(message))
        }
    }

    @Test func rejectsMalformedUTF8() {
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }
    }

    @Test func limitsNestingInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(deep) }
        let fine = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect((try? JSONReader.parse(fine)) != nil)
        let over = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(throws: JSONSyntaxError(line: 1, column: 129, message: "nesting is deeper than 128 levels")) {
            try JSONReader.parse(over)
        }
    }

    @Test func lastDuplicateKeyWins() throws {
        #expect(try JSONReader.parse(#"{"a":1,"a":2}"#) == ["a": 2])
    }
}

@Suite struct JSONWriterTests {
    @Test func compactSortsKeysByScalarValue() {
        let value: JSONValue = ["b": 1, "a": [true, nil], "B": "x", "é": 0.5, "a/b": "c/d"]
        #expect(JSONWriter.compact(value) == #"{"B":"x","a":[true,null],"a/b":"c/d","b":1,"é":0.5}"#)
    }

    @Test func prettyIndentsWithTwoSpacesAndEndsWithANewline() {
        let value: JSONValue = ["crons": [], "triggers": ["crons": ["* * * * *"]], "empty": [:]]
        #expect(
            JSONWriter.pretty(value) == """
                {
                  "crons": [],
                  "empty": {},
                  "triggers": {
                    "crons": [
                      "* * * * *"
                    ]
                  }
                }

                """)
    }

    /// Expected texts are what node prints for `JSON.stringify(number)`.
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (3, "3"), (-42, "-42"), (0.5, "0.5"), (100, "100"), (123.456, "123.456"),
        (0.1 + 0.2, "0.30000000000000004"), (4.35, "4.35"), (-1.5, "-1.5"),
        (0x1p53, "9007199254740992"), (0x1p53 + 2, "9007199254740994"),
        (1e20, "100000000000000000000"), (1.2345678901234568e20, "123456789012345680000"),
        (1e21, "1e+21"), (1.5e21, "1.5e+21"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (0.000001, "0.000001"), (0.0000015, "0.0000015"), (1e-7, "1e-7"), (-1e-7, "-1e-7"), (1.5e-7, "1.5e-7"),
        (1.23e-18, "1.23e-18"), (.leastNonzeroMagnitude, "5e-324"),
        (.infinity, "null"), (-.infinity, "null"), (.nan, "null"),
    ])
    func formatsNumbersLikeJavaScript(number: Double, text: String) {
        #expect(JSONWriter.formatNumber(number) == text)
    }

    @Test func escapesOnlyWhatJSONRequires() {
        #expect(JSONWriter.compact("a\"b\\c\n\t\u{01}é/") == #""a\"b\\c\n\t\u0001é/""#)
    }

    @Test func roundTrips() throws {
        let value: JSONValue = ["k": ["nested": [1, 2.25, "three", nil, false]], "s": "\u{2028}"]
        #expect(try JSONReader.parse(JSONWriter.compact(value)) == value)
        #expect(try JSONReader.parse(JSONWriter.pretty(value)) == value)
    }
}

@Suite struct JSONValueTests {
    struct User: Codable, Equatable {
        var name: String
        var age: Int
    }

    @Test func encodesAndDecodesCodableValues() throws {
        let value = try JSONValue(encoding: User(name: "ada", age: 36))
        #expect(value == ["name": "ada", "age": 36])
        #expect(try value.decode(User.self) == User(name: "ada", age: 36))
    }

    @Test func accessorsReadMembersAndElements() {
        var value: JSONValue = ["n": 3, "list": ["x"], "flag": true]
        #expect(value["n"]?.intValue == 3)
        #expect(value["list"]?[0]?.stringValue == "x")
        #expect(value["flag"]?.boolValue == true)
        #expect(value["missing"] == nil)
        value["n"] = 4.5
        #expect(value["n"]?.intValue == nil)
        #expect(value["n"]?.doubleValue == 4.5)
    }
}
