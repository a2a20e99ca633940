namespace Portal.Cli.Remote.Json;

/// <summary>
/// One problem of a refused file: its line (1 = the header; absent when it concerns the whole file, 0 from portals
/// before that), column and sentence.
/// </summary>
internal sealed record RemoteProblemLine(int? Line, string? Column, string? Code, string? Message);
