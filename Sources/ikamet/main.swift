import Foundation
import IkametCore
import IkametData

// Temporary entry point until the CLI (issue 3) lands: prints the deadline list of a
// caseload file given as the first argument.
print("ikamet: the CLI and TUI are not built yet; see README.md.")
