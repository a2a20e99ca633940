using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Teams;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>One app, two competitions, a submission of team A, and a client for every caller of the matrix.</summary>
public sealed class AuthorizationFixture : IAsyncLifetime
{
    /// <summary>The description of team A's submission, to look for where it must not be.</summary>
    public const string DescriptionOfA = "secret recipe of team A";

    private readonly Dictionary<Caller, HttpClient> _clients = [];

    public PortalFactory Factory { get; } = new();

    public Scenario Main { get; private set; } = default!;

    public Scenario Other { get; private set; } = default!;

    /// <summary>A scored submission of team A in <see cref="Main"/>.</summary>
    public int SubmissionOfA { get; private set; }

    /// <summary>A second scored submission of team A, for the N-way comparison and ensembles.</summary>
    public int SecondSubmissionOfA { get; private set; }

    public HttpClient Client(Caller caller) => _clients[caller];

    public async ValueTask InitializeAsync()
    {
        Main = await new ScenarioBuilder(Factory).BuildAsync();
        Other = await new ScenarioBuilder(Factory).BuildAsync();
        var replaced = Main.A.Token;
        var current = await Factory.Services.GetRequiredService<TeamService>().RotateTokenAsync(Main.A.Id, TestContext.Current.CancellationToken);

        _clients[Caller.Anonymous] = Factory.Anonymous();
        _clients[Caller.TokenOfA] = Factory.WithToken(current);
        _clients[Caller.TokenOfB] = Factory.WithToken(Main.B.Token);
        _clients[Caller.TokenOfOtherCompetition] = Factory.WithToken(Other.A.Token);
        _clients[Caller.ReplacedTokenOfA] = Factory.WithToken(replaced);
        _clients[Caller.MemberOfA] = await Factory.SignInAsync(Main.A.FirstMember);
        _clients[Caller.MemberOfB] = await Factory.SignInAsync(Main.B.FirstMember);
        _clients[Caller.Host] = await Factory.SignInAsHostAsync();
        _clients[Caller.HostToken] = Factory.WithToken(await Factory.HostTokenAsync());

        SubmissionOfA = await _clients[Caller.TokenOfA].SubmitAcceptedAsync(Main.Slug, Main.Csv(Main.Predict(0.8, 0.6)), DescriptionOfA);
        await _clients[Caller.TokenOfA].WaitUntilDoneAsync(SubmissionOfA);
        SecondSubmissionOfA = await _clients[Caller.TokenOfA].SubmitAcceptedAsync(Main.Slug, Main.Csv(Main.Predict(0.6, 0.7)), DescriptionOfA);
        await _clients[Caller.TokenOfA].WaitUntilDoneAsync(SecondSubmissionOfA);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Factory.DisposeAsync();
    }
}
