namespace YeKuo.Web.Localization;

public sealed partial class UiText
{
    private static readonly IReadOnlyDictionary<string, string> EnglishText = new Dictionary<string, string>
    {
    };
}
