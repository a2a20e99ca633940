return await Portal.Cli.CliApp.RunAsync(args, Console.Out, Console.Error);
