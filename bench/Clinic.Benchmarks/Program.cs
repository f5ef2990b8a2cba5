using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Clinic.Benchmarks -- --filter '*'
// Results: bench/Clinic.Benchmarks/BenchmarkDotNet.Artifacts/results; figures are written up in docs/performance.md.
BenchmarkSwitcher.FromAssembly(typeof(Clinic.Benchmarks.HostStartup).Assembly).Run(args, DefaultConfig.Instance.WithArtifactsPath(
    Path.Combine(Clinic.Benchmarks.HostBuild.BenchmarkProjectDirectory, "BenchmarkDotNet.Artifacts")));
