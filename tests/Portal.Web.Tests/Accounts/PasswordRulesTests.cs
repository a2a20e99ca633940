using Microsoft.AspNetCore.Identity;
using Portal.Web.Components.Account;

namespace Portal.Web.Tests.Accounts;

/// <summary>The password rules as one plain sentence, from the configured options.</summary>
public sealed class PasswordRulesTests
{
    private static readonly IdentityErrorDescriber Describer = new();

    [Fact]
    public void Describe_PortalsOptions_NamesLengthAndEachRequiredKind()
    {
        // Arrange
        var options = new PasswordOptions { RequiredLength = 8, RequireNonAlphanumeric = false };

        // Act
        var sentence = PasswordRules.Describe(options);

        // Assert
        Assert.Equal("A password needs at least 8 characters, with an upper-case letter, a lower-case letter and a digit.", sentence);
    }

    [Fact]
    public void Describe_OnlyALength_SaysJustTheLength()
    {
        // Arrange
        var options = new PasswordOptions { RequiredLength = 12, RequireDigit = false, RequireLowercase = false, RequireUppercase = false, RequireNonAlphanumeric = false };

        // Act
        var sentence = PasswordRules.Describe(options);

        // Assert
        Assert.Equal("A password needs at least 12 characters.", sentence);
    }

    [Fact]
    public void Explain_SeveralBrokenRulesAndATakenAddress_OneSentenceEach()
    {
        // Arrange
        var options = new PasswordOptions { RequiredLength = 8, RequireNonAlphanumeric = true };
        IdentityError[] errors =
        [
            Describer.PasswordTooShort(8), Describer.PasswordRequiresDigit(), Describer.PasswordRequiresUpper(), Describer.PasswordRequiresNonAlphanumeric(),
            Describer.DuplicateUserName("ada@students.test"), Describer.DuplicateEmail("ada@students.test"),
        ];

        // Act
        var sentences = PasswordRules.Explain(errors, options);

        // Assert
        Assert.Equal(
            [
                "A password needs at least 8 characters, with an upper-case letter, a lower-case letter, a digit and a symbol such as ! or -.",
                "An account with this e-mail address exists already; sign in instead.",
            ],
            sentences);
    }

    [Fact]
    public void Explain_OtherError_KeepsIdentitysSentence()
    {
        // Arrange
        var error = Describer.InvalidEmail("not-an-address");

        // Act
        var sentences = PasswordRules.Explain([error], new PasswordOptions());

        // Assert
        Assert.Equal([error.Description], sentences);
    }
}
