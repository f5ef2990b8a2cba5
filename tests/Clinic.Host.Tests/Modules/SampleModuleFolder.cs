using System.Reflection;

namespace Clinic.Host.Tests.Modules;

/// <summary>A modules folder as an operator would lay it out, holding the sample module's build output.</summary>
internal sealed class SampleModuleFolder : IDisposable
{
    public const string Folder = "Clinic.SampleModule";

    public SampleModuleFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clinic-modules", Guid.NewGuid().ToString("N"));

    public static string BuildOutput =>
        typeof(SampleModuleFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleModuleOutput").Value!;

    /// <summary>Copies the built module into <paramref name="folder"/>, optionally renaming its assembly file.</summary>
    public SampleModuleFolder WithSample(string folder = Folder, string? assemblyFile = null)
    {
        var target = Directory.CreateDirectory(System.IO.Path.Combine(Path, folder)).FullName;
        foreach (var file in Directory.GetFiles(BuildOutput))
        {
            var name = System.IO.Path.GetFileName(file);
            if (name == Folder + ".dll" && assemblyFile is not null)
                name = assemblyFile;
            File.Copy(file, System.IO.Path.Combine(target, name));
        }

        return this;
    }

    public SampleModuleFolder WithEmptyFolder(string folder)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, folder));
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
