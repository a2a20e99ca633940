using System.Security.Cryptography;
using System.Text;

namespace Portal.Application.Teams;

/// <summary>API tokens (teams' <c>pt_</c>, hosts' <c>ph_</c>): random, shown once, stored only as a SHA-256 hash.</summary>
public static class TeamTokens
{
    public const string Prefix = "pt_";

    /// <summary>A new random token: <paramref name="prefix"/> and 256 random bits in base64url.</summary>
    public static string New(string prefix = Prefix) => prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));

    /// <summary>The start of a token, enough to recognise it in a list without revealing it.</summary>
    public static string Display(string token) => token[..Math.Min(token.Length, 10)];

    /// <summary>A short invite code without look-alike characters.</summary>
    public static string NewInviteCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(10, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
