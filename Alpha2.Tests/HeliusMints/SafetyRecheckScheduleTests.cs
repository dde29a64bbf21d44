using Alpha2.Worker.Features.HeliusMints;

namespace Alpha2.Tests.HeliusMints;

/// <summary>SAFETY_RECHECK_SCHEDULE read and applied (docs/domain.md §2.1.1).</summary>
public sealed class SafetyRecheckScheduleTests
{
    [TestCase("1m,5m,30m,2h,6h,24h", new[] { 60, 300, 1800, 7200, 21600, 86400 })]
    [TestCase(" 30s , 1d, 30s", new[] { 30, 86400 })]
    [TestCase("", new int[0])]
    public void Schedule_IsReadInSecondsMinutesHoursOrDays(string setting, int[] seconds) =>
        Assert.That(SafetyRecheckOptions.ParseSchedule(setting).Select(t => (int)t.TotalSeconds), Is.EqualTo(seconds));

    [TestCase("5x")]
    [TestCase("-1m")]
    [TestCase("m")]
    public void Schedule_RejectsWhatItCannotRead_NamingTheVariable(string setting) =>
        Assert.That(() => SafetyRecheckOptions.ParseSchedule(setting), Throws.InvalidOperationException.With.Message.Contains("SAFETY_RECHECK_SCHEDULE"));

    [Test]
    public void NextDue_SkipsStagesAlreadyPassed_AndEndsAfterTheLast()
    {
        var options = new SafetyRecheckOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.NextDue(1000, 1000), Is.EqualTo(1060));
            Assert.That(options.NextDue(1000, 1000 + 3 * 3600), Is.EqualTo(1000 + 6 * 3600), "a check postponed past two stages waits for the next");
            Assert.That(options.NextDue(1000, 1000 + 24 * 3600), Is.Null);
        });
    }
}
