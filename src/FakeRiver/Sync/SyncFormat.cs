namespace FakeRiver.Sync;

/// <summary>The <c>format</c> of a <c>POST /v1/ai</c> answer.</summary>
internal enum SyncFormat
{
    /// <summary>The provider's body (<c>choices</c>, <c>usage</c>) with <c>X-ModelRiver-*</c> headers; the default.</summary>
    Raw,

    /// <summary><c>{data, customer_data, meta, backups?}</c>.</summary>
    Wrapped,
}
