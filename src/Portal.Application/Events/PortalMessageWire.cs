using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Application.Events;

/// <summary>
/// How a <see cref="IPortalMessage"/> crosses processes: one channel per message type, named after it
/// (<c>portal:events:BoardChanged</c>), and a UTF-8 JSON envelope <c>{"origin":"…","message":{…}}</c> holding the
/// record's own shape (camelCase, enums by name, so a reordered enum is never misread) and the id of the sender.
/// </summary>
internal static class PortalMessageWire
{
    private const string ChannelPrefix = "portal:events:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The channel of the messages of <paramref name="messageType"/>.</summary>
    public static string ChannelOf(Type messageType) => ChannelPrefix + messageType.Name;

    /// <summary>The payload that carries <paramref name="message"/> from the sender <paramref name="origin"/>.</summary>
    public static byte[] Encode<TMessage>(string origin, TMessage message) where TMessage : IPortalMessage =>
        JsonSerializer.SerializeToUtf8Bytes(new Envelope<TMessage>(origin, message), Json);

    /// <summary>The envelope in <paramref name="payload"/>; throws <see cref="JsonException"/> when it is not one of <typeparamref name="TMessage"/>.</summary>
    public static Envelope<TMessage> Decode<TMessage>(ReadOnlySpan<byte> payload) where TMessage : IPortalMessage =>
        JsonSerializer.Deserialize<Envelope<TMessage>>(payload, Json) is { Origin: not null, Message: not null } envelope
            ? envelope
            : throw new JsonException($"Not a {typeof(TMessage).Name} envelope.");

    /// <summary>A message and the id of the process (the <see cref="RedisPortalEvents"/>) that published it.</summary>
    public sealed record Envelope<TMessage>(string Origin, TMessage Message) where TMessage : IPortalMessage;
}
