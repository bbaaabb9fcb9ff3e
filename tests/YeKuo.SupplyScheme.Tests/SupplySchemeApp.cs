namespace YeKuo.SupplyScheme.Tests;

public sealed class SupplySchemeApp() : ServiceApp<Program>("supplyschemedb", "/api/supply-scheme");
