return Portal.Cli.CliApp.Run(args, Console.Out, Console.Error);
