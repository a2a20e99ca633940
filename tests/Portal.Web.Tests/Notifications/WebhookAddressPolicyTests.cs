using System.Net;
using Microsoft.Extensions.Options;
using Portal.Application.Notifications;

namespace Portal.Web.Tests.Notifications;

/// <summary>Which webhook addresses a team may save: https and public hosts only; loopback only when the tests allow it.</summary>
public sealed class WebhookAddressPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WebhookAddressPolicy Policy(bool allowLoopback = false) =>
        new(Options.Create(new NotificationOptions { AllowLoopback = allowLoopback }));

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.8.9.10:8443/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://[64:ff9b::a00:1]/hook")]
    public async Task CheckAsync_InternalHost_RefusedAsInternal(string url)
    {
        // Act
        var error = await Policy().CheckAsync(url, Ct);

        // Assert
        Assert.NotNull(error);
        Assert.Contains("local or internal address", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://8.8.8.8/hook", "https://")]
    [InlineData("ftp://8.8.8.8/hook", "https://")]
    [InlineData("hooks.slack.com/services/T/B/X", "not a web address")]
    [InlineData("", "Enter the webhook address")]
    [InlineData("   ", "Enter the webhook address")]
    [InlineData("https://user:secret@8.8.8.8/hook", "user name or password")]
    public async Task CheckAsync_BadForm_RefusedWithSentence(string url, string expected)
    {
        // Act
        var error = await Policy().CheckAsync(url, Ct);

        // Assert
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_TooLong_RefusedNamingTheLimit()
    {
        // Act
        var error = await Policy().CheckAsync("https://8.8.8.8/" + new string('a', 2100), Ct);

        // Assert
        Assert.Contains("2000 characters", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    public async Task CheckAsync_PublicAddress_Accepted(string url)
    {
        // Act
        var error = await Policy().CheckAsync(url, Ct);

        // Assert
        Assert.Null(error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5005/hook")]
    [InlineData("https://[::1]:5005/hook")]
    public async Task CheckAsync_LoopbackAllowedForTests_Accepted(string url)
    {
        // Act
        var error = await Policy(allowLoopback: true).CheckAsync(url, Ct);

        // Assert
        Assert.Null(error);
    }

    [Theory]
    [InlineData("https://10.0.0.1/hook", "internal")]
    [InlineData("http://8.8.8.8/hook", "https://")]
    public async Task CheckAsync_LoopbackAllowed_PrivateAndPlainHttpElsewhereStillRefused(string url, string expected)
    {
        // Act
        var error = await Policy(allowLoopback: true).CheckAsync(url, Ct);

        // Assert
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("1.1.1.1", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("100.128.0.1", false)]
    [InlineData("172.31.255.255", true)]
    [InlineData("198.18.0.1", true)]
    [InlineData("192.0.2.5", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("2001:4860:4860::8888", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2002:0a00:0001::1", true)]
    [InlineData("::", true)]
    public void IsInternal_Address_MatchesItsRange(string address, bool expected)
    {
        // Act
        var isInternal = WebhookAddressPolicy.IsInternal(IPAddress.Parse(address));

        // Assert
        Assert.Equal(expected, isInternal);
    }
}
