using System.CommandLine;
using System.Globalization;

namespace Portal.Cli.Commands;

/// <summary>
/// The preprocessing options of <c>portal submit</c> for ONNX models, as the API's form fields (<c>width</c>, <c>height</c>,
/// <c>resize</c>, <c>mean</c>, <c>std</c>, <c>channels</c>, <c>tta</c>, <c>merge</c>, <c>weights</c>, <c>heads</c>). An option not
/// given is not sent, so the portal's own default applies (224x224, stretch, the mask baseline's mean and std, RGB).
/// </summary>
internal sealed class ModelFormOptions
{
    private readonly Option<string> _size = new("--size") { Description = "Models: the input size, width x height. Default: the portal's, 224x224.", HelpName = "WxH" };
    private readonly Option<string> _resize = new("--resize") { Description = "Models: stretch to the size, or crop (keep the aspect ratio, take the centre)." };
    private readonly Option<string> _mean = new("--mean") { Description = "Models: per-channel mean after scaling to [0,1], R,G,B. Default: 0.548,0.504,0.479.", HelpName = "r,g,b" };
    private readonly Option<string> _std = new("--std") { Description = "Models: per-channel standard deviation, R,G,B. Default: 0.237,0.247,0.246.", HelpName = "r,g,b" };
    private readonly Option<bool> _bgr = new("--bgr") { Description = "Models: feed the channels as B,G,R (OpenCV-trained models); --mean and --std stay R,G,B." };
    private readonly Option<string> _tta = new("--tta") { Description = "Models: test-time augmentation views (none, hflip, vflip, flip, d4, rot90, ...; the portal lists what it takes).", HelpName = "VIEWS" };
    private readonly Option<string> _merge = new("--merge") { Description = "Models: how the views' probabilities are merged." };
    private readonly Option<string> _weights = new("--weights") { Description = "Models: one weight per model file, in order, for the soft vote.", HelpName = "1,2,..." };
    private readonly Option<string> _heads = new("--heads")
    {
        Description = "Models: the attribute head of each model file, in the order of the files (three single-head models, combined by the product of their probabilities).",
        HelpName = "mask,gender,age",
    };

    public ModelFormOptions()
    {
        _resize.AcceptOnlyFromAmong("stretch", "crop");
        _merge.AcceptOnlyFromAmong("mean", "gmean", "max", "min", "tsharpen");
    }

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    private IEnumerable<Option> All => [_size, _resize, _mean, _std, _bgr, _tta, _merge, _weights, _heads];

    /// <summary>The names of the options given on the command line.</summary>
    public IReadOnlyList<string> Given(ParseResult parse) => All.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();

    /// <summary>
    /// The form fields of the options given for <paramref name="files"/> model files; a malformed <c>--size</c> and a
    /// <c>--heads</c> that does not tag each file once are refused here (before the files are sent), the rest by the portal.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> Fields(ParseResult parse, int files)
    {
        var fields = new List<(string, string)>();
        if (parse.GetValue(_size) is { } size)
        {
            var parts = size.Split('x', 'X');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width) ||
                !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height) || width < 1 || height < 1)
            {
                throw new CliException($"--size must be the width and height in pixels, such as 224x224; '{size}' is not.");
            }

            fields.Add(("width", width.ToString(CultureInfo.InvariantCulture)));
            fields.Add(("height", height.ToString(CultureInfo.InvariantCulture)));
        }

        Add("resize", parse.GetValue(_resize));
        Add("mean", parse.GetValue(_mean));
        Add("std", parse.GetValue(_std));
        if (parse.GetResult(_bgr) is { Implicit: false })
        {
            fields.Add(("channels", parse.GetValue(_bgr) ? "bgr" : "rgb"));
        }

        Add("tta", parse.GetValue(_tta));
        Add("merge", parse.GetValue(_merge));
        Add("weights", parse.GetValue(_weights));
        if (parse.GetValue(_heads) is { } heads && !string.IsNullOrWhiteSpace(heads))
        {
            // Which heads exist is the competition's to say (the portal names them); the count is known here.
            var tags = heads.Split(',', StringSplitOptions.TrimEntries);
            if (tags.Length != files || tags.Any(t => t.Length == 0))
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"--heads tags each model file with its attribute head, in the order of the files, such as mask,gender,age; you gave {files} file{(files == 1 ? "" : "s")} and '{heads}'."));
            }

            fields.Add(("heads", string.Join(',', tags)));
        }

        return fields;

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                fields.Add((name, value.Trim()));
            }
        }
    }
}
