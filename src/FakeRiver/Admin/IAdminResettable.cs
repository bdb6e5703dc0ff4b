namespace FakeRiver.Admin;

/// <summary>A store that <c>POST /__admin/reset</c> empties (requests, tokens, journals).</summary>
public interface IAdminResettable
{
    void Reset();
}
