using System.Net.Http.Headers;
using System.Text;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Trust;

/// <summary>Uploads with the team's validation numbers, as the API's multipart form.</summary>
internal static class TrustHttp
{
    /// <summary>Uploads a CSV with <c>validationF1</c> and <c>validationFolds</c> (each left out when null).</summary>
    public static async Task<HttpResponseMessage> SubmitWithValidationAsync(this HttpClient client, string slug, string csv, string? f1, string? folds, string description = "with validation")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "predictions.csv");
        form.Add(new StringContent(description), "description");
        if (f1 is not null)
        {
            form.Add(new StringContent(f1), "validationF1");
        }

        if (folds is not null)
        {
            form.Add(new StringContent(folds), "validationFolds");
        }

        return await client.PostAsync(new Uri($"/api/v1/competitions/{slug}/submissions", UriKind.Relative), form, TestContext.Current.CancellationToken);
    }
}
