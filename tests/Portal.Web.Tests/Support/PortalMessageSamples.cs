using System.Reflection;
using Portal.Application.Events;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Every <see cref="IPortalMessage"/> type of the application, found by reflection, each with a sample whose every
/// field holds a value other than its default (so a field that does not cross shows), for the tests that check each
/// type crosses processes.
/// </summary>
public static class PortalMessageSamples
{
    /// <summary>The message types (concrete, in Portal.Application).</summary>
    public static IReadOnlyList<Type> Types { get; } = typeof(IPortalMessage).Assembly.GetTypes()
        .Where(t => t.IsAssignableTo(typeof(IPortalMessage)) && t is { IsInterface: false, IsAbstract: false })
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>A sample of <paramref name="type"/> built with its widest public constructor.</summary>
    public static IPortalMessage Sample(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{type.Name} has no public constructor: it cannot be read back from JSON.");
        var parameters = constructor.GetParameters();
        return (IPortalMessage)constructor.Invoke(parameters.Select((p, i) => Value(p.ParameterType, i + 1, type)).ToArray());
    }

    private static object Value(Type type, int index, Type message)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner.IsEnum)
        {
            // The last value: never the default, and a reordered enum would show.
            return Enum.GetValues(inner).Cast<object>().Last();
        }

        return inner switch
        {
            _ when inner == typeof(int) => 1000 + index,
            _ when inner == typeof(long) => 5_000_000_000L + index,
            _ when inner == typeof(double) => index + 0.25,
            _ when inner == typeof(float) => index + 0.5f,
            _ when inner == typeof(bool) => true,
            _ when inner == typeof(string) => $"text {index}: \"quoted\", é, 日本",
            _ when inner == typeof(Guid) => new Guid(index, 2, 3, [4, 5, 6, 7, 8, 9, 10, 11]),
            _ when inner == typeof(DateTime) => new DateTime(2026, 12, 1, 6, 30, index % 60, DateTimeKind.Utc),
            _ => throw new InvalidOperationException(
                $"{message.Name} has a parameter of type {type.Name}: give it a sample in {nameof(PortalMessageSamples)} (or keep messages to ids, enums, numbers and short strings)."),
        };
    }

    /// <summary>Calls the generic <paramref name="method"/> of <paramref name="owner"/> for <paramref name="messageType"/>.</summary>
    public static object? InvokeGeneric(Type owner, string method, Type messageType, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var generic = owner.GetMethod(method, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"No method {method} on {owner.Name}.");
        return generic.MakeGenericMethod(messageType).Invoke(null, arguments);
    }
}
