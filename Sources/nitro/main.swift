import Foundation
import NitroCLI

let arguments = Array(CommandLine.arguments.dropFirst())
// `build`, `cron`, `schedule` and help finish here, on the main thread; only `dev` and `task`
// go on to the concurrency runtime.
if let status = NitroCLI.mainSynchronously(arguments) { exit(status) }
exit(await NitroCLI.main(arguments))
