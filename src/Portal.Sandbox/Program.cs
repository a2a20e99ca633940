using Portal.Sandbox;

return SandboxMain.Run(Console.In, Console.Out);
