namespace Contract.ChatBackend.Infrastructure;

/// <summary>A SQLite file of a test's own, outliving the hosts that open it (restart tests); deleted with its WAL files.</summary>
public sealed class TempDatabase : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"chatbackend-test-{Guid.NewGuid():N}.db");

    public void Dispose() => Delete(Path);

    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file)) File.Delete(file);
        }
    }
}
