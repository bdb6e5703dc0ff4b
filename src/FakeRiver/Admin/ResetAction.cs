namespace FakeRiver.Admin;

/// <summary>Adapts a store's clear method to <see cref="IAdminResettable"/> without the store knowing about admin.</summary>
public sealed class ResetAction(Action reset) : IAdminResettable
{
    public void Reset() => reset();
}
