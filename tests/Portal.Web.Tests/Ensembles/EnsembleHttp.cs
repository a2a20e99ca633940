using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Ensembles;

/// <summary>Ensemble and N-way comparison calls of the API, and probabilities CSVs to feed soft voting.</summary>
public static class EnsembleHttp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts an ensemble request as JSON (members as (id, weight)).</summary>
    public static Task<HttpResponseMessage> PostEnsembleAsync(this HttpClient client, string slug, string method, params (int Id, double Weight)[] members)
    {
        ArgumentNullException.ThrowIfNull(client);
        var body = new { method, members = members.Select(m => new { id = m.Id, weight = m.Weight }).ToArray(), description = "ensemble from the tests" };
        return client.PostAsJsonAsync(new Uri($"/api/v1/competitions/{slug}/ensembles", UriKind.Relative), body, PortalHttp.Json, Ct);
    }

    /// <summary>Posts an ensemble that must be accepted; returns its id.</summary>
    public static async Task<int> PostEnsembleAcceptedAsync(this HttpClient client, string slug, string method, params (int Id, double Weight)[] members)
    {
        using var response = await client.PostEnsembleAsync(slug, method, members);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"The ensemble answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(PortalHttp.Json, Ct))!.Id;
    }

    /// <summary>
    /// Probabilities in hidden-set order, row-major: <paramref name="labels"/>[i] gets a confidence between 0.3
    /// and 0.9 that varies by image (seeded), the rest is spread evenly over the other classes.
    /// </summary>
    public static float[] Probabilities(byte[] labels, int classes, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var random = new Random(seed);
        var result = new float[labels.Length * classes];
        for (var i = 0; i < labels.Length; i++)
        {
            var confidence = 0.3f + 0.6f * (float)random.NextDouble();
            var rest = (1 - confidence) / (classes - 1);
            for (var c = 0; c < classes; c++)
            {
                result[i * classes + c] = c == labels[i] ? confidence : rest;
            }
        }

        return result;
    }

    /// <summary>A probabilities CSV (<c>ImageID,0,...,C-1</c>), values written so that they read back exactly.</summary>
    public static string ProbabilitiesCsv(IReadOnlyList<string> imageIds, float[] probabilities, int classes)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        ArgumentNullException.ThrowIfNull(probabilities);
        var csv = new StringBuilder("ImageID," + string.Join(',', Enumerable.Range(0, classes)) + "\n");
        for (var i = 0; i < imageIds.Count; i++)
        {
            csv.Append(imageIds[i]);
            for (var c = 0; c < classes; c++)
            {
                csv.Append(',').Append(probabilities[i * classes + c].ToString("R", CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }
}
