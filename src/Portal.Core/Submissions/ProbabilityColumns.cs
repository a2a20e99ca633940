using System.Text;
using Portal.Core.Competitions;

namespace Portal.Core.Submissions;

/// <summary>Maps the header of a probabilities file to classes: columns named <c>k</c>, <c>pk</c> or the class name.</summary>
internal static class ProbabilityColumns
{
    /// <summary>The class of each column after ImageID, or a sentence saying why the header does not fit.</summary>
    public static int[]? Map(IReadOnlyList<string> names, ClassTaxonomy taxonomy, out string? problem)
    {
        problem = null;
        var classOfColumn = new int[names.Count];
        var columnOfClass = new int[taxonomy.Count];
        Array.Fill(columnOfClass, -1);
        var unknown = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var c = ClassOf(names[i], taxonomy);
            if (c < 0)
            {
                unknown.Add(names[i]);
                continue;
            }

            if (columnOfClass[c] >= 0)
            {
                problem = $"Two columns ('{names[columnOfClass[c]]}' and '{names[i]}') are both class {c}.";
                return null;
            }

            columnOfClass[c] = i;
            classOfColumn[i] = c;
        }

        if (unknown.Count > 0)
        {
            problem = $"Columns {string.Join(", ", unknown.Take(5).Select(u => $"'{u}'"))} are not classes; " +
                      $"name the probability columns 0..{taxonomy.Count - 1}, p0..p{taxonomy.Count - 1} or by class name.";
            return null;
        }

        return classOfColumn;
    }

    private static int ClassOf(string name, ClassTaxonomy taxonomy)
    {
        // k or pk, k read by the label rule (pandas writes "6.0" for a class that went through float); no leading
        // zero and no sign, so a class named "01" or "-" is matched by name below.
        var digits = Encoding.UTF8.GetBytes(name.StartsWith('p') || name.StartsWith('P') ? name[1..] : name);
        var plain = digits.Length > 0 && char.IsAsciiDigit((char)digits[0]) && !(digits.Length > 1 && digits[0] == '0' && char.IsAsciiDigit((char)digits[1]));
        if (plain && ClassIndexText.Parse(digits, out var c) == ClassIndexSyntax.Whole && c < taxonomy.Count)
        {
            return (int)c;
        }

        for (var k = 0; k < taxonomy.Count; k++)
        {
            if (string.Equals(taxonomy.ClassNames[k], name, StringComparison.OrdinalIgnoreCase))
            {
                return k;
            }
        }

        return -1;
    }
}
