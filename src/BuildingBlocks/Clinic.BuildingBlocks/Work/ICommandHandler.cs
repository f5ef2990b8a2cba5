namespace Clinic.BuildingBlocks.Work;

/// <summary>
/// A slice's own decision about one command, and nothing else: the <see cref="UnitOfWork"/> has validated the command
/// and opened the transaction, and commits it with the audit entries and events the handler adds to the change.
/// </summary>
public interface ICommandHandler<in TCommand, TResult>
{
    Task<Outcome<TResult>> HandleAsync(TCommand command, Change change);
}
