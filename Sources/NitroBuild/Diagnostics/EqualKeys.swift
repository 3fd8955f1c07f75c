/// The indices of `keys` that share a key with another index: one group per repeated key, groups
/// in plain UTF-8 order of their key, each group's indices ascending. `nil` keys take part in no
/// group.
///
/// The clash checks of a build (file names, task symbols, `TaskName` constants) run on every task
/// of a project: sorting indices by key needs two small arrays where a table of every key would
/// hold 100,000 entries and as many arrays.
package func groupsOfEqualKeys(_ keys: [String?]) -> [(key: String, indices: [Int])] {
    let order = keys.indices.filter { keys[$0] != nil }.sorted { utf8Less(keys[$0]!, keys[$1]!) }  // stable
    var groups: [(key: String, indices: [Int])] = []
    var start = 0
    while start < order.count {
        var end = start + 1
        while end < order.count && keys[order[end]] == keys[order[start]] { end += 1 }
        if end - start > 1 { groups.append((keys[order[start]]!, Array(order[start..<end]))) }
        start = end
    }
    return groups
}
