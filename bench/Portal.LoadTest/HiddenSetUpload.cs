using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using SkiaSharp;

namespace Portal.LoadTest;

/// <summary>
/// Issue 15's large-upload target: a hidden set of 12,600 JPEGs of 384x512 as a zip, PUT to the host API
/// (<c>/api/v1/competitions/{slug}/hidden-set</c>) on loopback against Portal.Web's Release build running as its own
/// process; reports the upload rate (body bytes over the time to send them), the import time (last byte sent to the
/// answer) and the server's peak resident memory (VmHWM). The zip is made once under bench/data.
/// </summary>
internal static class HiddenSetUpload
{
    private const string Token = "ph_bench-hidden-set-upload-0123456789abcdef";

    public static async Task<string> RunAsync(int images)
    {
        var zip = EnsureZip(images);
        var data = Path.Combine(Path.GetTempPath(), "portal-bench-upload-" + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        using var server = StartWeb(data, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            await WaitUntilUpAsync(http);
            var before = PeakResidentBytes(server.Id);
            using (var created = await http.PostAsJsonAsync("api/v1/competitions", new { slug = "upload-bench", title = "Upload bench" }))
            {
                created.EnsureSuccessStatusCode();
            }

            await using var file = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
            var body = new TimedStream(file);
            using var content = new StreamContent(body, 1 << 20) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip"), ContentLength = file.Length } };
            var start = Stopwatch.GetTimestamp();
            using var response = await http.PutAsync("api/v1/competitions/upload-bench/hidden-set", content);
            var total = Stopwatch.GetElapsedTime(start);
            var answer = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"The upload answered {(int)response.StatusCode}: {answer}");
            }

            var upload = Stopwatch.GetElapsedTime(start, body.EndTimestamp);
            var import = total - upload;
            var peak = PeakResidentBytes(server.Id);
            return string.Create(CultureInfo.InvariantCulture,
                $"hidden-set upload: {images:N0} JPEGs, zip {file.Length / 1048576.0:0.0} MiB; sent in {upload.TotalSeconds:0.00} s " +
                $"({file.Length / 1e6 / upload.TotalSeconds:0} MB/s, target >= 100), imported in {import.TotalSeconds:0.0} s (target <= 20); " +
                $"server peak RSS {peak / 1048576.0:0} MiB (target < 1024; {before / 1048576.0:0} MiB after start); answer {answer}");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>bench/data/hidden-{images}.zip: info.csv and the JPEGs, drawn once (smooth shapes and mild noise, about the size of the task's photos).</summary>
    private static string EnsureZip(int images)
    {
        var folder = Path.Combine(Root(), "bench", "data");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"hidden-{images}.zip"));
        if (File.Exists(path))
        {
            return path;
        }

        var jpegs = new byte[images][];
        Parallel.For(0, images, i => jpegs[i] = Draw(i));
        var temporary = path + ".tmp";
        using (var archive = ZipFile.Open(temporary, ZipArchiveMode.Create))
        {
            var info = new StringBuilder("ImageID,ans\n");
            for (var i = 0; i < images; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"images/{i:D5}.jpg");
                info.Append(CultureInfo.InvariantCulture, $"{i:D5}.jpg,{i % 18}\n");
                using var entry = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
                entry.Write(jpegs[i]);
            }

            using var writer = new StreamWriter(archive.CreateEntry("info.csv").Open());
            writer.Write(info.ToString());
        }

        File.Move(temporary, path);
        return path;
    }

    private static byte[] Draw(int seed)
    {
        const int width = 384, height = 512;
        var random = new Random(seed);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var background = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)), new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256))],
                SKShaderTileMode.Clamp);
            using var paint = new SKPaint { Shader = background };
            canvas.DrawRect(0, 0, width, height, paint);
            for (var s = 0; s < 8; s++)
            {
                using var shape = new SKPaint { Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 160), IsAntialias = true };
                canvas.DrawOval(random.Next(width), random.Next(height), 20 + random.Next(120), 20 + random.Next(160), shape);
            }
        }

        var pixels = bitmap.GetPixelSpan().ToArray();
        for (var i = 0; i < pixels.Length; i++)
        {
            if (i % 4 != 3)
            {
                pixels[i] = (byte)Math.Clamp(pixels[i] + random.Next(-10, 11), 0, 255);
            }
        }

        using var noisy = new SKBitmap(width, height);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, noisy.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(noisy);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return jpeg.ToArray();
    }

    private static Process StartWeb(string data, int port)
    {
        var dll = Path.Combine(Root(), "src", "Portal.Web", "bin", "Release", "net10.0", "Portal.Web.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataDirectory"] = data;
        start.Environment["Portal__SeedDemo"] = "false";
        start.Environment["Portal__AdminPassword"] = "Bench-host-pass-1";
        start.Environment["Portal__HostApiToken"] = Token;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(start) ?? throw new InvalidOperationException("Portal.Web did not start.");
    }

    private static async Task WaitUntilUpAsync(HttpClient http)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Portal.Web did not answer /healthz within a minute.");
    }

    /// <summary>The process's peak resident set (VmHWM of /proc/PID/status), in bytes.</summary>
    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Root()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Portal.sln")))
        {
            root = root.Parent;
        }

        return root!.FullName;
    }

    /// <summary>The request body, noting when its last byte was read (sent).</summary>
    private sealed class TimedStream(Stream inner) : Stream
    {
        /// <summary>When the last byte was read (<see cref="Stopwatch.GetTimestamp"/>); 0 before.</summary>
        public long EndTimestamp { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Note(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Note(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Note(int read)
        {
            if (read == 0 && EndTimestamp == 0)
            {
                EndTimestamp = Stopwatch.GetTimestamp();
            }

            return read;
        }
    }
}
