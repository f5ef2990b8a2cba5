namespace Clinic.Modules.Messaging.Contracts;

/// <summary>An outside company that carries the clinic's messages, named in the privacy policy.</summary>
public sealed record MessageProcessor(string Name, string Purpose);

/// <summary>The providers the current clinic has actually set up to send its messages, so the policy cannot drift from them.</summary>
public interface IMessageProcessors
{
    Task<IReadOnlyList<MessageProcessor>> ListAsync(CancellationToken ct);
}

/// <summary>The default while Messaging is switched off: a clinic that sends no messages has no processor to name.</summary>
public sealed class NoMessageProcessors : IMessageProcessors
{
    public Task<IReadOnlyList<MessageProcessor>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<MessageProcessor>>([]);
}
