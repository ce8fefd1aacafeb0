using EgiszBus.Host;

return await Cli.RunAsync(args);
