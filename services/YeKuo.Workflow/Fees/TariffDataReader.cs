using System.Text.Json;
using System.Text.Json.Serialization;
using YeKuo.Contracts;
using YeKuo.Contracts.Fees;

namespace YeKuo.Workflow.Fees;

/// <summary>Reads the project's tariff file format (<c>yekuo-tariff/1</c>, see docs/fees.md).</summary>
public static class TariffDataReader
{
    public const string Format = "yekuo-tariff/1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static IReadOnlyList<Tariff> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<FileDto>(json, Options) ?? throw new FormatException("Tariff data is empty.");
        if (file.Format != Format)
            throw new FormatException($"Tariff data format '{file.Format}' is not '{Format}'.");

        return (file.Versions ?? []).Select(v => new Tariff(
                v.Id ?? throw new FormatException("A tariff version has no id."),
                v.Title ?? throw new FormatException($"Tariff {v.Id} has no title."),
                v.EffectiveFrom,
                v.EffectiveTo,
                v.ZeroServiceFree?.Source ?? throw new FormatException($"Tariff {v.Id} does not say where 三零 being free rests (zeroServiceFree.source)."),
                (v.Items ?? []).Select(i => new TariffItem(
                    i.Code ?? throw new FormatException($"Tariff {v.Id}: an item has no code."),
                    i.Name ?? throw new FormatException($"Tariff {v.Id}, {i.Code}: no name."),
                    i.EnglishName ?? throw new FormatException($"Tariff {v.Id}, {i.Code}: no englishName."),
                    i.Basis ?? throw new FormatException($"Tariff {v.Id}, {i.Code}: no basis."),
                    i.Amount is { } amount && amount > 0 && decimal.Round(amount, 2) == amount
                        ? amount
                        : throw new FormatException($"Tariff {v.Id}, {i.Code}: amount must be positive, in 元 with at most two decimals."),
                    i.Kinds is { Count: > 0 } ? i.Kinds : throw new FormatException($"Tariff {v.Id}, {i.Code}: no kinds."),
                    i.Classes is { Count: > 0 } ? i.Classes : throw new FormatException($"Tariff {v.Id}, {i.Code}: no classes."),
                    i.CompanyConfigured,
                    string.IsNullOrWhiteSpace(i.Source) ? throw new FormatException($"Tariff {v.Id}, {i.Code}: no source (the document the item rests on).") : i.Source,
                    i.OnRequest)).ToArray()))
            .ToArray();
    }

    private sealed record FileDto(string? Format, string? Note, List<VersionDto>? Versions);

    private sealed record VersionDto(
        string? Id, string? Title, DateOnly EffectiveFrom, DateOnly? EffectiveTo, ZeroServiceDto? ZeroServiceFree, List<ItemDto>? Items);

    private sealed record ZeroServiceDto(string? Source);

    private sealed record ItemDto(
        string? Code, string? Name, string? EnglishName, ChargeBasis? Basis, decimal? Amount, List<ApplicationKind>? Kinds,
        List<CustomerClass>? Classes, bool CompanyConfigured, bool OnRequest, string? Source);
}
