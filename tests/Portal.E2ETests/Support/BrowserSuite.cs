namespace Portal.E2ETests.Support;

/// <summary>
/// The browser test classes run one after another: each starts its own portal, and the portal's
/// start binds a fixed port besides the test server's, so two at once collide.
/// </summary>
[CollectionDefinition(nameof(BrowserSuite), DisableParallelization = true)]
public sealed class BrowserSuite;
