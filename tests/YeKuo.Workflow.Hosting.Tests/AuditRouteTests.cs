using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using YeKuo.Messaging.Audit;

namespace YeKuo.Workflow.Hosting.Tests;

/// <summary>What the audit records of a request's endpoint: the template with parameter names, never a value from the path.</summary>
public sealed class AuditRouteTests
{
    [Theory]
    [InlineData("/api/inspection/work-items/{id:guid}/complete", "/api/inspection/work-items/{id}/complete")]
    [InlineData("/api/applications/work-items/{workItemId:guid}/reject", "/api/applications/work-items/{workItemId}/reject")]
    [InlineData("/api/applications/", "/api/applications")]
    [InlineData("/admin/messaging/error-queues/{errorQueue}/replay", "/admin/messaging/error-queues/{errorQueue}/replay")]
    [InlineData("/files/{**path}", "/files/{*path}")]
    public void The_route_is_the_template_without_constraints(string pattern, string recorded)
    {
        var endpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, null, null);

        Assert.Equal(recorded, AuditMiddleware.RouteOf(endpoint));
    }

    [Theory]
    [InlineData("POST", true)]
    [InlineData("put", true)]
    [InlineData("PATCH", true)]
    [InlineData("DELETE", true)]
    [InlineData("GET", false)]
    [InlineData("HEAD", false)]
    [InlineData("OPTIONS", false)]
    public void Only_state_changing_methods_are_audited(string method, bool audited) =>
        Assert.Equal(audited, AuditMiddleware.IsStateChanging(method));

    [Fact]
    public void Outside_an_audited_request_the_scope_does_nothing()
    {
        var scope = new DefaultHttpContext().Audit();

        Assert.Same(scope, scope.Target(Guid.NewGuid()).Before("Open").After("Completed"));
    }
}
