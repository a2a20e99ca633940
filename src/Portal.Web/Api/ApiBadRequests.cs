using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Web.Api;

/// <summary>
/// Turns the framework's refusal of a request it could not bind (a JSON body that does not parse, a field of the wrong
/// type, a query value that is not a number) into a sentence that names the field and what it must be. Minimal APIs
/// throw these as <see cref="BadHttpRequestException"/> under <c>RouteHandlerOptions.ThrowOnBadRequest</c>; without
/// this, the caller got "the request is not well formed" and had to guess which of its fields was wrong.
/// </summary>
public static partial class ApiBadRequests
{
    /// <summary>Middleware for the API branch: a bad request thrown below becomes its status with the sentence (<see cref="Explain"/>).</summary>
    public static async Task ExplainAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
            if (e.StatusCode == StatusCodes.Status400BadRequest)
            {
                var body = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
                ApiProblems.Explain(context, Explain(e, body));
            }
        }
    }

    /// <summary>
    /// The sentence for one bad request: the field or parameter, and what it must be. <paramref name="bodyType"/>, the
    /// type the endpoint reads its JSON body as, lets a wrong field's own type be named (System.Text.Json names the
    /// record being built rather than the field).
    /// </summary>
    public static string Explain(BadHttpRequestException exception, Type? bodyType = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.InnerException is JsonException json)
        {
            var field = json.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : null;
            var converted = ConvertedTo().Match(json.Message);
            if (converted.Success && field is not null)
            {
                var type = TypeAt(bodyType, field)?.Name ?? converted.Groups[1].Value.Split('.')[^1];
                return $"The field '{field}' has a value of the wrong type: it must be {Expected(type)}.";
            }

            var where = json.LineNumber is long line && json.BytePositionInLine is long column
                ? $" (line {line + 1}, column {column + 1})" : "";
            return $"The body is not valid JSON{where}. Check the quotes, commas and brackets there.";
        }

        var parameter = FailedToBind().Match(exception.Message);
        if (parameter.Success)
        {
            return $"The parameter '{parameter.Groups[2].Value}' must be {Expected(parameter.Groups[1].Value)}; '{parameter.Groups[3].Value}' is not.";
        }

        return exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? "The body is missing or is not JSON (send Content-Type: application/json); see /openapi/v1.json."
            : "The request is not well formed; check the address and the parameters against /openapi/v1.json.";
    }

    /// <summary>The type of the member at a JSON path such as <c>members[0].id</c> under <paramref name="root"/>, or null.</summary>
    private static Type? TypeAt(Type? root, string path)
    {
        var type = root;
        foreach (var part in path.Split('.'))
        {
            if (type is null)
            {
                return null;
            }

            var name = part.Split('[')[0];
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            type = property?.PropertyType;
            for (var index = part.Count(c => c == '['); index > 0 && type is not null; index--)
            {
                type = type.IsArray ? type.GetElementType()
                    : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
            }
        }

        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    /// <summary>A .NET type name as the value a student would write.</summary>
    private static string Expected(string type) => type.ToUpperInvariant().Replace("NULLABLE<", "", StringComparison.Ordinal).TrimEnd('?', '>') switch
    {
        "INT" or "INT32" or "INT64" or "LONG" or "SHORT" or "INT16" or "BYTE" or "UINT64" or "ULONG" => "a whole number",
        "DOUBLE" or "FLOAT" or "SINGLE" or "DECIMAL" => "a number",
        "BOOL" or "BOOLEAN" => "true or false",
        "DATETIME" or "DATETIMEOFFSET" => "a UTC time such as 2027-01-31T23:59:00Z",
        "STRING" => "text in quotes",
        var name when name.EndsWith("[]", StringComparison.Ordinal) || name.Contains("LIST", StringComparison.Ordinal) => "a list in brackets",
        _ => "of another kind (see /openapi/v1.json)",
    };

    [GeneratedRegex(@"could not be converted to ([^\s]+?)\.? Path:", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("""Failed to bind parameter "(\S+)\s+(\w+)" from "(.*)"\.""", RegexOptions.CultureInvariant)]
    private static partial Regex FailedToBind();
}
