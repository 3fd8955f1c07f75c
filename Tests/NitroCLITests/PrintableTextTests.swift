import NitroBuild
import Testing

/// ``PrintableText``: what is escaped in diagnostics, in which form, and that escaping twice
/// changes nothing (Docs/Diagnostics.md, "How names are printed").
@Suite("Printable text")
struct PrintableTextTests {
    @Test(
        "each kind of character is escaped in its form",
        arguments: [
            ("a.swift\n/x.swift:1:1: error: fake", #"a.swift\x0A/x.swift:1:1: error: fake"#),
            ("tab\there\r", #"tab\x09here\x0D"#),
            ("\u{0}\u{1B}[31m\u{7F}", #"\x00\x1B[31m\x7F"#),
            ("c1 \u{80}\u{85}\u{9F}", #"c1 \u{0080}\u{0085}\u{009F}"#),
            ("bidi \u{202A}\u{202B}\u{202C}\u{202D}\u{202E}", #"bidi \u{202A}\u{202B}\u{202C}\u{202D}\u{202E}"#),
            ("isolates \u{2066}\u{2067}\u{2068}\u{2069}", #"isolates \u{2066}\u{2067}\u{2068}\u{2069}"#),
            ("marks \u{200E}\u{200F}\u{061C}", #"marks \u{200E}\u{200F}\u{061C}"#),
            ("separators \u{2028}\u{2029}", #"separators \u{2028}\u{2029}"#),
        ])
    func escapes(_ text: String, _ expected: String) async {
        #expect(PrintableText.escape(text) == expected)
        #expect(PrintableText.escape(expected) == expected, "escaping twice changes it")
        #expect(!PrintableText.escape(text).unicodeScalars.contains(where: PrintableText.needsEscape))
    }

    @Test("printable text, a backslash and other Unicode are left alone")
    func leavesTheRest() async {
        for text in [#"let s = "\(name)\n""#, "café 東京 🙂", "no\u{A0}break", "zero\u{200B}width", "émoji\u{FE0F}"] {
            #expect(PrintableText.escape(text) == text)
        }
    }

    @Test("bytes that are not UTF-8 are shown as \\xHH; the rest of the name decoded and escaped")
    func bytes() async {
        #expect(PrintableText.escape(bytes: [0x66, 0xFF, 0x2E, 0x73, 0x77, 0x69, 0x66, 0x74]) == #"f\xFF.swift"#)
        #expect(PrintableText.escape(bytes: Array("café".utf8)) == "café")
        #expect(PrintableText.escape(bytes: [0x62, 0xC3, 0x28]) == #"b\xC3("#)
        #expect(PrintableText.escape(bytes: [0xED, 0xA0, 0x80]) == #"\xED\xA0\x80"#)  // a surrogate
        #expect(PrintableText.escape(bytes: [0xC0, 0xAF]) == #"\xC0\xAF"#)  // overlong
        #expect(PrintableText.escape(bytes: [0x0A, 0xE2, 0x80, 0xAE]) == #"\x0A\u{202E}"#)
    }
}
