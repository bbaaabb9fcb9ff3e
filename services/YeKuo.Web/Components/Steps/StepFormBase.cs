using Microsoft.AspNetCore.Components;
using YeKuo.Web.Api;

namespace YeKuo.Web.Components.Steps;

/// <summary>A step's completion form: posts the step-specific body and shows the API's field errors next to the fields.</summary>
public abstract class StepFormBase : ComponentBase
{
    [Inject]
    protected GatewayApi Api { get; set; } = default!;

    [Parameter, EditorRequired]
    public WorkItem Item { get; set; } = default!;

    /// <summary>The department's API prefix, e.g. <c>api/inspection</c>.</summary>
    [Parameter, EditorRequired]
    public string Prefix { get; set; } = "";

    /// <summary>Raised after a successful action so the page re-reads the work item.</summary>
    [Parameter]
    public EventCallback Done { get; set; }

    /// <summary>The application the work item belongs to, when the page has it (prefills, facts).</summary>
    [Parameter]
    public ApplicationDetails? Application { get; set; }

    /// <summary>The user heads the department (e.g. decides at the 方案审查会).</summary>
    [Parameter]
    public bool IsHead { get; set; }

    protected IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected IApiOutcome? Result { get; set; }

    protected bool Busy { get; set; }

    protected Task CompleteAsync(object body) => PostAsync($"{Prefix}/work-items/{Item.Id}/complete", body);

    protected async Task<bool> PostAsync(string path, object body)
    {
        Busy = true;
        try
        {
            var answer = await Api.PostAsync<System.Text.Json.JsonElement>(path, body);
            Result = answer;
            Errors = answer.Errors;
            if (answer.Ok)
            {
                await Done.InvokeAsync();
            }
            return answer.Ok;
        }
        finally
        {
            Busy = false;
        }
    }
}
