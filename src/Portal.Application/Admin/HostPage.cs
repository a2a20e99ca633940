namespace Portal.Application.Admin;

/// <summary>One page of a host's table: its rows, how many rows match in all, and where the page is.</summary>
public sealed record HostPage<T>(IReadOnlyList<T> Rows, int Total, int Page, int PageSize)
{
    /// <summary>How many pages the matching rows fill (at least 1).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
