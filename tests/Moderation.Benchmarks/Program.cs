using BenchmarkDotNet.Running;
using Moderation.Benchmarks;

if (args is ["retained-memory"])
{
    RetainedScanMemory.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
