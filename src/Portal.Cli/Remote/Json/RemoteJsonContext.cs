using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Cli.Remote.Json;

/// <summary>
/// Source-generated readers of what the portal's API answers and of the config file, with the web defaults the API
/// writes with (camelCase, read case-insensitively); comments and trailing commas are allowed for the hand-written config.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(RemoteAccepted))]
[JsonSerializable(typeof(RemoteSubmission))]
[JsonSerializable(typeof(List<RemoteSubmission>))]
[JsonSerializable(typeof(RemoteLeaderboard))]
[JsonSerializable(typeof(RemoteTrainingRun))]
[JsonSerializable(typeof(RemoteProblem))]
[JsonSerializable(typeof(PortalConfigFile))]
internal sealed partial class RemoteJsonContext : JsonSerializerContext;
