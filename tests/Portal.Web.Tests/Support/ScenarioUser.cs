namespace Portal.Web.Tests.Support;

/// <summary>A participant's account.</summary>
public sealed record ScenarioUser(string Id, string Email, string Password);
