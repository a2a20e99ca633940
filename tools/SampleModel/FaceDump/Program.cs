// Usage: dotnet run --project tools/SampleModel/FaceDump -c Release -- OUT_DIR [people] [seed] [size]
// Draws people x 7 synthetic faces at the demo's 384x512, brings each to size x size exactly as Portal does before a
// model run (decode, SkiaSharp bilinear stretch), and writes them as PNG with labels.csv (ImageID,ans,person).
// Writing the images at the model's input size means the training script needs no resize of its own, so training
// and Portal see the same pixels.
using System.Globalization;
using System.Text;
using Portal.Inference.Preprocessing;
using Portal.Inference.Synthetic;
using SkiaSharp;

if (args.Length is < 1 or > 4)
{
    Console.Error.WriteLine("Usage: FaceDump OUT_DIR [people=300] [seed=7] [size=64]");
    return 2;
}

var outDir = args[0];
var people = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
// The demo hidden set uses SyntheticFaceOptions.Default.Seed (2026); a different seed draws different people.
var seed = args.Length > 2 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : 7UL;
var size = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 64;
if (seed == SyntheticFaceOptions.Default.Seed)
{
    Console.Error.WriteLine($"Seed {seed} draws the demo hidden set itself; pick another so the model never sees its test images.");
    return 2;
}

var faces = SyntheticFaceOptions.Default with { People = people, Seed = seed };
var preprocess = new PreprocessOptions { Width = size, Height = size, Resize = ResizeMode.Stretch };
var plan = SyntheticFaceGenerator.Plan(faces);
Directory.CreateDirectory(outDir);
var names = new string[plan.Count];
Parallel.For(0, plan.Count, i =>
{
    var item = plan[i];
    // Through the encoded file, as in the demo hidden set, so JPEG artefacts are part of what the model learns.
    var pixels = ImageLoader.Decode(SyntheticFaceGenerator.Render(item, faces), preprocess, item.ImageId);
    names[i] = Path.GetFileNameWithoutExtension(item.ImageId) + ".png";
    File.WriteAllBytes(Path.Combine(outDir, names[i]), EncodePng(pixels));
});

var csv = new StringBuilder("ImageID,ans,person\n");
for (var i = 0; i < plan.Count; i++)
{
    csv.Append(CultureInfo.InvariantCulture, $"{names[i]},{plan[i].Label},{plan[i].Person}\n");
}

File.WriteAllText(Path.Combine(outDir, "labels.csv"), csv.ToString());
Console.WriteLine($"Wrote {plan.Count} faces ({people} people, seed {seed}) at {size}x{size} to {outDir}.");
return 0;

static byte[] EncodePng(PixelImage image)
{
    var rgba = new byte[image.Width * image.Height * 4];
    for (int p = 0, q = 0; p < image.Pixels.Length; p += 3, q += 4)
    {
        rgba[q] = image.Pixels[p];
        rgba[q + 1] = image.Pixels[p + 1];
        rgba[q + 2] = image.Pixels[p + 2];
        rgba[q + 3] = 255;
    }

    using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
    System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
    using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
    return data.ToArray();
}
