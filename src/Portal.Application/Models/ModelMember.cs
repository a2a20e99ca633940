namespace Portal.Application.Models;

/// <summary>One model file of a submission: its name as uploaded, where it is stored (a file, or an entry of the stored zip) and its weight in the soft vote.</summary>
public sealed record ModelMember(string Name, string Key, string? Entry, double Weight);
