import NitroJSON
import Testing

@testable import NitroBuild

@Suite("Presets: wrangler.jsonc and wrangler.toml readers")
struct PresetReaderTests {
    func toml(_ text: String) throws(TOMLReader.Failure) -> JSONValue {
        try TOMLReader.read(Array(text.utf8)).value
    }

    func tomlFailure(_ text: String) -> (line: Int, column: Int, message: String)? {
        do {
            _ = try TOMLReader.read(Array(text.utf8))
            return nil
        } catch {
            let (line, column) = LineIndex(Array(text.utf8)).position(of: error.offset)
            return (line, column, error.message)
        }
    }

    @Test("JSONC: comments and trailing commas are blanked; positions stay those of the file")
    func jsonc() throws {
        let text = """
            // head
            {
              "a": 1, /* inline */ "b": [1, 2,],
              "c": { "d": "// not a comment", },
              "e": "/* nor this */",
            }
            """
        let (value, offsets) = try JSONCReader.read(Array(text.utf8))
        #expect(value == ["a": 1, "b": [1, 2], "c": ["d": "// not a comment"], "e": "/* nor this */"])
        let index = LineIndex(Array(text.utf8))
        #expect(index.position(of: offsets["c"]!) == (4, 3))
        #expect(offsets["d"] == nil)

        do {
            _ = try JSONCReader.read(Array("{\n  \"a\": 1\n  \"b\": 2\n}".utf8))
            Issue.record("accepted a missing comma")
        } catch {
            #expect((error.line, error.column) == (3, 3))
        }
        do {
            _ = try JSONCReader.read(Array("{ /* open".utf8))
            Issue.record("accepted an open comment")
        } catch {
            #expect(error.message.contains("never closed"))
        }
    }

    @Test("TOML: tables, arrays of tables, dotted and quoted keys, every string and number form")
    func tomlValues() throws {
        let value = try toml(
            """
            # comment
            name = "w" # trailing
            "quoted key" = 'lit\\eral'
            site.bucket = "./public"
            numbers = [ 1_000, 0x1F, 0o17, 0b101, -3, +4, 1.5, 2e3, ]
            flags = [
              true,   # first
              false,
            ]
            inline = { a = 1, b.c = "x" }
            multi = \"\"\"
            one \\
              two\"\"\"
            raw = '''
            keep \\n as is'''
            esc = "tab\\t\\u00e9\\U0001F680"

            [triggers]
            crons = ["0 * * * *"]

            [[d1_databases]]
            binding = "DB"

            [[d1_databases]]
            binding = "DB2"

            [env.staging.vars]
            X = "1"
            """)
        #expect(
            value == [
                "name": "w", "quoted key": "lit\\eral", "site": ["bucket": "./public"],
                "numbers": [1000, 31, 15, 5, -3, 4, 1.5, 2000], "flags": [true, false],
                "inline": ["a": 1, "b": ["c": "x"]], "multi": "one two", "raw": "keep \\n as is",
                "esc": "tab\t\u{e9}\u{1F680}", "triggers": ["crons": ["0 * * * *"]],
                "d1_databases": [["binding": "DB"], ["binding": "DB2"]], "env": ["staging": ["vars": ["X": "1"]]],
            ])
        let offsets = try TOMLReader.read(Array("a = 1\n\n[env.x]\ny = 2\n".utf8)).keyOffsets
        #expect(offsets == ["a": 0, "env": 7])
    }

    @Test("TOML beyond the subset or invalid: an error at the place, dates say to convert")
    func tomlErrors() {
        let date = tomlFailure("a = 1\nwhen = 1979-05-27\n")
        #expect(date?.line == 2)
        #expect(date?.column == 8)
        #expect(date?.message.contains("convert this file to wrangler.json") == true)
        #expect(tomlFailure("x = inf")?.message.contains("convert") == true)
        #expect(tomlFailure("a = 1\na = 2")?.message.contains("defined twice") == true)
        #expect(tomlFailure("[t]\n[t]")?.message.contains("defined twice") == true)
        #expect(tomlFailure("a = 1\n[a]")?.message.contains("already a value") == true)
        #expect(tomlFailure("a = \"open")?.message.contains("never closed") == true)
        #expect(tomlFailure("a = [1 2]")?.message.contains("`,` or `]`") == true)
        #expect(tomlFailure("a = { b = 1,\n c = 2 }") != nil)
        #expect(tomlFailure("a = 1 b = 2")?.message.contains("end of the line") == true)
        #expect(tomlFailure("a = 007")?.message.contains("not a value") == true)
        #expect(tomlFailure("= 1")?.message.contains("expected a key") == true)
        #expect(tomlFailure("a = \"\\q\"")?.message.contains("unknown escape") == true)
    }

    @Test("a wrangler file of any format reads into members with key places")
    func wranglerFile() {
        let json = WranglerFile.read(SourceFile(path: "wrangler.jsonc", text: "{\n  // c\n  \"env\": {}\n}"))
        #expect(json.file?.location(of: "env").description == "wrangler.jsonc:3:3")
        let toml = WranglerFile.read(SourceFile(path: "wrangler.toml", text: "name = \"x\"\n[env.a]\n"))
        #expect(toml.file?.location(of: "env").description == "wrangler.toml:2:1")
        let array = WranglerFile.read(SourceFile(path: "wrangler.json", text: "[1]"))
        #expect(array.error?.description == "wrangler.json:1:1: error: a wrangler configuration must be an object")
        let broken = WranglerFile.read(SourceFile(path: "wrangler.json", text: "{\n  \"a\": }"))
        #expect(broken.error?.location?.description == "wrangler.json:2:8")
    }
}
