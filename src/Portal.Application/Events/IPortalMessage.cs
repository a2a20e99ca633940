namespace Portal.Application.Events;

/// <summary>
/// A message of <see cref="IPortalEvents"/>: a small record of ids, enums, numbers and short strings, so it can
/// cross processes as JSON (a pub/sub channel per message type). Never an entity, never a large payload.
/// </summary>
public interface IPortalMessage;
