import Foundation
import Testing

@testable import NitroJSON

@Suite struct JSONValueConvertibleTests {
    @Test func standardTypesHaveTheirJSONForm() {
        let name = "ada", count = 3, ratio = 2.5, flag = true, small: Int8 = -4, big: UInt64 = 1 << 40
        #expect(JSONValue(name) == "ada")
        #expect(JSONValue(name.dropFirst()) == "da")
        #expect(JSONValue(count) == 3)
        #expect(JSONValue(ratio) == 2.5)
        #expect(JSONValue(flag) == true)
        #expect(JSONValue(small) == -4)
        #expect(JSONValue(big) == .number(1_099_511_627_776))
        #expect(JSONValue([1, 2, 3]) == [1, 2, 3])
        #expect(JSONValue(["a": [true], "b": []]) == ["a": [true], "b": []])
        #expect(JSONValue(["user": name, "count": count] as [String: any JSONValueConvertible]) == ["user": "ada", "count": 3])
        #expect(JSONValue([name, count] as [any JSONValueConvertible]) == ["ada", 3])
        let missing: String? = nil
        #expect(JSONValue(missing) == .null)
        #expect(JSONValue([missing, "x"]) == [nil, "x"])
        #expect(JSONValue(JSONValue.object(["k": 1])) == ["k": 1])
    }

    @Test func floatsKeepTheirShortestTextAndNonFiniteNumbersAreNull() {
        #expect(JSONValue(Float(0.1)) == 0.1)
        #expect(JSONValue(Float(16_777_216)) == 16_777_216)
        #expect(JSONValue(Double.nan) == .null)
        #expect(JSONValue(-Double.infinity) == .null)
        #expect(JSONValue(Float.infinity) == .null)
    }

    @Test func jsonValueCasesStillWorkWhereAConvertibleValueIsExpected() {
        let ms = 1_717_405_200_000.0
        let values: [String: any JSONValueConvertible] = [
            "scheduledTime": .number(ms), "note": .null, "flag": .bool(true), "text": .string("t"),
            "list": .array([1, "two"]), "nested": .object(["limit": 10, "mode": "fast"]),
        ]
        #expect(
            JSONValue(values)
                == [
                    "scheduledTime": 1_717_405_200_000, "note": nil, "flag": true, "text": "t", "list": [1, "two"],
                    "nested": ["limit": 10, "mode": "fast"],
                ])
        let limit = 10, mode = "fast", name = "ada"
        let existing: [String: JSONValue] = ["k": 1]
        let nested: [String: any JSONValueConvertible] = [
            "options": .object(["limit": limit, "mode": mode, "deeper": .object(["name": name, "n": 2])]),
            "pair": .array([name, 3]), "existing": .object(existing),
        ]
        #expect(
            JSONValue(nested)
                == [
                    "options": ["limit": 10, "mode": "fast", "deeper": ["name": "ada", "n": 2]], "pair": ["ada", 3],
                    "existing": ["k": 1],
                ])
        // Where the context is JSONValue itself, its own cases are chosen (no ambiguity).
        let direct: JSONValue = .number(1)
        #expect(direct == 1)
    }

    @Test func datesAreISO8601TextInEncodingAndDecoding() throws {
        let date = Date(timeIntervalSince1970: 1_769_851_800.25)
        #expect(JSONValue(date) == "2026-01-31T09:30:00.250Z")
        struct Event: Codable, Equatable {
            var at: Date
            var dates: [Date]
        }
        let encoded = try JSONValue(encoding: Event(at: date, dates: [Date(timeIntervalSince1970: 0)]))
        #expect(encoded == ["at": "2026-01-31T09:30:00.250Z", "dates": ["1970-01-01T00:00:00.000Z"]])
        #expect(try JSONValue(encoding: date) == "2026-01-31T09:30:00.250Z")
        #expect(try encoded.decode(Event.self) == Event(at: date, dates: [Date(timeIntervalSince1970: 0)]))
        // Offsets, date-only text and milliseconds since 1970 (JavaScript's Date.now()) decode too.
        let other: JSONValue = ["at": "2026-01-31T11:30:00.25+02:00", "dates": ["2026-01-31", 1_769_851_800_250]]
        #expect(
            try other.decode(Event.self)
                == Event(
                    at: date,
                    dates: [Date(timeIntervalSince1970: 1_769_817_600), Date(timeIntervalSince1970: 1_769_851_800.25)]))
        let notADate: JSONValue = ["at": "yesterday", "dates": []]
        #expect(throws: DecodingError.self) { try notADate.decode(Event.self) }
        let notText: JSONValue = ["at": true, "dates": []]
        #expect(throws: DecodingError.self) { try notText.decode(Event.self) }
    }

    @Test func dateValueReadsTextAndMilliseconds() {
        #expect(JSONValue("2026-01-31T09:30:00Z").dateValue == Date(timeIntervalSince1970: 1_769_851_800))
        #expect(JSONValue(1_769_851_800_000).dateValue == Date(timeIntervalSince1970: 1_769_851_800))
        #expect(JSONValue("soon").dateValue == nil)
        #expect(JSONValue(true).dateValue == nil)
    }
}

@Suite struct ISO8601TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (-0.001, "1969-12-31T23:59:59.999Z"),
        (951_782_400, "2000-02-29T00:00:00.000Z"),
        (1_769_851_800.1234, "2026-01-31T09:30:00.123Z"),
        (59.9996, "1970-01-01T00:01:00.000Z"),
        (253_402_300_799.999, "9999-12-31T23:59:59.999Z"),
        (253_402_300_800, "+010000-01-01T00:00:00.000Z"),
        (-62_167_219_200, "0000-01-01T00:00:00.000Z"),
        (-62_167_219_200.001, "-000001-12-31T23:59:59.999Z"),
        (8.64e12, "+275760-09-13T00:00:00.000Z"),
        (1e20, "+275760-09-13T00:00:00.000Z"),
    ])
    func formatsAsJavaScriptsToISOString(seconds: Double, text: String) {
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func readsBackWhatItWritesForManyInstants() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let milliseconds = Int64(bitPattern: state >> 1) % 400_000_000_000_000
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = ISO8601Timestamp.format(date)
            #expect(ISO8601Timestamp.parse(text).map(ISO8601Timestamp.format) == text, "\(milliseconds)")
        }
    }

    @Test(arguments: [
        ("2026-01-31T09:30:00Z", 1_769_851_800.0),
        ("2026-01-31t09:30:00z", 1_769_851_800),
        ("2026-01-31 09:30:00Z", 1_769_851_800),
        ("2026-01-31T09:30Z", 1_769_851_800),
        ("2026-01-31T09:30:00", 1_769_851_800),
        ("2026-01-31T10:30:00+01:00", 1_769_851_800),
        ("2026-01-31T04:00:00-0530", 1_769_851_800),
        ("2026-01-31T11:30:00+02", 1_769_851_800),
        ("2026-01-31T09:30:00.5Z", 1_769_851_800.5),
        ("2026-01-31T09:30:00,25Z", 1_769_851_800.25),
        ("2026-01-31", 1_769_817_600),
        ("+010000-01-01T00:00:00.000Z", 253_402_300_800),
        ("2024-02-29", 1_709_164_800),
    ])
    func parsesTheAcceptedForms(text: String, seconds: Double) {
        #expect(ISO8601Timestamp.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: [
        "", "2026", "2026-1-31", "2026-13-01", "2026-02-29", "2025-04-31", "2026-01-31T24:00Z", "2026-01-31T09:60Z",
        "2026-01-31T09:30:60Z", "2026-01-31T09:30:00.Z", "2026-01-31T09:30:00+1", "2026-01-31T09:30:00+01:60",
        "2026-01-31T09:30:00Z ", " 2026-01-31", "2026-01-31T", "10000-01-01", "+275761-01-01", "now",
    ])
    func rejectsOtherText(text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }
}
