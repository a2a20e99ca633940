namespace Portal.Data.Entities;

/// <summary>A participant's membership; a participant is in at most one team per competition.</summary>
public sealed class TeamMember
{
    public int Id { get; set; }
    public int TeamId { get; set; }
    public int CompetitionId { get; set; }
    public string UserId { get; set; } = "";
    public DateTime JoinedAtUtc { get; set; }

    public Team? Team { get; set; }
    public PortalUser? User { get; set; }
}
