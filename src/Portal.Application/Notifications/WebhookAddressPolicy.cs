using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Portal.Data.Entities;

namespace Portal.Application.Notifications;

/// <summary>
/// Which webhook addresses the portal calls. A team's URL is untrusted: only https, and only hosts whose every address
/// is public (never loopback, link-local, private, shared, multicast or reserved ranges), checked when the team saves it
/// and again for the address actually connected to (<see cref="WebhookHttp"/>), so a name that later resolves inside
/// the network is refused too. <see cref="NotificationOptions.AllowLoopback"/> lets tests use a receiver on loopback.
/// </summary>
public sealed class WebhookAddressPolicy(IOptions<NotificationOptions> options)
{
    /// <summary>Whether the portal may connect to <paramref name="address"/>.</summary>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return !IsInternal(address) || (options.Value.AllowLoopback && IPAddress.IsLoopback(Unmapped(address)));
    }

    /// <summary>
    /// Why <paramref name="url"/> cannot be a webhook, without looking the host up (form and scheme), or null with the
    /// parsed address. Plain http is accepted only with <see cref="NotificationOptions.AllowLoopback"/>, for a loopback host.
    /// </summary>
    public string? CheckForm(string? url, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Enter the webhook address your Slack or Discord channel gave you (it starts with https://).";
        }

        if (url.Length > Team.MaxWebhookUrlLength)
        {
            return $"This address is longer than {Team.MaxWebhookUrlLength} characters; check that you copied only the webhook address.";
        }

        // A space or control character (a line break pasted with the address) is no part of a webhook address; the
        // parser would keep or escape it and the stored address would not be the one shown.
        if (url.Trim().Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "The webhook address contains a space or a line break; copy only the address itself.";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            return "This is not a web address. Copy the whole webhook address, starting with https://.";
        }

        var plainHttpAllowed = options.Value.AllowLoopback && parsed.Scheme == Uri.UriSchemeHttp;
        if (parsed.Scheme != Uri.UriSchemeHttps && !plainHttpAllowed)
        {
            return "The webhook address must start with https:// so that messages about your team travel encrypted.";
        }

        if (parsed.UserInfo.Length > 0)
        {
            return "The webhook address must not contain a user name or password.";
        }

        uri = parsed;
        return null;
    }

    /// <summary>
    /// Why <paramref name="url"/> cannot be a webhook (form, scheme, or a host that does not resolve or resolves to an
    /// internal address), or null when it may be saved.
    /// </summary>
    public async Task<string?> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (CheckForm(url, out var uri) is { } error)
        {
            return error;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri!.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host '{uri!.Host}' could not be found. Check the webhook address.";
        }

        if (addresses.Length == 0)
        {
            return $"The host '{uri.Host}' could not be found. Check the webhook address.";
        }

        if (!addresses.All(Allows))
        {
            return $"The host '{uri.Host}' is a local or internal address; the webhook must be a public service such as Slack or Discord.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !addresses.All(a => IPAddress.IsLoopback(Unmapped(a))))
        {
            return "The webhook address must start with https:// so that messages about your team travel encrypted.";
        }

        return null;
    }

    /// <summary>The addresses of <paramref name="host"/> (itself when it is an address literal).</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var literal = host.Trim('[', ']');
        return IPAddress.TryParse(literal, out var address) ? [address] : await Dns.GetHostAddressesAsync(host, cancellationToken);
    }

    /// <summary>Whether <paramref name="address"/> lies in a range that is not the public internet.</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Unmapped(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,                         // "this network", private, loopback
                100 => b[1] is >= 64 and <= 127,                // shared address space (carrier-grade NAT)
                169 => b[1] == 254,                             // link-local (cloud metadata services)
                172 => b[1] is >= 16 and <= 31,                 // private
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99), // private, IETF, documentation, 6to4 relay
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100), // benchmarking, documentation
                203 => b[1] == 0 && b[2] == 113,                // documentation
                >= 224 => true,                                 // multicast, reserved, broadcast
                _ => false,
            };
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal ||
            address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address: judge that one.
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b)
        {
            return IsInternal(new IPAddress(bytes[12..16]));
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsInternal(new IPAddress(bytes[2..6]));
        }

        // Documentation (2001:db8::/32); everything else outside 2000::/3 (global unicast) is not the internet.
        return (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8) || (bytes[0] & 0xe0) != 0x20;
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
