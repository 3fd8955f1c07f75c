import Foundation
import NitroCLI

exit(await NitroCLI.main(Array(CommandLine.arguments.dropFirst())))
