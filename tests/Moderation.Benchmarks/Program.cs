using BenchmarkDotNet.Running;
using Moderation.Benchmarks;

if (args is ["retained-memory"])
{
    RetainedScanMemory.Run();
    return;
}

if (args is ["engine-choices", ..])
{
    EngineChoices.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
