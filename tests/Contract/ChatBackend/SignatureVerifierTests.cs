using ChatBackend.Webhooks;

namespace Contract.ChatBackend;

public class SignatureVerifierTests
{
    // Printed by Node 20: crypto.createHmac("sha256","whsec_test").update("1767607200." + JSON.stringify(JSON.parse(body).data)).
    private const string Body = """{"channel_id":"c1","data":{"reply":"Grüße 😀","n":1.0,"big":1e21,"2":"b","1":"a"}}""";
    private const string NodeSignature = "58a82f6ee3311aa4da70b2e0daa271b1162ed8c7c30e37e6f6a351f4d2a1d4f7";

    [Fact]
    public void Verify_NodeSignatureOverNonAsciiData_Valid() =>
        Assert.Equal(SignatureCheck.Valid, SignatureVerifier.Verify("whsec_test", "1767607200", NodeSignature, Body));

    [Fact]
    public void Verify_OtherTimestamp_Mismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, SignatureVerifier.Verify("whsec_test", "1767607201", NodeSignature, Body));

    [Fact]
    public void Verify_UppercaseHex_Mismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, SignatureVerifier.Verify("whsec_test", "1767607200", NodeSignature.ToUpperInvariant(), Body));

    [Fact]
    public void DataText_DataFalsy_Null()
    {
        Assert.Null(SignatureVerifier.DataText("""{"data":null}"""));
        Assert.Null(SignatureVerifier.DataText("""{"data":""}"""));
        Assert.Null(SignatureVerifier.DataText("""{"data":0}"""));
        Assert.Null(SignatureVerifier.DataText("[1]"));
        Assert.Equal("[]", SignatureVerifier.DataText("""{"data":[]}"""));
    }

    [Fact]
    public void Verify_RawBodyPathShortSignature_MismatchNotLengthMismatch() =>
        Assert.Equal(SignatureCheck.Mismatch, SignatureVerifier.Verify("s", "1", "abc", """{"channel_id":"c"}"""));
}
