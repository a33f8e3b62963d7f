import IkametCLI

IkametCommand.main()
