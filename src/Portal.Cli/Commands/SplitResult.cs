namespace Portal.Cli.Commands;

/// <summary>How many images of each class <c>portal split</c> put on the public and the private board.</summary>
internal sealed record SplitResult(int[] PublicPerClass, int[] PrivatePerClass, double PublicFraction, ulong Seed, string? OutPath)
{
    public int PublicCount => PublicPerClass.Sum();

    public int PrivateCount => PrivatePerClass.Sum();
}
