using Portal.Application.Events;
using Portal.Application.Jobs;
using Portal.Application.Leaderboards;
using Portal.Data.Entities;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Events;

/// <summary>
/// The JSON that carries each message type between processes (no Redis needed): every <see cref="IPortalMessage"/>
/// type, found by reflection, comes back equal, on a channel of its own. A new message type that cannot cross fails here.
/// </summary>
public sealed class PortalMessageWireTests
{
    public static TheoryData<string> MessageTypes => [.. PortalMessageSamples.Types.Select(t => t.FullName!)];

    [Fact]
    public void Types_FoundByReflection_IncludeTheKnownMessages()
    {
        Assert.Contains(typeof(JobUpdate), PortalMessageSamples.Types);
        Assert.Contains(typeof(BoardChanged), PortalMessageSamples.Types);
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void EncodeThenDecode_EveryMessageType_GivesBackAnEqualMessageAndItsSender(string typeName)
    {
        // Arrange
        var type = PortalMessageSamples.Types.Single(t => t.FullName == typeName);
        var sample = PortalMessageSamples.Sample(type);

        // Act
        var back = PortalMessageSamples.InvokeGeneric(typeof(PortalMessageWireTests), nameof(RoundTrip), type, sample);

        // Assert
        Assert.Equal(("sender-1", sample), back);
    }

    [Fact]
    public void ChannelOf_EveryMessageType_IsItsOwn()
    {
        var channels = PortalMessageSamples.Types.Select(PortalMessageWire.ChannelOf).ToList();

        Assert.Equal(channels.Count, channels.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("portal:events:BoardChanged", channels);
    }

    [Fact]
    public void Encode_Enums_AreWrittenByName()
    {
        var update = new JobUpdate(1, JobKind.RunModel, 2, 3, JobState.Running, 0.5, "Running", null);

        var json = System.Text.Encoding.UTF8.GetString(PortalMessageWire.Encode("me", update));

        Assert.Contains("\"state\":\"Running\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"RunModel\"", json, StringComparison.Ordinal);
        Assert.Contains("\"origin\":\"me\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NotAnEnvelope_ThrowsJsonException()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => PortalMessageWire.Decode<BoardChanged>("{\"competitionId\":3}"u8));
        Assert.Throws<System.Text.Json.JsonException>(() => PortalMessageWire.Decode<BoardChanged>("not json"u8));
    }

    private static (string Origin, IPortalMessage Message) RoundTrip<TMessage>(IPortalMessage sample) where TMessage : IPortalMessage
    {
        var envelope = PortalMessageWire.Decode<TMessage>(PortalMessageWire.Encode("sender-1", (TMessage)sample));
        return (envelope.Origin, envelope.Message);
    }
}
