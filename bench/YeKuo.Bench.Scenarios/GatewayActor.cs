using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace YeKuo.Bench.Scenarios;

/// <summary>One application as the scenario drives it.</summary>
public sealed class AppCase(int index, string customerClass, string customer, IReadOnlyList<string> plan)
{
    public int Index { get; } = index;
    public string CustomerClass { get; } = customerClass;
    public string Customer { get; } = customer;
    public IReadOnlyList<string> Plan { get; } = plan;
    public Guid Id { get; set; }
    public string? Number { get; set; }
    public bool Driven { get; set; }
    public string? DriveError { get; set; }
    public int SubmitAttempts { get; set; }
    public bool SubmitRecovered { get; set; }
    public double SubmitMs { get; set; }

    /// <summary>What the actor is doing right now (for a stalled drive's report).</summary>
    public string Phase { get; set; } = "not started";
    public List<StepTiming> Steps { get; } = [];
}

/// <summary>How one step went: waiting for the handoff (the work item to open), then completing it.</summary>
public sealed record StepTiming(string Step, double HandoffMs, double CompleteMs, int Polls, int CompleteAttempts, bool CommittedEarlier);

/// <summary>Counters of what the actors met on the way (all thread-safe).</summary>
public sealed class ActorCounters
{
    private long _streamsOpened, _streamEvents, _fallbackPolls;
    private long _requests, _transient, _status5xx, _status500, _timeouts, _connectionErrors, _committedEarlier, _alreadyCompletedFirstTry, _conflictRetries;
    public readonly ConcurrentDictionary<string, long> TransientByStatus = new();
    public readonly ConcurrentQueue<string> Anomalies = new();

    /// <summary>5xx answers other than 502/503/504 (a killed service yields those): what was asked and what came back.</summary>
    public readonly ConcurrentQueue<string> ServerErrors = new();

    public long Requests => Interlocked.Read(ref _requests);
    public long Transient => Interlocked.Read(ref _transient);
    public long Status5xx => Interlocked.Read(ref _status5xx);
    public long Status500 => Interlocked.Read(ref _status500);
    public long Timeouts => Interlocked.Read(ref _timeouts);
    public long ConnectionErrors => Interlocked.Read(ref _connectionErrors);
    public long CommittedEarlier => Interlocked.Read(ref _committedEarlier);
    public long AlreadyCompletedFirstTry => Interlocked.Read(ref _alreadyCompletedFirstTry);
    public long ConflictRetries => Interlocked.Read(ref _conflictRetries);

    /// <summary>Worklist streams opened (reconnections included), events they carried, and polls made while a stream had not shown an item yet.</summary>
    public long StreamsOpened => Interlocked.Read(ref _streamsOpened);
    public long StreamEvents => Interlocked.Read(ref _streamEvents);
    public long FallbackPolls => Interlocked.Read(ref _fallbackPolls);

    internal void Request() => Interlocked.Increment(ref _requests);
    internal void StreamOpened() => Interlocked.Increment(ref _streamsOpened);
    internal void StreamEvent() => Interlocked.Increment(ref _streamEvents);
    internal void FallbackPoll() => Interlocked.Increment(ref _fallbackPolls);
    internal void Timeout() { Interlocked.Increment(ref _timeouts); Interlocked.Increment(ref _transient); TransientByStatus.AddOrUpdate("timeout", 1, (_, v) => v + 1); }
    internal void ConnectionError() { Interlocked.Increment(ref _connectionErrors); Interlocked.Increment(ref _transient); TransientByStatus.AddOrUpdate("connection", 1, (_, v) => v + 1); }
    /// <summary>Counted by status and method (a gateway answer for a GET that never reached its service is not the same as a POST lost after sending).</summary>
    internal void ServerError(HttpStatusCode status, HttpMethod method)
    {
        Interlocked.Increment(ref _status5xx);
        Interlocked.Increment(ref _transient);
        if (status == HttpStatusCode.InternalServerError) Interlocked.Increment(ref _status500);
        TransientByStatus.AddOrUpdate($"{(int)status} {method.Method}", 1, (_, v) => v + 1);
    }
    internal void CommittedOnEarlierAttempt() => Interlocked.Increment(ref _committedEarlier);
    internal void AlreadyCompletedOnFirstTry() => Interlocked.Increment(ref _alreadyCompletedFirstTry);
    internal void ConflictRetry() => Interlocked.Increment(ref _conflictRetries);
}

/// <summary>
/// A department actor working through the gateway: submits as the customer, waits for each handoff on the owning
/// department's worklist stream (<see cref="WorklistWatcher"/>; or, with <see cref="ChaosOptions.PollWorklists"/>, by
/// polling the worklist as before), completes the step. Tolerates a service (or the broker) being down: 5xx, connection errors and
/// timeouts are retried with the same action; a completion answered 409 "already Completed" after a retry counts as done
/// (the earlier attempt committed).
/// </summary>
public sealed class GatewayActor(HttpClient http, ChaosOptions options, ActorCounters counters)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long an actor trusts the stream before it also looks with one poll (a stream may be reconnecting).</summary>
    private static readonly TimeSpan StreamPatience = TimeSpan.FromSeconds(5);

    private readonly WorklistWatcher _worklists = new(http, counters);

    /// <summary>One HTTP exchange; null when it failed transiently (counted), else status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)?> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        counters.Request();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if ((int)response.StatusCode >= 500)
            {
                counters.ServerError(response.StatusCode, message.Method);
                if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                    && counters.ServerErrors.Count < 50)
                {
                    counters.ServerErrors.Enqueue($"{DateTime.Now:HH:mm:ss.fff} {message.Method} {message.RequestUri} -> {(int)response.StatusCode} {Trim(body)}");
                }
                return null;
            }
            return (response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            counters.Timeout();
            return null;
        }
        catch (HttpRequestException)
        {
            counters.ConnectionError();
            return null;
        }
        catch (IOException)
        {
            counters.ConnectionError();
            return null;
        }
    }

    public Task<(HttpStatusCode Status, string Body)?> GetAsync(string path, CancellationToken ct) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct);

    private Task PollDelay(CancellationToken ct) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)options.PollDelayMin.TotalMilliseconds, (int)options.PollDelayMax.TotalMilliseconds + 1)), ct);

    /// <summary>Submit, then every step of the plan, in order.</summary>
    public async Task DriveAsync(AppCase app, Action? onStepDone, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        app.Phase = "submitting";
        await SubmitAsync(app, ct).ConfigureAwait(false);
        app.SubmitMs = clock.Elapsed.TotalMilliseconds;
        foreach (var step in app.Plan)
        {
            if (step == "PowerConnection")
            {
                // 装表接电 opens only once the charges assessed with the scheme reply are paid (nothing charged: not held).
                app.Phase = "paying the charges";
                await PayChargesAsync(app, ct).ConfigureAwait(false);
            }
            var handoff = Stopwatch.StartNew();
            app.Phase = $"waiting for {step} to open";
            var (workItemId, polls) = await WaitForWorkItemAsync(app, step, ct).ConfigureAwait(false);
            var handoffMs = handoff.Elapsed.TotalMilliseconds;
            var complete = Stopwatch.StartNew();
            app.Phase = $"completing {step} (work item {workItemId})";
            var (attempts, earlier) = await CompleteAsync(app, step, workItemId, ct).ConfigureAwait(false);
            app.Steps.Add(new StepTiming(step, handoffMs, complete.Elapsed.TotalMilliseconds, polls, attempts, earlier));
            onStepDone?.Invoke();
        }
        app.Driven = true;
        app.Phase = "done";
    }

    private async Task SubmitAsync(AppCase app, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + options.HandoffTimeout;
        var body = CustomerClasses.Submission(app.CustomerClass, app.Index);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline) throw new ChaosDriveException($"submit: no answer within {options.HandoffTimeout.TotalSeconds:0} s");
            if (app.SubmitAttempts > 0)
            {
                // The application has no idempotency key: an earlier attempt may have committed before its answer was lost.
                var existing = await GetAsync($"/api/applications?customerId={Uri.EscapeDataString(app.Customer)}", ct).ConfigureAwait(false);
                if (existing is null)
                {
                    await PollDelay(ct).ConfigureAwait(false);
                    continue;
                }
                var list = JsonSerializer.Deserialize<JsonElement[]>(existing.Value.Body, Json) ?? [];
                if (list.Length > 0)
                {
                    app.Id = list[^1].GetProperty("id").GetGuid();
                    app.Number = list[^1].GetProperty("number").GetString();
                    app.SubmitRecovered = true;
                    if (list.Length > 1) counters.Anomalies.Enqueue($"{app.Customer}: {list.Length} applications after submit retries (duplicate submission)");
                    return;
                }
            }
            app.SubmitAttempts++;
            var result = await SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(body) };
                request.Headers.Add("X-User", app.Customer);
                return request;
            }, ct).ConfigureAwait(false);
            if (result is null)
            {
                await PollDelay(ct).ConfigureAwait(false);
                continue;
            }
            if (IsAlreadyCarriedOut(result.Value))
            {
                // The gateway resent it after the first copy's answer was lost, and that copy had committed: find it.
                counters.CommittedOnEarlierAttempt();
                continue;
            }
            if (result.Value.Status != HttpStatusCode.Created)
                throw new ChaosDriveException($"submit: {(int)result.Value.Status} {Trim(result.Value.Body)}");
            var created = JsonSerializer.Deserialize<JsonElement>(result.Value.Body, Json);
            app.Id = created.GetProperty("id").GetGuid();
            app.Number = created.GetProperty("number").GetString();
            return;
        }
    }

    private async Task<(Guid WorkItemId, int Polls)> WaitForWorkItemAsync(AppCase app, string step, CancellationToken ct)
    {
        var prefix = CustomerClasses.PrefixOf(step);
        var path = $"{prefix}/work-items?status=open&applicationId={app.Id}&step={step}";
        var deadline = DateTime.UtcNow + options.HandoffTimeout;
        var polls = 0;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (!options.PollWorklists)
            {
                if (await _worklists.WaitAsync(prefix, app.Id, step, StreamPatience, ct).ConfigureAwait(false) is { } streamed) return (streamed, polls);
                counters.FallbackPoll();
            }
            polls++;
            var result = await GetAsync(path, ct).ConfigureAwait(false);
            if (result is { Status: HttpStatusCode.OK })
            {
                var items = JsonSerializer.Deserialize<JsonElement[]>(result.Value.Body, Json) ?? [];
                foreach (var item in items)
                {
                    if (item.GetProperty("round").GetInt32() == 1) return (item.GetProperty("id").GetGuid(), polls);
                }
            }
            else if (result is { } other)
            {
                last = $"{(int)other.Status} {Trim(other.Body)}";
            }
            if (options.PollWorklists) await PollDelay(ct).ConfigureAwait(false);
        }
        throw new ChaosDriveException($"{step}: work item did not open in {prefix} within {options.HandoffTimeout.TotalSeconds:0} s ({polls} polls{(last is null ? "" : ", last answer " + last)})");
    }

    private async Task<(int Attempts, bool CommittedEarlier)> CompleteAsync(AppCase app, string step, Guid workItemId, CancellationToken ct)
    {
        var prefix = CustomerClasses.PrefixOf(step);
        var body = CustomerClasses.CompletionBody(step, app.CustomerClass, app.Index);
        var user = CustomerClasses.ActorOf(step, app.Customer);
        var deadline = DateTime.UtcNow + options.HandoffTimeout;
        var attempts = 0;
        var hadTransient = false;
        if (step == "SchemeReply") await ReviewSchemeAsync(app, workItemId, body, deadline, ct).ConfigureAwait(false);
        while (true)
        {
            if (DateTime.UtcNow > deadline)
                throw new ChaosDriveException($"{step}: completion of work item {workItemId} not accepted within {options.HandoffTimeout.TotalSeconds:0} s ({attempts} attempts)");
            attempts++;
            var result = await SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"{prefix}/work-items/{workItemId}/complete") { Content = JsonContent.Create(body) };
                request.Headers.Add("X-User", user);
                return request;
            }, ct).ConfigureAwait(false);
            if (result is null)
            {
                hadTransient = true;
                await PollDelay(ct).ConfigureAwait(false);
                continue;
            }
            var (status, text) = result.Value;
            if (status == HttpStatusCode.OK) return (attempts, false);
            if (IsAlreadyCarriedOut(result.Value))
            {
                // The gateway resent it after the first copy's answer was lost, and that copy had committed.
                counters.CommittedOnEarlierAttempt();
                return (attempts, true);
            }
            if (status == HttpStatusCode.Conflict && text.Contains("already Completed", StringComparison.Ordinal))
            {
                if (hadTransient)
                {
                    counters.CommittedOnEarlierAttempt();
                    return (attempts, true);
                }
                // Nobody else completes our work items: an answer like this on the first try is a finding.
                counters.AlreadyCompletedOnFirstTry();
                counters.Anomalies.Enqueue($"{app.Number ?? app.Id.ToString()} {step}: 409 already Completed on the first attempt ({Trim(text)})");
                return (attempts, true);
            }
            // A concurrent change, or 供电方案答复 before SupplyScheme has consumed the application's acceptance (its
            // charges need it; after a kill or a broker restart that event can trail the handoff): both say try again.
            if (status == HttpStatusCode.Conflict
                && (text.Contains("Someone else changed", StringComparison.Ordinal) || text.Contains("reply again in a moment", StringComparison.Ordinal)))
            {
                counters.ConflictRetry();
                await PollDelay(ct).ConfigureAwait(false);
                continue;
            }
            throw new ChaosDriveException($"{step}: completion of work item {workItemId} answered {(int)status} {Trim(text)}");
        }
    }

    /// <summary>
    /// 供电方案答复 needs an approved scheme before the reply (where SupplyScheme has the scheme review): draft it, give every
    /// reviewing department's approval and, for HV, the 方案审查会's decision. Driven by the round's state
    /// (<c>GET /work-items/{id}/scheme</c>), so a retried action is never applied twice. A service without the review
    /// (404 on that path) is completed directly.
    /// </summary>
    private async Task ReviewSchemeAsync(AppCase app, Guid workItemId, object scheme, DateTime deadline, CancellationToken ct)
    {
        const string prefix = "/api/supply-scheme";
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var round = await GetAsync($"{prefix}/work-items/{workItemId}/scheme", ct).ConfigureAwait(false);
            if (round is null)
            {
                await PollDelay(ct).ConfigureAwait(false);
                continue;
            }
            if (round.Value.Status == HttpStatusCode.NotFound) return;
            if (round.Value.Status != HttpStatusCode.OK)
                throw new ChaosDriveException($"SchemeReply: GET scheme of work item {workItemId} answered {(int)round.Value.Status} {Trim(round.Value.Body)}");
            var doc = JsonSerializer.Deserialize<JsonElement>(round.Value.Body, Json);
            var review = doc.TryGetProperty("review", out var r) ? r : default;
            (HttpStatusCode Status, string Body)? result;
            if (review.ValueKind != JsonValueKind.Object)
            {
                result = await PostAsync($"{prefix}/work-items/{workItemId}/draft", scheme, "staff-supplyscheme", ct).ConfigureAwait(false);
            }
            else
            {
                var reviewId = review.GetProperty("id").GetGuid();
                switch (review.GetProperty("status").GetString())
                {
                    case "Approved":
                        return;
                    case "UnderReview":
                        result = null;
                        foreach (var department in review.GetProperty("pendingDepartments").EnumerateArray().Select(d => d.GetString()!))
                        {
                            result = await PostAsync($"{prefix}/reviews/{reviewId}/opinions",
                                new { department, approve = true, comments = "同意" }, "reviewer-" + department, ct).ConfigureAwait(false);
                            if (result is null) break;
                        }
                        break;
                    case "AwaitingMeeting":
                        result = await PostAsync($"{prefix}/reviews/{reviewId}/meeting-decision",
                            new { approve = true, comments = "方案审查会同意" }, "scheme-review-meeting", ct).ConfigureAwait(false);
                        break;
                    case var status:
                        throw new ChaosDriveException($"SchemeReply: scheme review {reviewId} is {status}, not approvable");
                }
            }
            if (result is { } answer && (int)answer.Status >= 400 && answer.Status != HttpStatusCode.Conflict)
                throw new ChaosDriveException($"SchemeReply: scheme review action answered {(int)answer.Status} {Trim(answer.Body)}");
            if (result is { Status: HttpStatusCode.Conflict } conflict)
            {
                last = Trim(conflict.Body);
                app.Phase = $"SchemeReply review of work item {workItemId}: last 409 {last}";
            }
            // Transient failures and 409s (a retried action that had committed, a lost race) re-read the round's state.
            if (result is null || result.Value.Status == HttpStatusCode.Conflict) await PollDelay(ct).ConfigureAwait(false);
        }
        throw new ChaosDriveException($"SchemeReply: the scheme of work item {workItemId} was not approved within {options.HandoffTimeout.TotalSeconds:0} s{(last is null ? "" : "; last 409: " + last)}");
    }

    /// <summary>The customer pays the balance online, with a reference of its own so a retried payment is the same payment.</summary>
    private async Task PayChargesAsync(AppCase app, CancellationToken ct)
    {
        var path = $"/api/supply-scheme/applications/{app.Id}/charges";
        var deadline = DateTime.UtcNow + options.HandoffTimeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var charges = await GetAsync(path, ct).ConfigureAwait(false);
            last = charges is { } answer ? $"{(int)answer.Status} {Trim(answer.Body)}" : "no answer";
            if (charges is { Status: HttpStatusCode.OK } ok)
            {
                var doc = JsonSerializer.Deserialize<JsonElement>(ok.Body, Json);
                var status = doc.GetProperty("status").GetString();
                if (status is "Settled" || (status is "NotAssessed" && !app.Plan.Contains("SchemeReply")))
                    return;
                if (status == "Payable")
                {
                    await PostAsync($"{path}/payments", new { reference = $"CHAOS-{app.Id:N}", amount = doc.GetProperty("balance").GetDecimal() }, app.Customer, ct).ConfigureAwait(false);
                    continue;
                }
            }
            await PollDelay(ct).ConfigureAwait(false);
        }
        throw new ChaosDriveException($"The charges of {app.Number ?? app.Id.ToString()} were not paid within {options.HandoffTimeout.TotalSeconds:0} s (last answer: {last})");
    }

    private Task<(HttpStatusCode Status, string Body)?> PostAsync(string path, object body, string user, CancellationToken ct) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("X-User", user);
            return request;
        }, ct);

    /// <summary>409 from a service for a write the gateway resent whose first copy had committed (its answer was lost).</summary>
    private static bool IsAlreadyCarriedOut((HttpStatusCode Status, string Body) answer) =>
        answer.Status == HttpStatusCode.Conflict && answer.Body.Contains(YeKuo.Messaging.Audit.AuditMiddleware.AlreadyCarriedOutTitle, StringComparison.Ordinal);

    private static string Trim(string text) => text.Length <= 400 ? text : text[..400] + "…";
}

public sealed class ChaosDriveException(string message) : Exception(message);
