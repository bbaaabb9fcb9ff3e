namespace YeKuo.Metering.Tests;

public sealed class MeteringApp() : ServiceApp<Program>("meteringdb", "/api/metering");
