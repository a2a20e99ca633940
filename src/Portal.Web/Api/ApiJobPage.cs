namespace Portal.Web.Api;

/// <summary>One page of jobs: the rows, how many match in all, the page (from 1) and its size.</summary>
public sealed record ApiJobPage(IReadOnlyList<ApiJob> Jobs, int Total, int Page, int PageSize);
