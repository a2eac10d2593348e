// Secrets on disk (the generated API key, the database password): readable by us alone from the
// moment they exist (mode 0600 at creation, never chmod-ed afterwards), and written whole (a
// temporary file renamed into place), so a crash never leaves a half-written secret.
namespace Timeline.Hosting;

public static class PrivateFile
{
    public static void Write(string path, string content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
