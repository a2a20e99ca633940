namespace Portal.Core.Submissions;

/// <summary>
/// Suggests the hidden-set id an unknown id was probably meant to be (other case, other or no
/// extension), since ids are matched exactly. Built on the first unknown id only.
/// </summary>
internal sealed class ImageIdHints(ImageIndex images)
{
    private Dictionary<string, string>? _byStem;

    public string Explain(string unknown)
    {
        _byStem ??= BuildStems();
        return _byStem.TryGetValue(Stem(unknown), out var meant)
            ? $"'{unknown}' is not an image of the hidden set; did you mean '{meant}'? Ids are matched exactly, extension included."
            : $"'{unknown}' is not an image of the hidden set.";
    }

    private Dictionary<string, string> BuildStems()
    {
        var stems = new Dictionary<string, string>(images.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var id in images.Ids)
        {
            stems.TryAdd(Stem(id), id);
        }

        return stems;
    }

    private static string Stem(string id)
    {
        var dot = id.LastIndexOf('.');
        return dot > 0 ? id[..dot] : id;
    }
}
