namespace FakeRiver.Requests;

/// <summary>What a redeemed ws_token entitles its socket to: the one channel of one project it was issued for.</summary>
internal sealed record TokenGrant(string Token, string ProjectId, string ChannelId, DateTimeOffset ExpiresAt);
