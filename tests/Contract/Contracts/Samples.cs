namespace Contract.Contracts;

/// <summary>Ids shared by the samples (invented, shaped like the reference's illustrations).</summary>
public static class Samples
{
    public const string ChannelId = "0b7c1e52-4a51-4c0e-9d0c-6f2b8a1d3e77";
    public const string ProjectId = "5f0e9a1c-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
}
