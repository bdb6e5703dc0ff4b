namespace ChatBackend.Webhooks;

/// <summary>Result of comparing a webhook signature; each failure has its own 401 message in the example.</summary>
public enum SignatureCheck
{
    Valid,
    LengthMismatch,
    Mismatch,
}
