import IkametCLI

IkametCommand.runMain()
