using System.Text.Json;
using Bunit;

namespace Portal.Web.Tests.Components;

/// <summary>The options a rendered chart handed to the browser (Vizor.ECharts' initChart call), as JSON.</summary>
internal static class ChartOptionsJson
{
    public static JsonElement Last(BunitJSInterop interop)
    {
        var call = interop.Invocations.Last(i => i.Identifier == "vizorECharts.initChart");
        return JsonDocument.Parse((string)call.Arguments[3]!).RootElement;
    }

    public static string InitOptions(BunitJSInterop interop) =>
        (string)interop.Invocations.Last(i => i.Identifier == "vizorECharts.initChart").Arguments[2]!;
}
