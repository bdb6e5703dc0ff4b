namespace FakeRiver.Requests;

public enum TokenRedeemResult
{
    Ok,
    Unknown,
    AlreadyUsed,
    Expired,
}
