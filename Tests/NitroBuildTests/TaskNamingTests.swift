import Testing

@testable import NitroBuild

@Suite("Task names from paths (MISSION section 3)")
struct TaskNamingTests {
    @Test(
        "path → name",
        arguments: [
            ("db/migrate.swift", "db:migrate"),
            ("a/b/c.swift", "a:b:c"),
            ("foo.bar.swift", "foo.bar"),
            ("db/index.swift", "db:index"),
            ("index.swift", "index"),
            ("cms/update.swift", "cms:update"),
            ("v1.2/sync.swift", "v1.2:sync"),
        ])
    func names(path: String, name: String) {
        #expect(TaskNaming.name(forRelativePath: path) == name)
    }

    @Test(
        "helpers start with _ or . (file or folder)",
        arguments: [
            ("_database.swift", true), ("db/_database.swift", true), (".hidden.swift", true),
            ("_shared/util.swift", true), ("db/migrate.swift", false), ("db/mi_grate.swift", false),
        ])
    func helpers(path: String, isHelper: Bool) {
        #expect(TaskNaming.isHelper(relativePath: path) == isHelper)
    }

    @Test(
        "names that cannot be task names",
        // `~ui`, `~ui/run`, `~ui:x`: the development dashboard's path segment (`/_nitro/tasks/~ui`)
        // is no task name, so the dashboard hides no task route.
        arguments: ["db::x", "my task", "a/b", "x:", ":x", "naïve", "a?b", "", "~ui", "~ui/run", "~ui:x"])
    func invalidNames(name: String) {
        #expect(TaskNaming.problem(with: name) != nil)
    }

    @Test("valid names", arguments: ["db:migrate", "a-b_c.d", "v1.2:sync", "X"])
    func validNames(name: String) {
        #expect(TaskNaming.problem(with: name) == nil)
    }

    @Test("suggested symbols for renames")
    func suggestedSymbols() {
        #expect(TaskScanner.suggestedSymbol(for: "db:migrate") == "dbMigrate")
        #expect(TaskScanner.suggestedSymbol(for: "cms:page-publish") == "cmsPagePublish")
        #expect(TaskScanner.suggestedSymbol(for: "2fa:reset") == "task2faReset")
    }
}

@Suite("Ignore globs")
struct GlobPatternTests {
    @Test(
        "matches",
        arguments: [
            ("tasks/legacy/**", "tasks/legacy/a/b.swift", true),
            ("tasks/legacy/**", "tasks/legacyx/b.swift", false),
            ("**/*.draft.swift", "tasks/db/x.draft.swift", true),
            ("*.draft.swift", "tasks/db/x.draft.swift", true),
            ("*.draft.swift", "tasks/db/x.swift", false),
            ("tasks/*/old.swift", "tasks/db/old.swift", true),
            ("tasks/*/old.swift", "tasks/db/a/old.swift", false),
            ("tasks/{a,b}/*.swift", "tasks/b/x.swift", true),
            ("tasks/{a,b}/*.swift", "tasks/c/x.swift", false),
            ("tasks/db/", "tasks/db/x.swift", true),
            ("./tasks/db/x?.swift", "tasks/db/x1.swift", true),
            ("tasks/[ab]*.swift", "tasks/beta.swift", true),
            ("tasks/[!ab]*.swift", "tasks/beta.swift", false),
        ])
    func matching(pattern: String, path: String, expected: Bool) {
        #expect(GlobPattern(pattern).matches(path) == expected)
    }
}
