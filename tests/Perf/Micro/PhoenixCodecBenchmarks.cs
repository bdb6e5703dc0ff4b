using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FakeRiver.Phoenix;

namespace Perf.Micro;

/// <summary>
/// One <c>tokens</c> push encoded (the per-socket fan-out cost) and one client frame decoded (every inbound message).
/// The encoder is measured as the socket handler uses it: one reused writer and buffer per socket.
/// </summary>
[MemoryDiagnoser]
public class PhoenixCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(512);
    private PhoenixFrame _push = null!;
    private Utf8JsonWriter _writer = null!;
    private byte[] _joinFrame = null!;

    [GlobalSetup]
    public void Setup()
    {
        var payload = Encoding.UTF8.GetBytes(
            """{"channel_id":"0b6f1d6e-1c1e-4c53-9a53-4f1c2d3e4f50","seq":17,"delta":" lorem","attempt":1,"provider":"openai","model":"gpt-4o-mini"}""");
        _push = new PhoenixFrame("1", null, "ai_response:5f0e9a1c-2b3d-4e5f-8a9b-0c1d2e3f4a5b:0b6f1d6e-1c1e-4c53-9a53-4f1c2d3e4f50", "tokens", payload);
        _writer = new Utf8JsonWriter(_output, PhoenixEncoder.WriterOptions);
        _joinFrame = Encoding.UTF8.GetBytes(
            """["1","1","ai_response:5f0e9a1c-2b3d-4e5f-8a9b-0c1d2e3f4a5b:0b6f1d6e-1c1e-4c53-9a53-4f1c2d3e4f50","phx_join",{"last_seq":12}]""");
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark]
    public int EncodeTokensPushReusedWriter()
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        PhoenixEncoder.Write(_writer, _push, PhoenixVersion.V2);
        return _output.WrittenCount;
    }

    [Benchmark]
    public byte[] EncodeTokensPushFresh() => PhoenixEncoder.Encode(_push, PhoenixVersion.V2);

    [Benchmark]
    public bool DecodeJoin() => PhoenixDecoder.Decode(_joinFrame, PhoenixVersion.V2).IsSuccess;
}
