namespace Portal.Application.Models;

/// <summary>The arguments of a <c>RunModel</c> job, stored as its JSON payload.</summary>
public sealed record RunModelPayload(ModelRunSettings Settings, IReadOnlyList<ModelMember> Members);
