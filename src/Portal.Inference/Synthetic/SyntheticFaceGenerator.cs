using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Portal.Core.Randomness;
using SkiaSharp;

namespace Portal.Inference.Synthetic;

/// <summary>
/// Draws a deterministic hidden set for the mask / gender / age task: stylised photos of synthetic people,
/// 5 with the mask worn, 1 worn incorrectly and 1 without per person, named like a real hidden set
/// (40 hex digits and <c>.jpg</c>, <c>.jpeg</c> or <c>.png</c>). Ids and labels depend only on the seed,
/// so they are the same on every platform; pixels are the same for the same SkiaSharp build.
/// </summary>
public static class SyntheticFaceGenerator
{
    /// <summary>The truth file written beside the images.</summary>
    public const string TruthFileName = "info.csv";

    private const ulong DemographicsStream = 0x4445_4D4F_0000_0000UL; // "DEMO"
    private const double FemaleShare = 0.6;
    private static readonly double[] AgeShares = [0.45, 0.40, 0.15];

    /// <summary>The images of the set, person by person, with their ids and labels; draws nothing.</summary>
    public static IReadOnlyList<SyntheticFaceLabel> Plan(SyntheticFaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var people = Demographics(options);
        var items = new SyntheticFaceLabel[options.ImageCount];
        for (var person = 0; person < options.People; person++)
        {
            var (gender, age) = people[person];
            for (var index = 0; index < options.ImagesPerPerson; index++)
            {
                var mask = MaskOf(index, options.ImagesPerPerson);
                items[person * options.ImagesPerPerson + index] = new SyntheticFaceLabel(
                    ImageId(options.Seed, person, index), SyntheticFaceLabel.ClassOf(mask, gender, age), mask, gender, age, person, index);
            }
        }

        return items;
    }

    /// <summary>The encoded file (JPEG or PNG, as the id's extension says) of one planned image.</summary>
    public static byte[] Render(SyntheticFaceLabel item, SyntheticFaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(options);
        using var bitmap = RenderBitmap(item, options);
        using var pixmap = bitmap.PeekPixels();
        using var data = item.IsPng
            // Noisy photos hardly compress: the Sub filter at zlib level 1 is 2.5 times as fast as the
            // defaults (all filters, level 6) for files about 10% larger.
            ? pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
            : pixmap.Encode(new SKJpegEncoderOptions(options.JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore));
        return data?.ToArray() ?? throw new InvalidOperationException("SkiaSharp could not encode the image.");
    }

    /// <summary>
    /// Draws one image as an RGBA bitmap. Only the item's mask, gender, age, person and index matter, so a
    /// caller may change the mask state (<c>item with { Mask = ... }</c>) to draw the same photo otherwise unchanged.
    /// </summary>
    internal static SKBitmap RenderBitmap(SyntheticFaceLabel item, SyntheticFaceOptions options)
    {
        options.Validate();
        var look = PersonLook.Create(options.Seed, item.Person, item.Gender, item.Age);
        var shot = ShotSetup.Create(options.Seed, item.Person, item.Index, look);
        var bitmap = new SKBitmap(new SKImageInfo(options.Width, options.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        try
        {
            ImageFinish.FillBackground(bitmap, shot);
            using (var canvas = new SKCanvas(bitmap))
            {
                FacePainter.Paint(canvas, options.Width, options.Height, look, shot, item.Mask);
            }

            ImageFinish.Apply(bitmap, shot);
            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes every image of the set into <paramref name="directory"/> (in parallel) and then
    /// <see cref="TruthFileName"/> (<c>ImageID,ans</c>). The truth file appears last and at once (written
    /// beside and moved into place), so its presence means the set is complete; an old one is removed first.
    /// </summary>
    /// <param name="progress">Receives the number of images written so far.</param>
    /// <returns>The plan that was written.</returns>
    public static async Task<IReadOnlyList<SyntheticFaceLabel>> WriteHiddenSetAsync(
        string directory,
        SyntheticFaceOptions options,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(options);
        var plan = Plan(options);
        Directory.CreateDirectory(directory);
        var truthPath = Path.Combine(directory, TruthFileName);
        File.Delete(truthPath);

        var written = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(plan, parallel, async (item, token) =>
        {
            var bytes = Render(item, options);
            await File.WriteAllBytesAsync(Path.Combine(directory, item.ImageId), bytes, token).ConfigureAwait(false);
            progress?.Report(Interlocked.Increment(ref written));
        }).ConfigureAwait(false);

        var temporary = truthPath + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true))
            {
                csv.WriteRecord("ImageID", "ans");
                foreach (var item in plan)
                {
                    csv.WriteRecord(item.ImageId, item.Label.ToString(CultureInfo.InvariantCulture));
                }

                await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, truthPath, overwrite: true);
        return plan;
    }

    /// <summary>
    /// Gender and age of every person: the shares of each combination are met as closely as whole people
    /// allow (largest remainder), then shuffled by the seed, so every class appears in a set of 180.
    /// </summary>
    private static (Gender Gender, AgeGroup Age)[] Demographics(SyntheticFaceOptions options)
    {
        var cells = new (Gender Gender, AgeGroup Age, double Exact)[6];
        for (var g = 0; g < 2; g++)
        {
            for (var a = 0; a < 3; a++)
            {
                var share = (g == 1 ? FemaleShare : 1 - FemaleShare) * AgeShares[a];
                cells[g * 3 + a] = ((Gender)g, (AgeGroup)a, share * options.People);
            }
        }

        var counts = cells.Select(c => (int)Math.Floor(c.Exact)).ToArray();
        var byRemainder = Enumerable.Range(0, cells.Length)
            .OrderByDescending(i => cells[i].Exact - counts[i])
            .ThenBy(i => i)
            .ToArray();
        for (var k = 0; counts.Sum() < options.People; k++)
        {
            counts[byRemainder[k % byRemainder.Length]]++;
        }

        var people = new List<(Gender, AgeGroup)>(options.People);
        for (var i = 0; i < cells.Length; i++)
        {
            people.AddRange(Enumerable.Repeat((cells[i].Gender, cells[i].Age), counts[i]));
        }

        var shuffled = people.ToArray();
        var random = DeterministicRandom.ForStream(options.Seed, DemographicsStream);
        for (var i = shuffled.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        return shuffled;
    }

    private static MaskState MaskOf(int index, int imagesPerPerson) =>
        index == imagesPerPerson - 1 ? MaskState.NotWear
        : index == imagesPerPerson - 2 ? MaskState.Incorrect
        : MaskState.Wear;

    /// <summary>
    /// 40 hex digits from a hash of seed, person and index (never of the pixels, which may differ by a bit
    /// between Skia builds), and an extension: 85% .jpg, 10% .jpeg, 5% .png.
    /// </summary>
    private static string ImageId(ulong seed, int person, int index)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"synthetic-face/{seed}/{person}/{index}")), digest);
        var extension = (digest[20] % 20) switch
        {
            0 => ".png",
            1 or 2 => ".jpeg",
            _ => ".jpg",
        };
        return Convert.ToHexStringLower(digest[..20]) + extension;
    }
}
