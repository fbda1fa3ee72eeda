import CSECommandLine

CSECommand.main()
