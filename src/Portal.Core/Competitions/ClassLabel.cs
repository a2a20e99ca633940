using System.Globalization;

namespace Portal.Core.Competitions;

/// <summary>How a class is named where a person reads it beside an image: its name and its index, as a submission file writes it.</summary>
public static class ClassLabel
{
    /// <summary>
    /// Class <paramref name="classIndex"/> as "Wear / Female / 30-59 (class 4)"; a class whose name is just its
    /// index (a competition without class names) is "class 4", not "4 (class 4)".
    /// </summary>
    public static string Describe(IReadOnlyList<string> classNames, int classIndex)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, classNames.Count);
        return Describe(classNames[classIndex], classIndex);
    }

    /// <summary>As <see cref="Describe(IReadOnlyList{string}, int)"/>, for a class whose name <paramref name="name"/> is already looked up.</summary>
    public static string Describe(string name, int classIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        var index = classIndex.ToString(CultureInfo.InvariantCulture);
        return name == index || string.IsNullOrWhiteSpace(name) ? $"class {index}" : $"{name} (class {index})";
    }
}
