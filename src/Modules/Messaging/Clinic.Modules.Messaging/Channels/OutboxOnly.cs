namespace Clinic.Modules.Messaging.Channels;

/// <summary>No provider configured for any channel: every message is rendered, kept and marked not sent.</summary>
internal sealed class OutboxOnly : IChannelDirectory
{
    public Task<IMessageChannel?> FindAsync(ChannelKind kind, CancellationToken ct) => Task.FromResult<IMessageChannel?>(null);
}
