using Microsoft.AspNetCore.Identity;

namespace Portal.Web.Components.Account;

/// <summary>
/// The password rules in one plain sentence, from the configured <see cref="PasswordOptions"/>, instead of Identity's
/// one terse line per broken rule ("Passwords must have at least one digit ('0'-'9').").
/// </summary>
public static class PasswordRules
{
    private static readonly HashSet<string> PasswordCodes = new(StringComparer.Ordinal)
    {
        nameof(IdentityErrorDescriber.PasswordTooShort),
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit),
        nameof(IdentityErrorDescriber.PasswordRequiresLower),
        nameof(IdentityErrorDescriber.PasswordRequiresUpper),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars),
    };

    private static readonly HashSet<string> TakenCodes = new(StringComparer.Ordinal)
    {
        nameof(IdentityErrorDescriber.DuplicateUserName),
        nameof(IdentityErrorDescriber.DuplicateEmail),
    };

    /// <summary>"A password needs at least 8 characters, with an upper-case letter, a lower-case letter and a digit."</summary>
    public static string Describe(PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var needs = new List<string>();
        if (options.RequireUppercase)
        {
            needs.Add("an upper-case letter");
        }

        if (options.RequireLowercase)
        {
            needs.Add("a lower-case letter");
        }

        if (options.RequireDigit)
        {
            needs.Add("a digit");
        }

        if (options.RequireNonAlphanumeric)
        {
            needs.Add("a symbol such as ! or -");
        }

        if (options.RequiredUniqueChars > 1)
        {
            needs.Add($"{options.RequiredUniqueChars} different characters");
        }

        var length = $"A password needs at least {options.RequiredLength} characters";
        return needs.Count switch
        {
            0 => length + ".",
            1 => $"{length}, with {needs[0]}.",
            _ => $"{length}, with {string.Join(", ", needs[..^1])} and {needs[^1]}.",
        };
    }

    /// <summary>
    /// The sentences to show for a failed sign-up: every broken password rule as the one sentence of
    /// <see cref="Describe"/>, an address already taken once (Identity reports it as user name and as e-mail), and
    /// anything else as Identity words it.
    /// </summary>
    public static IReadOnlyList<string> Explain(IEnumerable<IdentityError> errors, PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var sentences = new List<string>();
        foreach (var error in errors)
        {
            var sentence = PasswordCodes.Contains(error.Code) ? Describe(options)
                : TakenCodes.Contains(error.Code) ? "An account with this e-mail address exists already; sign in instead."
                : error.Description;
            if (!sentences.Contains(sentence, StringComparer.Ordinal))
            {
                sentences.Add(sentence);
            }
        }

        return sentences;
    }
}
