using Clinic.BuildingBlocks.Work;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Clinic.BuildingBlocks.Web.Forms;

/// <summary>
/// A server-rendered page whose form sends a command through the <see cref="UnitOfWork"/>. The page says only what
/// to show and where a success goes. A GET reads the stored values (<see cref="ReadAsync"/>) and loads what the form
/// offers (<see cref="LoadAsync"/>). A POST runs the command (<see cref="SubmitAsync"/>) and redirects, loading
/// nothing, or re-renders the form with the refusal's status (400 with field errors, 404, 409), loading it then.
/// </summary>
/// <remarks>
/// Not generic over the command: Razor components are public (dotnet/aspnetcore#63041) and a module's commands are
/// internal, so the page keeps its <c>[SupplyParameterFromForm] private Command? Input</c> and passes it in.
/// </remarks>
public abstract class FormPage : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    protected FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>
    /// Whether to show the form: false while a GET still reads it (a page may render before its reads complete), and
    /// when what the form is about does not exist (404), where the page shows "not found" instead.
    /// </summary>
    protected bool Found { get; private set; }

    /// <summary>The request's cancellation: ended when the browser goes away.</summary>
    protected CancellationToken Aborted => HttpContext.RequestAborted;

    [Inject] private UnitOfWork Work { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // A POST is decided by its submit, which runs after this: a success redirects and needs nothing loaded.
        if (HttpMethods.IsPost(HttpContext.Request.Method))
        {
            Found = true;
            return;
        }

        if (!await ReadAsync())
        {
            NotFound();
            return;
        }

        Found = true;
        await ShowAsync();
    }

    /// <summary>On a GET, sets the form's starting values (the stored record, for an edit); false when it does not exist.</summary>
    protected virtual Task<bool> ReadAsync() => Task.FromResult(true);

    /// <summary>What the form offers or shows beside its fields; false when it does not exist. Runs only when the form is rendered.</summary>
    protected virtual Task<bool> LoadAsync() => Task.FromResult(true);

    /// <summary>Runs <paramref name="command"/>; a success redirects to <paramref name="redirectTo"/>, a refusal re-renders the form.</summary>
    protected Task SubmitAsync<TCommand, TResult>(TCommand command, Func<TResult, string> redirectTo) =>
        SubmitAsync<TCommand, TResult>(command, value => Task.FromResult(redirectTo(value)));

    /// <summary>
    /// As above, for a success with more to do once the change is committed, such as signing the person in; the
    /// continuation answers where to go.
    /// </summary>
    protected async Task SubmitAsync<TCommand, TResult>(TCommand command, Func<TResult, Task<string>> afterwards)
    {
        var outcome = await Work.RunAsync<TCommand, TResult>(command, Aborted);
        if (outcome.Succeeded)
        {
            Navigation.NavigateTo(await afterwards(outcome.Value!), forceLoad: true);
            return;
        }

        if (outcome.Kind == OutcomeKind.NotFound)
        {
            NotFound();
            return;
        }

        Errors = outcome.Errors;
        HttpContext.Response.StatusCode = outcome.StatusCode;
        await ShowAsync();
    }

    private async Task ShowAsync()
    {
        if (!await LoadAsync())
            NotFound();
    }

    /// <summary>
    /// The status of "not found": 404, or 410 for a page behind a single-use link, whose spent link is gone rather than unknown.
    /// </summary>
    protected virtual int NotFoundStatus => StatusCodes.Status404NotFound;

    // Another clinic's record, an unknown id and a malformed one all look the same: not found.
    private void NotFound()
    {
        Found = false;
        HttpContext.Response.StatusCode = NotFoundStatus;
    }
}
