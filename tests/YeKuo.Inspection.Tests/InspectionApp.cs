namespace YeKuo.Inspection.Tests;

public sealed class InspectionApp() : ServiceApp<Program>("inspectiondb", "/api/inspection");
