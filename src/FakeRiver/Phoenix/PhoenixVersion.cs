namespace FakeRiver.Phoenix;

/// <summary>The serializer a socket speaks, chosen by the <c>vsn</c> query parameter of the upgrade.</summary>
public enum PhoenixVersion
{
    /// <summary>Objects <c>{"topic","event","payload","ref","join_ref"}</c>: <c>vsn</c> absent or 1.0.0.</summary>
    V1,

    /// <summary>Arrays <c>[join_ref, ref, topic, event, payload]</c>: <c>vsn=2.0.0</c> (phoenix.js, the SDK).</summary>
    V2,
}
