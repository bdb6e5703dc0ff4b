namespace FakeRiver.Admin;

/// <summary>Composition helpers of the admin feature.</summary>
internal static class AdminSetup
{
    /// <summary>Registers <typeparamref name="TStore"/>'s clear methods as a target of <c>POST /__admin/reset</c>.</summary>
    public static IServiceCollection AddAdminReset<TStore>(this IServiceCollection services,
        Func<TStore, Action> reset, Func<TStore, Action<ProjectReset>> resetProject)
        where TStore : notnull =>
        services.AddSingleton<IAdminResettable>(sp =>
        {
            var store = sp.GetRequiredService<TStore>();
            return new ResetAction(reset(store), resetProject(store));
        });
}
