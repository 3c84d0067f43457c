namespace Moderation.Api.Registrations.Rules;

/// <summary>
/// When the department must decide: a number of working days (Monday to Friday) after the
/// submission, at the end of that day in China Standard Time. Public holidays are not known to the
/// system and are not skipped, so the date shown is never later than the statutory one.
/// </summary>
public static class ReviewDeadline
{
    /// <summary>China Standard Time; the deadline's day ends at midnight there.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static DateTimeOffset After(DateTimeOffset submittedAt, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        var day = DateOnly.FromDateTime(submittedAt.ToOffset(ChinaStandardTime).DateTime);
        var counted = 0;
        while (counted < workingDays)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                counted++;
            }
        }

        return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaStandardTime).ToUniversalTime();
    }
}
