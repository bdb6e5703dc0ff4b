namespace FakeRiver.Requests;

internal enum TokenRedeemResult
{
    Ok,
    Unknown,
    AlreadyUsed,
    Expired,
}
