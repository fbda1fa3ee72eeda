import CSECommandLine

await CSECommand.main()
