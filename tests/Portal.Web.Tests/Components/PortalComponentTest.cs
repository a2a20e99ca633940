using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Portal.Web.Tests.Components;

/// <summary>The base of component tests: MudBlazor's services, and JavaScript calls answered loosely.</summary>
public abstract class PortalComponentTest : BunitContext
{
    protected PortalComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
