import NitroTasks

let slashes = /\/*/
let quoted = /"(?<name>[^"]+)"/
let tripleQuote = /"""/
let half = 10 / 2 / 1
let ratio = half/2

let split = defineTask(meta: TaskMeta(name: "text:split", description: "Splits at slashes")) { event in
    let parts = "a//b///c".split(separator: slashes)
    return TaskResult(result: "\(parts.count) \([4, 2].reduce(64, /)) \(ratio)")
}
