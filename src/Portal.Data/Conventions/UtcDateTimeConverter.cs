using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Data.Conventions;

/// <summary>
/// Every <see cref="DateTime"/> the portal stores is UTC (the <c>...Utc</c> properties); SQLite keeps no kind, so values
/// read back would be <see cref="DateTimeKind.Unspecified"/> and serialise without the <c>Z</c> that says they are
/// UTC. Read values are marked UTC; written values keep their instant (a local time is converted, an unspecified one
/// is taken as UTC).
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
