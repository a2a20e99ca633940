using System.CommandLine;
using System.Globalization;
using Portal.Cli.Input;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Inference.Cache;
using Portal.Inference.Onnx;
using Portal.Inference.Preprocessing;
using Portal.Inference.Tta;

namespace Portal.Cli.Commands;

/// <summary>
/// <c>portal infer --model m.onnx | --mask m.onnx --gender g.onnx --age a.onnx --images DIR [--ids info.csv] --size WxH [--resize stretch|crop] [--mean a,b,c]
/// [--std a,b,c] [--bgr] [--tta ...] [--merge ...] [--batch N] [--provider auto|cpu|cuda] [--cache DIR] --out probs.csv</c>:
/// runs an ONNX model over a folder of images and writes a probabilities CSV (<c>ImageID,0,...,C-1</c>).
/// Three single-head models (<c>--mask</c>, <c>--gender</c>, <c>--age</c>, as the Submit page's files tagged mask, gender
/// and age) are each run the same way and combined into the classes by the product of their probabilities
/// (<see cref="ImageSetRunResult.CombineHeads"/>, as on the server).
/// With <c>--cache</c> the decoded pixels are kept there, so a second run (another model, other views) decodes nothing.
/// </summary>
internal static class InferCommand
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png"];
    private const int MaxBatch = 4096;

    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "The ONNX model: one float32 input [N,3,H,W], one output [N,classes] (or one output per attribute head: mask [N,3], gender [N,2], age [N,3]).",
            HelpName = "m.onnx",
        };
        var headOptions = HeadOptions();
        var images = new Option<string>("--images") { Description = "The folder of images (.jpg, .jpeg, .png).", Required = true, HelpName = "DIR" };
        var ids = new Option<string>("--ids")
        {
            Description = "A CSV with an ImageID column (info.csv): run these images, in this order. Default: every image in the folder, by name.",
            HelpName = "info.csv",
        };
        var size = new Option<string>("--size") { Description = "The model's input size, width x height.", Required = true, HelpName = "WxH" };
        var resize = new Option<string>("--resize") { Description = "stretch: scale to the size; crop: keep the aspect ratio and take the centre.", DefaultValueFactory = _ => "stretch" };
        resize.AcceptOnlyFromAmong("stretch", "crop");
        var mean = new Option<string>("--mean") { Description = "Per-channel mean after scaling to [0,1], R,G,B. Default: 0.548,0.504,0.479.", HelpName = "r,g,b" };
        var std = new Option<string>("--std") { Description = "Per-channel standard deviation, R,G,B. Default: 0.237,0.247,0.246.", HelpName = "r,g,b" };
        var bgr = new Option<bool>("--bgr") { Description = "Feed the channels as B,G,R (OpenCV-trained models); --mean and --std stay R,G,B." };
        var tta = new Option<string>("--tta")
        {
            Description = "Test-time augmentation views: flips and quarter turns (d4: all 8), five-crop and ten-crop (of the image decoded at size / 0.875), "
                + "multi-scale (zoom 1, 1.1, 1.2), brightness (x 1, 0.9, 1.1).",
            DefaultValueFactory = _ => "none",
        };
        tta.AcceptOnlyFromAmong([.. TtaPlan.Names]);
        var merge = new Option<string>("--merge") { Description = "How the views' probabilities are merged.", DefaultValueFactory = _ => "mean" };
        merge.AcceptOnlyFromAmong("mean", "gmean", "max", "min", "tsharpen");
        var batch = new Option<int>("--batch") { Description = "Images per model run.", DefaultValueFactory = _ => 32, HelpName = "N" };
        var provider = new Option<string>("--provider") { Description = "auto: CUDA when it loads, else CPU; cuda falls back to CPU too, and says why.", DefaultValueFactory = _ => "auto" };
        provider.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var cache = new Option<string>("--cache")
        {
            Description = "A folder to keep the decoded images in (such as data/cache), reused by later runs over the same files and size. Default: decode per batch and keep nothing.",
            HelpName = "DIR",
        };
        var output = new Option<string>("--out") { Description = "The probabilities CSV to write.", Required = true, HelpName = "probs.csv" };
        var classes = CommonOptions.Classes();
        var command = new Command("infer", "Run an ONNX model over a folder of images, with optional test-time augmentation, and write a probabilities CSV.")
        {
            model, headOptions[0].Option, headOptions[1].Option, headOptions[2].Option, images, ids, size, resize, mean, std, bgr, tta, merge, batch, provider, cache, output, classes,
        };
        command.SetAction(CommandRunner.Action((parse, stdout) =>
        {
            var taxonomy = CommonOptions.Taxonomy(parse.GetValue(classes));
            var (width, height) = ParseSize(parse.GetRequiredValue(size));
            var options = new PreprocessOptions
            {
                Width = width,
                Height = height,
                Resize = parse.GetValue(resize) == "crop" ? ResizeMode.Crop : ResizeMode.Stretch,
                Mean = ParseTriple(parse.GetValue(mean), "--mean") ?? PreprocessOptions.DefaultMean,
                Std = ParseTriple(parse.GetValue(std), "--std") ?? PreprocessOptions.DefaultStd,
                Channels = parse.GetValue(bgr) ? ChannelOrder.Bgr : ChannelOrder.Rgb,
            };
            if (options.Problems() is { Count: > 0 } problems)
            {
                throw new CliException(problems);
            }

            if (!TtaPlan.TryGetViews(parse.GetValue(tta)!, width, height, out var views, out var ttaProblem))
            {
                throw new CliException(ttaProblem!);
            }

            // AcceptOnlyFromAmong has already checked the name.
            _ = TtaMerger.TryParse(parse.GetValue(merge)!, out var mergeMode);
            var batchSize = parse.GetValue(batch);
            if (batchSize is < 1 or > MaxBatch)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--batch must be between 1 and {MaxBatch}; got {batchSize}."));
            }

            var outPath = parse.GetRequiredValue(output);
            InputFiles.RequireWritableLocation(outPath, "--out");
            var heads = AttributeHeads.Of(taxonomy);
            var models = ModelsToRun(parse, model, headOptions, heads, parse.GetValue(classes) is not null);
            foreach (var (path, head, _) in models)
            {
                InputFiles.RequireFile(path, head is null ? "model" : $"{head} head");
            }

            var (index, paths) = FindImages(parse.GetRequiredValue(images), parse.GetValue(ids));
            var choice = ParseProvider(parse.GetValue(provider)!);
            var cacheFolder = parse.GetValue(cache);
            var results = new List<ImageSetRunResult>();
            ProviderReport? report = null;
            foreach (var (path, head, axis) in models)
            {
                // A single-head model gives that head's values; a whole model every class's (or every head's, combined in the runner).
                var (result, used) = RunModel(path, head, head is null ? taxonomy.Count : heads!.Sizes[axis], head is null ? heads : null,
                    choice, batchSize, cacheFolder, paths, options, views, mergeMode, stdout);
                results.Add(result);
                report ??= used;
            }

            var combined = results.Count == 1 ? results[0] : ImageSetRunResult.CombineHeads(heads!, results);
            PredictionCsvWriter.Write(outPath, index, Predictions.FromProbabilities(combined.Merged, combined.Classes), SubmissionFormat.Probabilities);
            var headsText = results.Count == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $", {results.Count} head models combined");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote the probabilities of {paths.Count:N0} images ({views.Count} view{(views.Count == 1 ? "" : "s")}, {combined.Classes} classes{headsText}) to {outPath}."));
            var ran = report!;
            stdout.WriteLine($"Ran on {ran.Used.ToString().ToUpperInvariant()}{(ran.Reason is null ? "." : $" instead of CUDA: {ran.Reason}")}");
        }));
        return command;
    }

    /// <summary>--mask, --gender and --age: one option per attribute head of the mask task, in axis order.</summary>
    private static (string Head, Option<string> Option)[] HeadOptions() =>
        ClassTaxonomy.MaskGenderAge.Axes.Select(axis => (axis.Name, new Option<string>("--" + axis.Name)
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Instead of --model: the {axis.Name} head, a model with one output [N,{axis.Size}]; give --{string.Join(", --", ClassTaxonomy.MaskGenderAge.Axes.Select(a => a.Name))} together, and they are combined into the classes by the product of their probabilities."),
            HelpName = axis.Name[0] + ".onnx",
        })).ToArray();

    /// <summary>
    /// The model files to run: <c>--model</c> alone (no head), or one file per attribute head in the heads' order
    /// (its name and axis index); a mix of the two, a missing head, or heads with <c>--classes</c> is a sentence on what to give.
    /// </summary>
    private static (string Path, string? Head, int Axis)[] ModelsToRun(ParseResult parse, Option<string> model,
        (string Head, Option<string> Option)[] headOptions, AttributeHeads? heads, bool classesGiven)
    {
        var given = headOptions.Where(h => parse.GetValue(h.Option) is not null).ToArray();
        var names = string.Join(", ", headOptions.Select(h => h.Option.Name));
        if (parse.GetValue(model) is { } modelPath)
        {
            return given.Length > 0
                ? throw new CliException($"Give either --model (one model of every class) or {names} (one model per head), not both; you gave --model and {string.Join(", ", given.Select(h => h.Option.Name))}.")
                : [(modelPath, null, -1)];
        }

        if (given.Length == 0)
        {
            throw new CliException($"Give the model to run: --model m.onnx, or one model per head with {names}.");
        }

        if (classesGiven || heads is null)
        {
            throw new CliException($"{names} are the heads of the 18 mask x gender x age classes; leave out --classes, or give one model with --model.");
        }

        if (given.Length < headOptions.Length)
        {
            var missing = headOptions.Where(h => parse.GetValue(h.Option) is null).Select(h => h.Option.Name);
            throw new CliException($"Give all three head models ({names}) to combine them into the classes; {string.Join(" and ", missing)} {(headOptions.Length - given.Length == 1 ? "is" : "are")} missing.");
        }

        // In the heads' order, whatever the order on the command line.
        return headOptions.Select(h => (parse.GetValue(h.Option)!, (string?)h.Head, heads.IndexOf(h.Head))).ToArray();
    }

    /// <summary>
    /// Loads the model at <paramref name="path"/> for <paramref name="classCount"/> values per image and runs it over the
    /// images through the one load-and-run sequence (<see cref="ImageSetRunner"/>); a refusal names the file and, for a
    /// head model, what that head must give.
    /// </summary>
    private static (ImageSetRunResult Result, ProviderReport Report) RunModel(string path, string? head, int classCount, AttributeHeads? heads,
        ExecutionProviderChoice provider, int batchSize, string? cacheFolder, IReadOnlyList<string> paths, PreprocessOptions options,
        IReadOnlyList<TtaView> views, MergeMode merge, TextWriter stdout)
    {
        var what = head is null ? "model" : $"{head} head";
        // From the path, not the bytes: weights saved beside the model (net.onnx.data) are found there, from any folder.
        // A model with one output per attribute head (mask, gender, age) is combined into the classes as on the server.
        using var loaded = LoadedModel.LoadFile(path, classCount, provider, heads: heads, head: head);
        if (!loaded.Check.Accepted)
        {
            // The user's own model: ONNX Runtime's text (a weights file not found beside it, say) is theirs to read.
            var refusal = $"The {what} '{path}' was refused: {loaded.Check.Refusal}";
            throw new CliException(loaded.Check.Detail is { } detail ? [refusal, $"ONNX Runtime said: {detail}"] : [refusal]);
        }

        if (loaded.Check.Shape!.SizeProblem(options.Width, options.Height) is { } sizeProblem)
        {
            throw new CliException(head is null ? $"{sizeProblem} Give the model's size with --size." : $"The {what} '{path}': {sizeProblem} Give the model's size with --size.");
        }

        try
        {
            var result = cacheFolder is not null
                ? RunCached(loaded, batchSize, cacheFolder, paths, options, views, merge, stdout)
                : ImageSetRunner.Run(loaded, batchSize, ImageSource.FromFiles(paths), options, views, merge);
            return (result, loaded.Provider!);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static ImageSetRunResult RunCached(LoadedModel loaded, int batchSize, string folder, IReadOnlyList<string> paths, PreprocessOptions options,
        IReadOnlyList<TtaView> views, MergeMode merge, TextWriter stdout)
    {
        if (File.Exists(folder))
        {
            throw new CliException($"--cache '{folder}' is a file; give a folder to keep the decoded images in.");
        }

        var cache = new DecodedImageCache(folder);
        using var images = cache.Open(ImageSetKey.FromFiles(paths), paths, options, views);
        stdout.WriteLine(images.Built
            ? string.Create(CultureInfo.InvariantCulture, $"Decoded {images.Count:N0} images at {images.Width}x{images.Height} into {images.Path}.")
            : $"Reused the decoded images in {images.Path}.");
        return ImageSetRunner.Run(loaded, batchSize, ImageSource.FromCache(images), options, views, merge);
    }

    private static ExecutionProviderChoice ParseProvider(string value) => value switch
    {
        "cpu" => ExecutionProviderChoice.Cpu,
        "cuda" => ExecutionProviderChoice.Cuda,
        _ => ExecutionProviderChoice.Auto,
    };

    private static (int Width, int Height) ParseSize(string value)
    {
        var parts = value.Split('x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && w > 0 && h > 0)
        {
            return (w, h);
        }

        throw new CliException($"--size must be width x height in pixels, such as 224x224; got '{value}'.");
    }

    private static float[]? ParseTriple(string? value, string option)
    {
        if (value is null)
        {
            return null;
        }

        var parts = value.Split(',');
        var numbers = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !float.IsFinite(numbers[i]))
            {
                throw new CliException($"{option} must be three numbers separated by commas, such as 0.5,0.5,0.5; '{parts[i]}' is not a number.");
            }
        }

        return parts.Length == 3 ? numbers : throw new CliException($"{option} must be three numbers (R,G,B); got {parts.Length}.");
    }

    /// <summary>The images to run, as ids (what the CSV names them) and file paths in the same order.</summary>
    private static (ImageIndex Index, IReadOnlyList<string> Paths) FindImages(string folder, string? idsPath)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliException(File.Exists(folder)
                ? $"--images '{folder}' is a file; give the folder that holds the images."
                : $"The images folder '{folder}' does not exist.");
        }

        if (idsPath is null)
        {
            var files = Directory.EnumerateFiles(folder)
                .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (files.Length == 0)
            {
                throw new CliException($"The folder '{folder}' holds no .jpg, .jpeg or .png images.");
            }

            return (new ImageIndex(files.Select(Path.GetFileName)!), files);
        }

        InputFiles.RequireFile(idsPath, "--ids");
        var index = SubmissionIdReader.Read(idsPath);
        if (index.Count == 0)
        {
            throw new CliException($"--ids '{idsPath}' names no images; it needs an ImageID column with one image file name per row.");
        }

        var paths = index.Ids.Select(id => Path.Combine(folder, id)).ToArray();
        var missing = paths.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length > 0)
        {
            var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{missing.Length:N0} images named in '{idsPath}' are not in '{folder}':") };
            lines.AddRange(missing.Take(10).Select(p => "  " + Path.GetFileName(p)));
            if (missing.Length > 10)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"  ... and {missing.Length - 10:N0} more."));
            }

            throw new CliException(lines);
        }

        return (index, paths);
    }
}
